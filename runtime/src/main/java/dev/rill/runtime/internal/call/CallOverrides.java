package dev.rill.runtime.internal.call;

import dev.rill.api.Credential;
import java.util.Map;

/**
 * What one call sets for a provider instead of the client: a credential and extra headers, by provider id (so a
 * fallback to another provider never receives them).
 *
 * @param credentials per provider id
 * @param headers per provider id
 */
public record CallOverrides(Map<String, Credential> credentials, Map<String, Map<String, String>> headers) {
  public static final CallOverrides NONE = new CallOverrides(Map.of(), Map.of());

  public CallOverrides {
    credentials = Map.copyOf(credentials);
    Map<String, Map<String, String>> copy = new java.util.HashMap<>();
    headers.forEach((k, v) -> copy.put(k, java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(v))));
    headers = Map.copyOf(copy);
  }

  public boolean isEmpty() {
    return credentials.isEmpty() && headers.isEmpty();
  }
}
