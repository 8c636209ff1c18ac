package dev.rill.provider.bedrock;

import dev.rill.provider.bedrock.internal.AwsCredentials;
import dev.rill.provider.bedrock.internal.Endpoints;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the standard AWS environment variables into the provider options {@link BedrockProvider} signs with. The
 * plugin itself reads no environment (a provider does no I/O and reads no configuration); the application passes the
 * result to the client:
 *
 * <pre>{@code
 * Rill.Builder builder = Rill.builder();
 * BedrockCredentials.fromEnvironment(System::getenv)
 *     .forEach((name, value) -> builder.option(BedrockProvider.ID, name, value));
 * }</pre>
 *
 * <p>Variables read, and the option each becomes: {@code AWS_ACCESS_KEY_ID} -> {@value #ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY} -> {@value #SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN} -> {@value #SESSION_TOKEN},
 * and {@code AWS_REGION}, else {@code AWS_DEFAULT_REGION} -> {@value #REGION}. Blank variables are left out. Shared
 * config files, profiles, SSO and instance roles are not read: resolve those with the AWS tooling of your choice and
 * pass the options. A Bedrock API key ({@code AWS_BEARER_TOKEN_BEDROCK}) needs none of this: the runtime reads it as
 * the provider's key.
 *
 * <p>The returned map's {@code toString()} hides the secret key and the session token.
 *
 * @since 0.1
 */
public final class BedrockCredentials {

  /** The option holding the access key id. */
  public static final String ACCESS_KEY_ID = AwsCredentials.ACCESS_KEY_ID;
  /** The option holding the secret access key. */
  public static final String SECRET_ACCESS_KEY = AwsCredentials.SECRET_ACCESS_KEY;
  /** The option holding the session token of temporary credentials. */
  public static final String SESSION_TOKEN = AwsCredentials.SESSION_TOKEN;
  /** The option naming the AWS region. */
  public static final String REGION = Endpoints.REGION_OPTION;

  private BedrockCredentials() {}

  /**
   * The provider options found through {@code environment} (such as {@code System::getenv}), in the order
   * access key id, secret key, session token, region; only those set.
   */
  public static Map<String, String> fromEnvironment(Function<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    Map<String, String> options = new LinkedHashMap<>();
    put(options, ACCESS_KEY_ID, environment.apply("AWS_ACCESS_KEY_ID"));
    put(options, SECRET_ACCESS_KEY, environment.apply("AWS_SECRET_ACCESS_KEY"));
    put(options, SESSION_TOKEN, environment.apply("AWS_SESSION_TOKEN"));
    String region = environment.apply("AWS_REGION");
    put(options, REGION, region != null && !region.isBlank() ? region : environment.apply("AWS_DEFAULT_REGION"));
    return new RedactedOptions(options);
  }

  private static void put(Map<String, String> options, String name, String value) {
    if (value != null && !value.isBlank()) {
      options.put(name, value.strip());
    }
  }

  /** An unmodifiable map whose {@code toString()} shows {@code ***} for the secret key and the session token. */
  private static final class RedactedOptions extends AbstractMap<String, String> {
    private final Map<String, String> options;

    RedactedOptions(Map<String, String> options) {
      this.options = java.util.Collections.unmodifiableMap(options);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      return options.entrySet();
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("{");
      for (Entry<String, String> e : options.entrySet()) {
        if (sb.length() > 1) {
          sb.append(", ");
        }
        boolean secret = e.getKey().equals(SECRET_ACCESS_KEY) || e.getKey().equals(SESSION_TOKEN);
        sb.append(e.getKey()).append('=').append(secret ? "***" : e.getValue());
      }
      return sb.append('}').toString();
    }
  }
}
