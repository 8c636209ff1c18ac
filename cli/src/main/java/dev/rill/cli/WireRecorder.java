package dev.rill.cli;

import dev.rill.api.HttpCall;
import dev.rill.runtime.WireTap;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The {@link WireTap} behind {@code rill record}: keeps what the runtime sent and received for one call (the
 * request as the tap gives it, credentials already masked; the status and content type; a copy of each body read)
 * and hears the end of the exchange. A second attempt (an interceptor that retries) replaces the first: the last
 * exchange is the recording. Called on the client's I/O thread; read after {@link #awaitEnd}.
 */
final class WireRecorder implements WireTap {
  private final CountDownLatch ended = new CountDownLatch(1);
  private String upstream;
  private Map<String, String> requestHeaders = Map.of();
  private int status;
  private String contentType;
  private List<byte[]> reads = new ArrayList<>();

  @Override
  public synchronized void onRequest(HttpCall call) {
    upstream = call.uri().toString();
    Map<String, String> headers = new LinkedHashMap<>();
    call.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
    requestHeaders = headers;
    status = 0;
    contentType = null;
    reads = new ArrayList<>();
  }

  @Override
  public synchronized void onResponseHead(int status, Map<String, String> headers) {
    this.status = status;
    this.contentType = headers.get("content-type");
  }

  @Override
  public synchronized void onResponseBody(ByteBuffer bytes) {
    byte[] copy = new byte[bytes.remaining()];
    bytes.duplicate().get(copy);
    if (copy.length > 0) {
      reads.add(copy);
    }
  }

  @Override
  public void onEnd() {
    ended.countDown();
  }

  /** Waits at most {@code limit} for the exchange to end; whether it did. */
  boolean awaitEnd(Duration limit) {
    try {
      return ended.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** What was recorded, or null when no request was sent (the call failed before it). */
  synchronized Recording recording() {
    return upstream == null ? null : new Recording(upstream, requestHeaders, status, contentType, List.copyOf(reads));
  }
}
