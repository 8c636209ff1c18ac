package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderSettings;
import dev.rill.conformance.reference.ReferenceProvider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Defect: the request carries {@code Connection: keep-alive}, as code written for HTTP/1.1 clients often adds. Over
 * HTTP/1.1 it is harmless; over HTTP/2 connection-specific headers make a request malformed (RFC 9113, 8.2.2), so
 * every stream fails before it is sent (HttpCore refuses it, as an HTTP/2 server resets it). Only the HTTP/2 rules
 * (L6) see it: the mutant that passes over HTTP/1.1 and fails over HTTP/2.
 */
public class ConnectionHeaderMutant extends ReferenceProvider {
  @Override
  public HttpCall prepare(ChatRequest request, ProviderSettings settings) {
    HttpCall call = super.prepare(request, settings);
    Map<String, String> headers = new LinkedHashMap<>(call.headers());
    headers.put("Connection", "keep-alive");
    return HttpCall.post(call.uri(), headers, call.body());
  }
}
