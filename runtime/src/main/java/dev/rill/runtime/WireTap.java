package dev.rill.runtime;

import dev.rill.api.HttpCall;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Sees the raw bytes of an exchange, as sent and received: for recording transcripts ({@code rill record}),
 * debugging a provider, or capturing what a plugin could not read. Set it per call with
 * {@link StreamOptions.Builder#wireTap} or in an interceptor with {@link Interceptor.Chain#withWireTap}.
 *
 * <p>Credentials never reach a tap through a header: the request comes through
 * {@link HttpCall#withoutCredentials()} (credential headers, query parameters and user info read {@code ***}), and the
 * response head's credential headers ({@code Set-Cookie}..., {@link dev.rill.api.Redaction#isSensitiveHeader}) read
 * {@code ***} too. Bodies are given as received: a response body may echo a key (some providers quote it in an
 * error), so scrub bodies before storing them ({@link dev.rill.api.Redaction#applyToReads}, as {@code rill record}
 * does). The request's own body is in the {@link HttpCall}.
 *
 * <p>Per exchange (each attempt of a call that an interceptor retries is one), in order: {@code onRequest} once;
 * then, if a response came, {@code onResponseHead} once and {@code onResponseBody} per read; then {@code onEnd}
 * once, and nothing after it. A response body is tapped until the stream ends: up to the protocol's terminator
 * (bytes a server sends after it are not read), or the error body's end or deadline. Methods run on the client's
 * I/O thread ({@code onEnd} on whichever thread ended the exchange: a timer for a deadline, the caller of a cancel):
 * keep them short and never block. An exception thrown here is logged and ignored.
 *
 * @since 0.1
 */
public interface WireTap {

  /** The request about to be sent, credential headers and key parameters redacted. */
  default void onRequest(HttpCall call) {}

  /**
   * The response head; header names in lower case, repeated headers joined with {@code ", "}, credential headers
   * {@code ***}.
   */
  default void onResponseHead(int status, Map<String, String> headers) {}

  /** Body bytes as read, before decoding; a read-only view valid only during the call (copy what you keep). */
  default void onResponseBody(ByteBuffer bytes) {}

  /**
   * The exchange ended: the body ended, or it was stopped (an error, a cancel, a deadline). Called once, only after
   * {@code onRequest}; nothing reaches the tap after it.
   */
  default void onEnd() {}
}
