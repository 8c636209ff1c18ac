package dev.rill.cli;

import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.TimeoutPhase;
import dev.rill.runtime.MalformedEventPolicy;
import dev.rill.runtime.RetryPolicy;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.server.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The faults {@code rill demo --fault KIND} injects into a golden transcript's replay, each with the enhanced
 * options it runs under and the outcome it must end in: the expected error (with the partial kept) or the
 * recovered response.
 */
enum Fault {
  STALL("stall"),
  DISCONNECT("disconnect"),
  RATE_LIMIT("rate-limit"),
  MALFORMED("malformed"),
  TRUNCATE("truncate"),
  OVERLOADED_FALLBACK("overloaded-fallback");

  /** The idle timeout of the stall scenario, short so the demo ends quickly. */
  static final Duration STALL_IDLE_TIMEOUT = Duration.ofSeconds(1);
  /** The provider id the fallback scenario moves to: the generic OpenAI-compatible row, served by a second server. */
  static final String FALLBACK_PROVIDER = "openai-compatible";
  /** The wire family the fallback scenario needs (the fallback provider speaks it). */
  static final String FALLBACK_FAMILY = "openai-chat";
  static final RetryPolicy FALLBACK_RETRY = RetryPolicy.attempts(2)
      .withBackoff(Duration.ofMillis(250), Duration.ofMillis(250));

  private static final String RATE_LIMIT_BODY = "{\"error\":{\"message\":\"Rate limit reached for requests per minute."
      + " Please try again in 1s.\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}";
  private static final String OVERLOADED_BODY = "{\"error\":{\"message\":\"The server is currently overloaded with"
      + " other requests. Please retry.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}";

  final String id;

  Fault(String id) {
    this.id = id;
  }

  /** The fault with this command-line id. */
  static Optional<Fault> parse(String id) {
    return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
  }

  /** Every command-line id, in order. */
  static List<String> ids() {
    return Arrays.stream(values()).map(f -> f.id).toList();
  }

