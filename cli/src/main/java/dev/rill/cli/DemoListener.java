package dev.rill.cli;

import dev.rill.api.RillException;
import dev.rill.runtime.CallInfo;
import dev.rill.runtime.StreamListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.core.JsonGenerator;

/**
 * The demo's {@link StreamListener}: prints retries, fallbacks and warnings as they happen (through
 * {@link DemoOutput#event}) and keeps them, so the summary can say what enhanced mode did.
 */
final class DemoListener implements StreamListener {
  private static final int SHOWN = 200;

  /** One retry: the attempt that failed, the wait before the next one and why. */
  record Retry(int failedAttempt, Duration delay, RillException cause) {
    boolean fromRetryAfter() {
      return cause.retryAfter().isPresent() && cause.retryAfter().get().equals(delay);
    }
  }

  /** One fallback: the spec that failed, the next one and why. */
  record Fallback(String from, String to, RillException cause) {}

  private final DemoOutput output;
  final List<Retry> retries = new CopyOnWriteArrayList<>();
  final List<Fallback> fallbacks = new CopyOnWriteArrayList<>();
  final List<String> warnings = new CopyOnWriteArrayList<>();

  DemoListener(DemoOutput output) {
    this.output = output;
  }

  @Override
  public void onRetry(CallInfo call, int nextAttempt, Duration delay, RillException cause) {
    Retry retry = new Retry(call.attempt(), delay, cause);
    retries.add(retry);
    output.event("retry", "attempt " + call.attempt() + " to " + spec(call) + " failed: " + failure(cause)
        + "; attempt " + nextAttempt + " in " + delay.toMillis() + " ms"
        + (retry.fromRetryAfter() ? " (as the server's Retry-After asked)" : " (back-off)"), g -> {
          g.writeNumberProperty("failedAttempt", call.attempt());
          g.writeNumberProperty("nextAttempt", nextAttempt);
          g.writeNumberProperty("delayMillis", delay.toMillis());
          g.writeBooleanProperty("fromRetryAfter", retry.fromRetryAfter());
          cause(g, cause);
        });
  }

  @Override
  public void onFallback(CallInfo call, String nextSpec, RillException cause) {
    fallbacks.add(new Fallback(spec(call), nextSpec, cause));
    output.event("fallback", spec(call) + " failed: " + failure(cause) + "; moving on to " + nextSpec, g -> {
      g.writeStringProperty("from", spec(call));
      g.writeStringProperty("to", nextSpec);
      cause(g, cause);
    });
  }

  @Override
  public void onWarning(CallInfo call, String warning) {
    warnings.add(warning);
    output.event("warning", shorten(warning), g -> g.writeStringProperty("warning", warning));
  }

  private static String spec(CallInfo call) {
    return call.provider() + ":" + call.model();
  }

  /** {@code RATE_LIMITED (HTTP 429, Retry-After 1000 ms)}. */
  static String failure(RillException e) {
    StringBuilder sb = new StringBuilder(e.kind().name());
    StringBuilder detail = new StringBuilder();
    e.httpStatus().ifPresent(s -> detail.append("HTTP ").append(s));
    e.retryAfter().ifPresent(d -> detail.append(detail.length() > 0 ? ", " : "").append("Retry-After ")
        .append(d.toMillis()).append(" ms"));
    if (detail.length() > 0) {
      sb.append(" (").append(detail).append(')');
    }
    return sb.toString();
  }

  /** {@code "cause": {"kind","httpStatus","message"}}. */
  private static void cause(JsonGenerator g, RillException e) {
    g.writeObjectPropertyStart("cause");
    g.writeStringProperty("kind", e.kind().name());
    if (e.httpStatus().isPresent()) {
      g.writeNumberProperty("httpStatus", e.httpStatus().getAsInt());
    }
    g.writeStringProperty("message", e.getMessage());
    g.writeEndObject();
  }

  static String shorten(String text) {
    String flat = text.replace('\n', ' ').replace('\r', ' ');
    return flat.length() > SHOWN ? flat.substring(0, SHOWN) + "..." : flat;
  }
}
