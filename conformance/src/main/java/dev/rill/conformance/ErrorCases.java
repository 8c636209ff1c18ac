package dev.rill.conformance;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shared table of generic error responses: every status of {@link ProviderError#kindForStatus} with bodies
 * that carry no provider-specific code (empty, plain text, an HTML error page, a generic JSON error), each expected
 * to get the shared kind. Rule E3.1 runs it against every plugin; it is also the default of
 * {@link ProviderVerification#errorBodies()}.
 *
 * @since 0.1
 */
public final class ErrorCases {

  /** The statuses of the shared table. */
  public static final List<Integer> STATUSES =
      List.of(400, 401, 403, 404, 408, 409, 413, 422, 429, 500, 502, 503, 504, 529);

  private ErrorCases() {}

  /** Every status of {@link #STATUSES} with each generic body. */
  public static List<ErrorCase> generic() {
    List<ErrorCase> out = new ArrayList<>();
    for (int status : STATUSES) {
      ErrorKind kind = ProviderError.kindForStatus(status);
      out.add(new ErrorCase(status + "-empty", status, Map.of(), new byte[0], kind, null));
      out.add(new ErrorCase(status + "-text", status, Map.of("content-type", "text/plain"),
          ("upstream said " + status).getBytes(StandardCharsets.UTF_8), kind, null));
      out.add(new ErrorCase(status + "-html", status, Map.of("content-type", "text/html"),
          ("<html><head><title>" + status + "</title></head><body><h1>Error " + status
              + "</h1></body></html>").getBytes(StandardCharsets.UTF_8), kind, null));
      out.add(ErrorCase.of(status + "-json", status,
          "{\"error\":{\"message\":\"request failed\",\"status\":" + status + "}}", kind));
    }
    return List.copyOf(out);
  }
}
