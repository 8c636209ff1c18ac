package dev.rill.runtime.internal.exchange;

import dev.rill.api.HttpCall;
import dev.rill.api.Redaction;
import dev.rill.runtime.WireTap;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A user's {@link WireTap} as the exchange calls it: credentials redacted from the request and from the response
 * head's credential headers, the body as a read-only view, {@code onEnd} once and nothing after it, and an exception
 * from the tap logged and ignored.
 */
final class SafeTap {
  private static final System.Logger LOG = System.getLogger(SafeTap.class.getName());

  private final WireTap tap;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile boolean started;

  SafeTap(WireTap tap) {
    this.tap = tap;
  }

  void request(HttpCall call) {
    started = true;
    run(() -> tap.onRequest(call.withoutCredentials()));
  }

  void head(int status, Map<String, String> headers) {
    if (ended.get()) {
      return;
    }
    Map<String, String> safe = headers;
    for (String name : headers.keySet()) {
      if (Redaction.isSensitiveHeader(name)) {
        Map<String, String> copy = new LinkedHashMap<>();
        headers.forEach((k, v) -> copy.put(k, Redaction.isSensitiveHeader(k) ? Redaction.MASK : v));
        safe = Collections.unmodifiableMap(copy);
        break;
      }
    }
    Map<String, String> view = safe;
    run(() -> tap.onResponseHead(status, view));
  }

  void body(ByteBuffer bytes) {
    if (ended.get()) {
      return;
    }
    ByteBuffer view = bytes.asReadOnlyBuffer();
    run(() -> tap.onResponseBody(view));
  }

  void end() {
    if (started && ended.compareAndSet(false, true)) {
      run(tap::onEnd);
    }
  }

  private static void run(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "a WireTap threw; ignored", e);
    }
  }
}
