package dev.rill.cli;

import dev.rill.api.Framing;
import dev.rill.api.HttpCall;
import dev.rill.api.Redaction;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One recorded exchange, as {@code rill record} writes it.
 *
 * @param upstream the request URL, credentials redacted
 * @param requestHeaders the request headers the plugin set (names in lower case; credential headers {@code ***})
 * @param status the response status (0 when no response head came)
 * @param contentType the response content type, or null
 * @param reads the response body, one entry per read of the HTTP client, as received
 */
record Recording(String upstream, Map<String, String> requestHeaders, int status, String contentType,
    List<byte[]> reads) {

  /**
   * A copy without the credentials {@code r} knows, in the URL, header values, the content type and the body. The
   * body keeps its read structure ({@link Redaction#applyToReads}); an AWS event-stream body is redacted message by
   * message ({@link EventStreamRedaction}), so it still frames.
   */
  Recording redacted(Redaction r, Framing framing) {
    Map<String, String> safe = new LinkedHashMap<>();
    requestHeaders.forEach((k, v) -> safe.put(k, HttpCall.isSensitiveHeader(k) ? Redaction.MASK : r.apply(v)));
    List<byte[]> body = framing == Framing.AWS_EVENT_STREAM ? EventStreamRedaction.apply(r, reads)
        : r.applyToReads(reads);
    return new Recording(r.apply(upstream), safe, status, r.apply(contentType), List.copyOf(body));
  }

  /** The body, its reads concatenated. */
  byte[] body() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    reads.forEach(b::writeBytes);
    return b.toByteArray();
  }
}
