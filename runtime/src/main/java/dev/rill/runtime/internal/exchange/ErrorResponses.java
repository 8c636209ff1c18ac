package dev.rill.runtime.internal.exchange;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderError;
import dev.rill.api.RillException;
import dev.rill.api.StreamingProvider;
import dev.rill.api.TimeoutPhase;
import dev.rill.runtime.internal.transport.RetryAfter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/** Turns a response that is not a stream into its error: the plugin classifies an error status; a 2xx is malformed. */
final class ErrorResponses {
  private ErrorResponses() {}

  static RillException.Builder classify(StreamingProvider provider, int status, Map<String, String> headers,
      byte[] body, Clock clock) {
    RillException.Builder b;
    if (status >= 200 && status < 300) {
      String expected = provider.info().framing().mediaType();
      b = RillException.builder(ErrorKind.MALFORMED_RESPONSE)
          .message("HTTP " + status + " with content type '" + headers.get("content-type") + "', expected '"
              + expected + "': not a stream")
          .providerMessage(excerpt(body));
    } else {
      ProviderError pe;
      try {
        pe = provider.classifyError(status, headers, body);
      } catch (RuntimeException e) {
        pe = ProviderError.fromStatus(status, excerpt(body));
      }
      b = RillException.builder(pe.kind()).from(pe)
          .message("HTTP " + status + (pe.message() == null ? "" : ": " + pe.message()));
      if (pe.retryAfter() == null) {
        b.retryAfter(RetryAfter.parse(headers, clock));
      }
      if (pe.kind() == ErrorKind.TIMEOUT) {
        b.timeoutPhase(TimeoutPhase.PROVIDER);
      }
    }
    return b.httpStatus(status);
  }

  private static String excerpt(byte[] body) {
    String s = new String(body, StandardCharsets.UTF_8).strip();
    return s.isEmpty() ? null : s;
  }
}
