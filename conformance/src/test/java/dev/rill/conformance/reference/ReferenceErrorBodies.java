package dev.rill.conformance.reference;

import dev.rill.api.ErrorKind;
import dev.rill.conformance.ErrorCase;
import java.util.List;

/** The reference protocol's documented error bodies. */
public final class ReferenceErrorBodies {
  private ReferenceErrorBodies() {}

  public static List<ErrorCase> all() {
    return List.of(
        ErrorCase.of("quota", 429, "{\"error\":{\"type\":\"quota\",\"message\":\"credit exhausted\"}}",
            ErrorKind.QUOTA_EXHAUSTED).withCode("quota"),
        ErrorCase.of("rate-limit", 429, "{\"error\":{\"type\":\"rate_limit\",\"message\":\"slow down\"}}",
            ErrorKind.RATE_LIMITED).withCode("rate_limit"),
        ErrorCase.of("context", 400, "{\"error\":{\"type\":\"context_length\",\"message\":\"too long\"}}",
            ErrorKind.CONTEXT_LENGTH_EXCEEDED).withCode("context_length"),
        ErrorCase.of("overloaded", 529, "{\"error\":{\"type\":\"overloaded\",\"message\":\"busy\"}}",
            ErrorKind.OVERLOADED).withCode("overloaded"),
        ErrorCase.of("auth", 401, "{\"error\":{\"type\":\"auth\",\"message\":\"bad key\"}}",
            ErrorKind.AUTHENTICATION).withCode("auth"));
  }
}
