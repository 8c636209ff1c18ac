package dev.rill.cli;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.TimeoutPhase;
import dev.rill.runtime.ChatStream;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.server.WireServer;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import tools.jackson.core.JsonGenerator;

/**
 * {@code rill demo --fault KIND}: replays a golden transcript with one {@link Fault} injected, streams it through
 * the enhanced pipeline, prints what happened in plain words (the fault, what enhanced mode did, the error kind
 * and partial or the recovered response) and exits 0 when the outcome is the one the scenario expects.
 */
final class FaultDemo {
  private final Fault fault;
  private final Golden golden;
  private final double speed;
  private final boolean json;
  private final boolean verbose;
  private final boolean color;
  private final PrintWriter out;
  private final Map<String, String> options;

  FaultDemo(Fault fault, Golden golden, double speed, boolean json, boolean verbose, boolean color, PrintWriter out,
      Map<String, String> options) {
    this.options = options;
    this.fault = fault;
    this.golden = golden;
    this.speed = speed;
    this.json = json;
    this.verbose = verbose;
    this.color = color;
    this.out = out;
  }

  int run() {
    List<byte[]> events = WireSplitter.split(golden.framing(), golden.wire());
    String model = golden.model() != null ? golden.model() : "demo";
    String prompt = golden.prompt() != null ? golden.prompt() : "Hello!";
    Fault.Scenario s = fault.scenario(golden, events, new Replay(speed, golden.name().hashCode()), model);
    String id = golden.providerId();
    try (WireServer primary = WireServer.start();
        WireServer secondary = s.secondary().isEmpty() ? null : WireServer.start()) {
      s.primary().forEach(primary::enqueue);
      Rill.Builder client = DemoCommand.client(id, base(primary), options);
      if (secondary != null) {
        s.secondary().forEach(secondary::enqueue);
        client.baseUrl(Fault.FALLBACK_PROVIDER, base(secondary)).apiKey(Fault.FALLBACK_PROVIDER, DemoCommand.DEMO_KEY);
      }
      if (!json) {
        out.println("rill demo --fault " + fault.id + ": " + id + " / " + golden.name() + ", " + events.size() + " "
            + golden.framing() + " events from " + base(primary) + " at speed " + DemoCommand.trim(speed) + "x");
        row("fault", s.injected());
        row("enhanced mode", s.configured());
        row("expected", s.expected());
        out.println();
        out.println("> " + prompt);
        out.println();
        out.flush();
      }
      Clock clock = Clock.systemUTC();
      Instant start = clock.instant();
      DemoOutput output = new DemoOutput(out, json, color, true, verbose, start);
      DemoListener listener = new DemoListener(output);
      StreamOptions.Builder options = StreamOptions.enhancedBuilder().listener(listener)
          .retry(s.retry()).malformedEvents(s.malformed());
      if (s.idleTimeout() != null) {
        options.idleTimeout(s.idleTimeout());
      }
      if (s.fallbackSpec() != null) {
        options.fallback(s.fallbackSpec());
      }
      ChatResponse response = null;
      RillException error = null;
      long t0 = System.nanoTime();
      try (Rill rill = client.build()) {
        ChatRequest request = ChatRequest.builder(id + ":" + model).user(prompt).build();
        try (ChatStream stream = rill.stream(request, options.build())) {
          response = stream.forEach(output::chunk).join();
        } catch (CompletionException | RillException e) {
          error = StreamCommand.asRillException(e);
        }
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
      output.finish();
      Fault.Outcome outcome = new Fault.Outcome(golden, response, error, listener);
      List<String> unmet = fault.unmet(outcome);
      if (json) {
        writeJson(output.lines(), s, outcome, elapsed, unmet);
      } else {
        print(s, outcome, elapsed, unmet);
      }
      out.flush();
      return unmet.isEmpty() ? RillCommand.OK : RillCommand.STREAM_ERROR;
    }
  }

  /** One line per thing enhanced mode did, from what the listener heard and the error. */
  private List<String> whatHappened(Fault.Scenario s, Fault.Outcome o) {
    List<String> lines = new ArrayList<>();
    for (DemoListener.Retry r : o.listener().retries) {
      lines.add("retried after " + r.delay().toMillis() + " ms"
          + (r.fromRetryAfter() ? " (the server's Retry-After)" : " (back-off)") + ": attempt " + r.failedAttempt()
          + " got " + DemoListener.failure(r.cause()));
    }
    for (DemoListener.Fallback f : o.listener().fallbacks) {
      lines.add("fell back from " + f.from() + " to " + f.to() + " after " + DemoListener.failure(f.cause()));
    }
    long skipped = o.listener().warnings.stream().filter(w -> w.contains("skipped malformed event")).count();
    if (skipped > 0) {
      lines.add("skipped " + skipped + " malformed event" + (skipped == 1 ? "" : "s")
          + " and went on (policy SKIP; the default, FAIL, would have ended the stream)");
    }
    for (String w : o.listener().warnings) {
      if (!w.contains("skipped malformed event")) {
        lines.add("warned: " + DemoListener.shorten(w));
      }
    }
    RillException e = o.error();
    if (e != null) {
      if (e.kind() == ErrorKind.TIMEOUT && e.timeoutPhase().isPresent()) {
        TimeoutPhase phase = e.timeoutPhase().get();
        Duration limit = phase == TimeoutPhase.IDLE ? s.idleTimeout() : null;
        lines.add("timed out" + (limit == null ? "" : " after " + limit.toMillis() + " ms") + " "
            + phaseWords(phase) + " (phase " + phase + ")");
      } else if (e.kind() == ErrorKind.STREAM_INTERRUPTED) {
        lines.add("saw the connection break after the response started: STREAM_INTERRUPTED");
      } else if (e.kind() == ErrorKind.TRUNCATED) {
        lines.add("saw the body end without the protocol's terminator: TRUNCATED");
      } else {
        lines.add("failed with " + DemoListener.failure(e));
      }
      if (e.hadOutput()) {
        lines.add("did not retry: output had already reached the caller; the partial response is attached");
      }
    } else if (lines.isEmpty()) {
      lines.add("nothing: the stream completed on its own");
    }
    return lines;
  }

  private static String phaseWords(TimeoutPhase phase) {
    return switch (phase) {
      case IDLE -> "without a wire event";
      case FIRST_CHUNK -> "waiting for the first chunk";
      case TOTAL -> "for the whole call";
      case POOL -> "waiting for a pooled connection";
      case CONNECT -> "connecting";
      case PROVIDER -> "on the provider's side";
    };
  }

  private void print(Fault.Scenario s, Fault.Outcome o, Duration elapsed, List<String> unmet) {
    out.println();
    out.println("---");
    row("fault", fault.id + ": " + s.injected());
    List<String> happened = whatHappened(s, o);
    for (int i = 0; i < happened.size(); i++) {
      row(i == 0 ? "what happened" : "", happened.get(i));
    }
    RillException e = o.error();
    if (e == null) {
      ChatResponse r = o.response();
      row("outcome", "recovered: the response from " + r.provider() + " / " + (r.model() == null ? "?" : r.model())
          + " after " + attempts(o) + " attempt" + (attempts(o) == 1 ? "" : "s"));
      row("text", r.text().length() + " chars in " + r.chunkCount() + " chunks, finish "
          + Text.finishReason(r.finishReason()) + ", usage " + Text.usage(r.usage()));
      if (fault == Fault.MALFORMED) {
        row("", "(the transcript has " + golden.expect().text().length() + " chars: the skipped event's are missing)");
      }
      timing(r.timing(), r.chunkCount(), elapsed);
      warnings(r.warnings());
    } else {
      ChatResponse p = e.partial();
      String phase = e.timeoutPhase().map(ph -> " (phase " + ph + ")").orElse("");
      row("outcome", "failed: " + e.kind() + phase + ", "
          + (e.hadOutput() ? "partial kept: " + p.text().length() + " chars of text in " + p.chunkCount() + " chunks"
              : "no output received"));
      if (e.hadOutput()) {
        row("partial", Text.quote(DemoListener.shorten(p.text())));
      }
      row("error", e.getMessage());
      timing(p == null ? null : p.timing(), p == null ? 0 : p.chunkCount(), elapsed);
      warnings(p == null ? List.of() : p.warnings());
    }
    if (unmet.isEmpty()) {
      row("verdict", "as expected: " + s.expected() + "; exit 0");
    } else {
      row("verdict", "NOT as expected, exit 1; expected " + s.expected() + ", but:");
      for (String u : unmet) {
        out.println("    " + u);
      }
    }
  }

  private int attempts(Fault.Outcome o) {
    if (o.error() != null) {
      return Math.max(1, o.error().attempts());
    }
    return o.response().timing() == null ? 1 : o.response().timing().attempts();
  }

  private void timing(ChatResponse.Timing t, long chunks, Duration elapsed) {
    if (t == null) {
      row("timing", "total " + Text.duration(elapsed) + " (measured by the demo)");
      return;
    }
    row("timing", "first chunk " + (t.timeToFirstChunk() == null ? "none" : Text.duration(t.timeToFirstChunk()))
        + ", duration " + Text.duration(t.duration()) + ", "
        + String.format(Locale.ROOT, "%.1f", t.chunksPerSecond(chunks)) + " chunks/s, " + t.attempts() + " attempt"
        + (t.attempts() == 1 ? "" : "s"));
  }

  private void warnings(List<String> warnings) {
    if (warnings.isEmpty()) {
      row("warnings", "none");
    }
    for (int i = 0; i < warnings.size(); i++) {
      row(i == 0 ? "warnings" : "", DemoListener.shorten(warnings.get(i)));
    }
  }

  private void row(String name, String value) {
    out.println(String.format(Locale.ROOT, "%-14s %s", name, value));
  }

  private void writeJson(JsonLines lines, Fault.Scenario s, Fault.Outcome o, Duration elapsed, List<String> unmet) {
    lines.line("outcome", g -> {
      g.writeStringProperty("fault", fault.id);
      g.writeStringProperty("transcript", golden.providerId() + "/" + golden.name());
      g.writeStringProperty("injected", s.injected());
      g.writeStringProperty("expected", s.expected());
      g.writeBooleanProperty("asExpected", unmet.isEmpty());
      stringArray(g, "unmet", unmet);
      RillException e = o.error();
      g.writeBooleanProperty("recovered", e == null);
      if (e == null) {
        g.writeNullProperty("kind");
        g.writeNullProperty("phase");
      } else {
        g.writeStringProperty("kind", e.kind().name());
        g.writeStringProperty("phase", e.timeoutPhase().map(Enum::name).orElse(null));
      }
      g.writeNumberProperty("attempts", attempts(o));
      g.writeNumberProperty("retries", o.listener().retries.size());
      g.writeNumberProperty("fallbacks", o.listener().fallbacks.size());
      ChatResponse folded = e == null ? o.response() : e.partial();
      JsonLines.warnings(g, folded == null ? List.of() : folded.warnings());
      stringArray(g, "whatHappened", whatHappened(s, o));
      if (e == null) {
        g.writeNullProperty("partial");
        g.writeNullProperty("error");
        g.writeObjectPropertyStart("response");
        JsonLines.responseMembers(g, o.response(), true);
        g.writeEndObject();
      } else {
        if (folded == null) {
          g.writeNullProperty("partial");
        } else {
          g.writeObjectPropertyStart("partial");
          g.writeStringProperty("text", folded.text());
          g.writeNumberProperty("textLength", folded.text().length());
          g.writeNumberProperty("chunks", folded.chunkCount());
          g.writeEndObject();
        }
        g.writeObjectPropertyStart("error");
        g.writeStringProperty("kind", e.kind().name());
        g.writeStringProperty("message", e.getMessage());
        g.writeBooleanProperty("retryable", e.retryable());
        g.writeEndObject();
        g.writeNullProperty("response");
      }
      g.writeNumberProperty("elapsedMillis", JsonLines.millis(elapsed));
    });
  }

  private static void stringArray(JsonGenerator g, String name, List<String> values) {
    g.writeArrayPropertyStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static String base(WireServer server) {
    String base = server.baseUri().toString();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
