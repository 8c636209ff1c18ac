package dev.rill.examples.guide;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.framing.DecodeLimits;
import dev.rill.runtime.Rill;
import java.util.concurrent.CompletionException;

/** Tightening the caps on what one response may make the client hold. */
public final class Limits {
  private Limits() {}

  /**
   * A client that keeps at most {@code maxChars} characters of one answer.
   *
   * @param maxChars the fold's cap
   * @param request the request
   * @return the answer, or what the limit left of it
   */
  public static String capped(int maxChars, ChatRequest request) {
    // tag::limits[]
    try (Rill rill = Rill.builder()
        .limits(DecodeLimits.DEFAULT.withMaxFoldChars(maxChars))  // default 16 Mi characters
        .maxRequestBytes(4 * 1024 * 1024)                        // default 32 MiB
        .build()) {
      return rill.stream(request).text().join();
    } catch (CompletionException e) {
      RillException error = (RillException) e.getCause();
      if (error.kind() != ErrorKind.LIMIT_EXCEEDED) {
        throw error;
      }
      return error.partial().text() + " [cut: " + error.limit().orElseThrow() + "]";
    }
    // end::limits[]
  }
}
