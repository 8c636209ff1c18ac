package dev.rill.runtime;

import dev.rill.api.HttpCall;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Sees the raw bytes of an exchange, as sent and received: for recording transcripts ({@code rill record}),
 * debugging a provider, or capturing what a plugin could not read. Set it per call with
 * {@link StreamOptions.Builder#wireTap} or in an interceptor with {@link Interceptor.Chain#withWireTap}.
 *
 * <p>Credentials never reach a tap: the request comes through {@link HttpCall#withoutCredentials()}. A response
 * body may still echo a key (some providers quote it in an error); scrub bodies before storing them. Methods run
 * on the client's I/O thread, in order: keep them short and never block. An exception thrown here is logged and
 * ignored.
 *
 * @since 0.1
 */
public interface WireTap {

  /** The request about to be sent, credential headers and key parameters redacted. */
  default void onRequest(HttpCall call) {}

  /** The response head; header names in lower case, repeated headers joined with {@code ", "}. */
  default void onResponseHead(int status, Map<String, String> headers) {}

  /** Body bytes as read, before decoding; a read-only view valid only during the call (copy what you keep). */
  default void onResponseBody(ByteBuffer bytes) {}

  /** The exchange ended: the body ended, or it was stopped (an error, a cancel, a deadline). Called once. */
  default void onEnd() {}
}