  /** The ids for picocli's {@code ${COMPLETION-CANDIDATES}}. */
  static final class Ids implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return ids().iterator();
    }
  }

  /**
   * What a scenario serves and how it is run.
   *
   * @param primary the responses of the transcript's provider, in order
   * @param secondary the responses of the fallback provider's server (empty: no second server)
   * @param fallbackSpec the model spec to fall back to, or null
   * @param idleTimeout the idle timeout, or null for the enhanced default
   * @param retry the retry policy
   * @param malformed the malformed-event policy
   * @param injected the fault, in plain words
   * @param configured what enhanced mode is set to do, in plain words
   * @param expected the outcome the scenario expects, in plain words
   */
  record Scenario(List<Response> primary, List<Response> secondary, String fallbackSpec, Duration idleTimeout,
      RetryPolicy retry, MalformedEventPolicy malformed, String injected, String configured, String expected) {}

  /**
   * The scenario over a transcript's events: the replay cut at an event boundary (about half way), or served
   * whole after an error status, or with one event corrupted.
   */
  Scenario scenario(Golden golden, List<byte[]> events, Replay replay, String model) {
    String type = golden.framing().mediaType();
    int n = events.size();
    int cut = Math.max(1, n / 2);
    List<byte[]> head = events.subList(0, cut);
    String defaults = "retries only before output; a failure after output keeps the partial response";
    return switch (this) {
      case STALL -> new Scenario(List.of(replay.paced(type, head).stallForever()), List.of(), null,
          STALL_IDLE_TIMEOUT, RetryPolicy.DEFAULT, MalformedEventPolicy.FAIL,
          "after " + cut + " of " + n + " events the server goes silent, holding the connection open",
          "idle timeout " + STALL_IDLE_TIMEOUT.toMillis() + " ms (short for the demo; the default is 90 s); "
              + defaults,
          "TIMEOUT in phase IDLE after " + STALL_IDLE_TIMEOUT.toMillis() + " ms of silence, the partial kept");
      case DISCONNECT -> new Scenario(List.of(replay.paced(type, head).closeMidStream()), List.of(), null, null,
          RetryPolicy.DEFAULT, MalformedEventPolicy.FAIL,
          "after " + cut + " of " + n + " events the server closes the connection in the middle of the body",
          "defaults: " + defaults,
          "STREAM_INTERRUPTED with the partial text");
      case TRUNCATE -> new Scenario(List.of(replay.paced(type, head)), List.of(), null, null,
          RetryPolicy.DEFAULT, MalformedEventPolicy.FAIL,
          "the body ends cleanly after " + cut + " of " + n + " events, without the protocol's terminator",
          "defaults: the end of every stream is checked for its terminator; " + defaults,
          "TRUNCATED with the partial text");
      case RATE_LIMIT -> new Scenario(List.of(
              Response.json(429, RATE_LIMIT_BODY).header("Retry-After", "1"), replay.paced(type, events)),
          List.of(), null, null, RetryPolicy.DEFAULT, MalformedEventPolicy.FAIL,
          "the first request gets HTTP 429 with Retry-After: 1, the second the normal stream",
          "defaults: up to " + RetryPolicy.DEFAULT.maxAttempts() + " attempts before any output, Retry-After "
              + "honoured, a " + RetryPolicy.DEFAULT.budget().toSeconds() + " s retry budget",
          "one retry after 1 s, then the full response (attempts 2)");
      case MALFORMED -> {
        int bad = corruptible(events);
        List<byte[]> corrupted = new ArrayList<>(events);
        corrupted.set(bad, corrupt(events.get(bad)));
        yield new Scenario(List.of(replay.paced(type, corrupted)), List.of(), null, null, RetryPolicy.DEFAULT,
            MalformedEventPolicy.SKIP,
            "event " + (bad + 1) + " of " + n + " is invalid JSON (its last closing brace removed)",
            "malformed events: SKIP (the default is FAIL: the stream would end with MALFORMED_RESPONSE and the "
                + "raw event text)",
            "1 event skipped and reported as a warning, then the rest of the response");
      }
      case OVERLOADED_FALLBACK -> {
        String spec = FALLBACK_PROVIDER + ":" + model;
        Response overloaded = Response.json(503, OVERLOADED_BODY);
        yield new Scenario(List.of(overloaded, overloaded), List.of(replay.paced(type, events)), spec, null,
            FALLBACK_RETRY, MalformedEventPolicy.FAIL,
            golden.providerId() + " answers HTTP 503 twice; " + FALLBACK_PROVIDER + ", a second provider id on a "
                + "second loopback server, streams the answer",
            FALLBACK_RETRY.maxAttempts() + " attempts per model spec, " + FALLBACK_RETRY.initialBackoff().toMillis()
                + " ms back-off, then fallback to " + spec,
            "a retry, a fallback to " + FALLBACK_PROVIDER + ", then the full response (attempts 3)");
      }
    };
  }

  /** The conditions of the expected outcome that {@code outcome} does not meet; empty when it is as expected. */
  List<String> unmet(Outcome o) {
    List<String> out = new ArrayList<>();
    switch (this) {
      case STALL -> {
        failure(o, ErrorKind.TIMEOUT, out);
        if (o.error() != null && o.error().timeoutPhase().orElse(null) != TimeoutPhase.IDLE) {
          out.add("the timeout phase was " + o.error().timeoutPhase().map(Enum::name).orElse("none") + ", not IDLE");
        }
      }
      case DISCONNECT -> failure(o, ErrorKind.STREAM_INTERRUPTED, out);
      case TRUNCATE -> failure(o, ErrorKind.TRUNCATED, out);
      case RATE_LIMIT -> {
        recovery(o, 2, true, out);
        if (o.listener().retries.size() != 1 || !o.listener().retries.get(0).fromRetryAfter()
            || !o.listener().retries.get(0).delay().equals(Duration.ofSeconds(1))) {
          out.add("expected one retry after the 1 s Retry-After, saw " + o.listener().retries);
        }
      }
      case MALFORMED -> {
        recovery(o, 1, false, out);
        long skips = o.response() == null ? 0
            : o.response().warnings().stream().filter(w -> w.contains("skipped malformed event")).count();
        if (o.response() != null && skips != 1) {
          out.add("expected 1 skipped-event warning in the response, saw " + skips);
        }
        if (o.listener().warnings.stream().noneMatch(w -> w.contains("skipped malformed event"))) {
          out.add("the listener heard no skipped-event warning");
        }
        if (o.response() != null && !Objects.equals(o.response().finishReason(), o.golden().expect().finishReason())) {
          out.add("finish reason " + o.response().finishReason() + ", expected " + o.golden().expect().finishReason());
        }
      }
      case OVERLOADED_FALLBACK -> {
        recovery(o, 3, true, out);
        if (o.response() != null && !FALLBACK_PROVIDER.equals(o.response().provider())) {
          out.add("answered by " + o.response().provider() + ", expected " + FALLBACK_PROVIDER);
        }
        if (o.listener().fallbacks.size() != 1) {
          out.add("expected 1 fallback, saw " + o.listener().fallbacks.size());
        }
      }
    }
    return out;
  }

  private static void failure(Outcome o, ErrorKind kind, List<String> out) {
    if (o.error() == null) {
      out.add("expected " + kind + " but the stream completed");
      return;
    }
    if (o.error().kind() != kind) {
      out.add("expected " + kind + " but got " + o.error().kind() + ": " + o.error().getMessage());
    }
    if (!o.error().hadOutput()) {
      out.add("expected the partial output to be kept, but the error carries none");
    }
  }

  private static void recovery(Outcome o, int attempts, boolean matchGolden, List<String> out) {
    if (o.error() != null) {
      out.add("expected a recovered response but the stream failed: " + o.error().getMessage());
      return;
    }
    ChatResponse r = o.response();
    int actual = r.timing() == null ? -1 : r.timing().attempts();
    if (actual != attempts) {
      out.add("expected " + attempts + " attempt(s), the response says " + actual);
    }
    if (matchGolden) {
      out.addAll(o.golden().expect().mismatches(r));
    }
  }

  /** The index of the event to corrupt: the first from the middle on that holds a JSON object. */
  static int corruptible(List<byte[]> events) {
    for (int i = events.size() / 2; i < events.size(); i++) {
      if (lastBrace(events.get(i)) >= 0) {
        return i;
      }
    }
    for (int i = 0; i < events.size(); i++) {
      if (lastBrace(events.get(i)) >= 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("no event holds a JSON object");
  }

  /** The event without its last {@code '}'}: its JSON no longer closes. */
  static byte[] corrupt(byte[] event) {
    int at = lastBrace(event);
    byte[] out = new byte[event.length - 1];
    System.arraycopy(event, 0, out, 0, at);
    System.arraycopy(event, at + 1, out, at, event.length - at - 1);
    return out;
  }

  private static int lastBrace(byte[] event) {
    for (int i = event.length - 1; i >= 0; i--) {
      if (event[i] == '}') {
        return i;
      }
    }
    return -1;
  }

  /** What a fault run ended in. */
  record Outcome(Golden golden, ChatResponse response, RillException error, DemoListener listener) {}
}
