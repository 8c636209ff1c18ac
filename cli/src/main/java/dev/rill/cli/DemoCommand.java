package dev.rill.cli;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.Framing;
import dev.rill.api.RillException;
import dev.rill.runtime.ChatStream;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rill demo}: replays a golden transcript shipped in a provider jar over real loopback HTTP, with
 * realistic pacing, and streams it through the whole stack (transport, framer, the provider's decoder, the
 * chunk stream), printing tokens as they arrive and then a summary. Needs no network and no key.
 *
 * <p>The replay server sends one event per network write, 15 to 40 ms apart after a first-token latency of
 * about 300 ms, all divided by {@code --speed}. The result is checked against the transcript's expectation:
 * a difference is a bug and exits 1. A transcript that documents an error (an error event mid-stream) ends
 * in that error, reported, with exit 0 when it is the expected one.
 *
 * <p>{@code --enhanced} streams through {@link StreamOptions#enhanced()}: each chunk's metadata is shown as it
 * arrives, retries, fallbacks and warnings are printed by a {@link DemoListener} as they happen, and the summary
 * adds the pipeline's timing and warnings. {@code --fault KIND} injects a {@link Fault} into the replay (see
 * {@link FaultDemo}).
 */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    name = "demo",
    header = "Replay a golden transcript through the whole stack, offline; --enhanced, --fault KIND.",
    description = {"Replays a provider's golden transcript over loopback HTTP with realistic pacing and streams it"
        + " through Rill, printing tokens as they arrive, then a summary. Offline; no key needed.",
        "",
        "--enhanced streams through the enhanced pipeline: each token is preceded by its chunk metadata"
        + " [#index +ms-since-previous-chunk wire-bytes], retries/fallbacks/warnings are printed as they happen,"
        + " and the summary adds time to first chunk, duration, chunks/s, attempts and warnings.",
        "",
        "--fault KIND injects a fault and shows what enhanced mode does with it:",
        "  stall       server silent mid-stream -> TIMEOUT (IDLE), 1 s idle timeout",
        "  disconnect  connection drops mid-stream -> STREAM_INTERRUPTED + partial",
        "  rate-limit  429, Retry-After: 1, then the stream -> retried, recovered",
        "  malformed   one invalid JSON event -> skipped (SKIP; FAIL is the default)",
        "  truncate    body ends without its terminator -> TRUNCATED + partial",
        "  overloaded-fallback  503 twice -> fallback to openai-compatible (openai)",
        "It ends with the error kind and partial, or the recovered response; exit 0 when that is the outcome"
        + " the scenario expects, 1 otherwise."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the run ended as expected (the golden expectation, or the fault scenario's outcome)",
        "1:it did not (the differences are printed)",
        "2:usage error"
    })
final class DemoCommand implements Callable<Integer> {
  static final String DEMO_KEY = "demo-key-not-secret";
  static final String DEMO_PROJECT = "rill-demo";

  @Spec
  private CommandSpec spec;

  @Option(names = "--provider", paramLabel = "ID", defaultValue = "openai", description = "The provider to replay. Default: ${DEFAULT-VALUE}.")
  private String provider;

  @Option(names = "--transcript", paramLabel = "NAME", description = "The transcript to play (default: the provider's text one); see --list.")
  private String transcript;

  @Option(names = "--speed", paramLabel = "X", defaultValue = "1", description = "Pacing speed-up: 2 plays twice as fast. Default: ${DEFAULT-VALUE}.")
  private double speed;

  @Option(names = "--json", description = "One JSON object per chunk, then {\"type\":\"summary\",...}. With --enhanced"
      + " each chunk has a \"metadata\" object and the summary \"timing\" and \"warnings\"; pipeline events are"
      + " {\"type\":\"event\",...} lines; with --fault the last line is {\"type\":\"outcome\",...}.")
  private boolean json;

  @Option(names = "--enhanced", description = "Stream through the enhanced pipeline (StreamOptions.enhanced()) and"
      + " show each chunk's metadata and the call's timing.")
  private boolean enhanced;

  @Option(names = "--verbose", description = "One line per chunk (index, time, gap, wire bytes, provider/model,"
      + " content) instead of inline tags. Implies --enhanced.")
  private boolean verbose;

  @Option(names = "--fault", paramLabel = "KIND", completionCandidates = Fault.Ids.class, description = "Inject a"
      + " fault and show what enhanced mode does (implies --enhanced): ${COMPLETION-CANDIDATES}.")
  private String fault;

  @Option(names = "--list", description = "List the provider's transcripts and exit.")
  private boolean list;

  @Option(names = "--option", paramLabel = "NAME=VALUE", description = "A provider option for the replayed provider"
      + " (repeatable). Vertex's 'project' defaults to " + DEMO_PROJECT + " here, since the replay never reaches"
      + " Google.")
  private Map<String, String> options = new LinkedHashMap<>();

  @Override
  public Integer call() {
    CommandLine cli = spec.commandLine();
    if (!(speed > 0) || Double.isInfinite(speed)) {
      throw new ParameterException(cli, "--speed must be a positive number: " + speed);
    }
    ClassLoader loader = DemoCommand.class.getClassLoader();
    PrintWriter out = cli.getOut();
    String owner; // the provider whose shipped transcripts are replayed: this one, or one of its wire family
    try (Rill probe = Rill.builder().build()) {
      if (probe.providers().find(provider).isEmpty()) {
        throw UsageErrors.unknownProvider(cli, provider, probe.providers().ids());
      }
      owner = transcriptOwner(probe, provider, loader);
      if (owner == null) {
        List<String> withTranscripts = new ArrayList<>();
        for (String id : probe.providers().ids()) {
          if (!GoldenTranscripts.names(id, loader).isEmpty()) {
            withTranscripts.add(id);
          }
        }
        throw new ParameterException(cli, "no golden transcripts ship for provider '" + provider + "' or its wire "
            + "family; try one of: " + String.join(", ", withTranscripts));
      }
    }
    List<String> names = GoldenTranscripts.names(owner, loader);
    if (list) {
      for (String name : names) {
        Golden g = GoldenTranscripts.load(owner, name, loader);
        out.println(name + (name.equals(defaultTranscript(names)) ? " (default)" : "") + "  " + g.description());
      }
      out.flush();
      return RillCommand.OK;
    }
    String name = transcript != null ? transcript : defaultTranscript(names);
    if (!names.contains(name)) {
      throw new ParameterException(cli, "no transcript '" + name + "' for " + provider + "; available: "
          + String.join(", ", names));
    }
    Golden golden = GoldenTranscripts.load(owner, name, loader).as(provider);
    boolean color = CommandLine.Help.Ansi.AUTO.enabled();
    if (fault != null) {
      Fault kind = Fault.parse(fault).orElseThrow(() -> new ParameterException(cli, "unknown fault '" + fault
          + "'; one of: " + String.join(", ", Fault.ids())));
      checkFaultable(cli, kind, golden, names);
      return new FaultDemo(kind, golden, speed, json, verbose, color, out, demoOptions()).run();
    }
    return play(golden, out, enhanced || verbose, color);
  }

  /** A fault needs a transcript that completes, in a text framing; the fallback one an openai-chat provider. */
  private void checkFaultable(CommandLine cli, Fault kind, Golden golden, List<String> names) {
    if (golden.expect().expectsError()) {
      throw new ParameterException(cli, "--fault needs a transcript that completes; '" + golden.name()
          + "' ends in " + golden.expect().errorKind() + ". Try --transcript " + defaultTranscript(names));
    }
    if (golden.framing() != Framing.SSE && golden.framing() != Framing.NDJSON) {
      throw new ParameterException(cli, "--fault replays SSE and NDJSON transcripts; " + provider + " sends "
          + golden.framing());
    }
    if (kind == Fault.OVERLOADED_FALLBACK) {
      try (Rill probe = Rill.builder().build()) {
        String family = probe.providers().require(provider).info().family();
        if (!Fault.FALLBACK_FAMILY.equals(family)) {
          throw new ParameterException(cli, "--fault overloaded-fallback falls back to " + Fault.FALLBACK_PROVIDER
              + ", which speaks " + Fault.FALLBACK_FAMILY + "; " + provider + " speaks " + family
              + ". Use --provider openai");
        }
      }
    }
  }

  /**
   * The provider whose shipped transcripts {@code id} replays: {@code id} itself when it ships some, else the first
   * provider (in id order) of the same wire family that does, since a family's providers share its decoder and wire
   * format (the OpenAI-compatible catalogue rows replay {@code openai}'s). Null when the family ships none.
   */
  static String transcriptOwner(Rill rill, String id, ClassLoader loader) {
    if (!GoldenTranscripts.names(id, loader).isEmpty()) {
      return id;
    }
    String family = rill.providers().require(id).info().family();
    for (String other : rill.providers().ids().stream().sorted().toList()) {
      if (rill.providers().require(other).info().family().equals(family)
          && !GoldenTranscripts.names(other, loader).isEmpty()) {
        return other;
      }
    }
    return null;
  }

  /** The transcript played when none is named: {@code text}, else the first whose name starts with it, else the first. */
  static String defaultTranscript(List<String> names) {
    if (names.contains("text")) {
      return "text";
    }
    for (String n : names) {
      if (n.startsWith("text")) {
        return n;
      }
    }
    return names.get(0);
  }

  private int play(Golden golden, PrintWriter out, boolean enhancedMode, boolean color) {
    List<byte[]> events = WireSplitter.split(golden.framing(), golden.wire());
    Response script = new Replay(speed, golden.name().hashCode()).paced(golden.framing().mediaType(), events);
    String model = golden.model() != null ? golden.model() : "demo";
    String prompt = golden.prompt() != null ? golden.prompt() : "Hello!";

    try (WireServer server = WireServer.start()) {
      server.enqueue(script);
      if (enhancedMode) {
        server.fallback(script); // a transcript that fails before output is retried: each attempt replays it
      }
      String base = server.baseUri().toString();
      base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
      if (!json) {
        out.println("rill demo: " + golden.providerId() + " / " + golden.name() + " - " + golden.description());
        out.println("replaying " + events.size() + " " + golden.framing() + " events from " + base
            + " at speed " + trim(speed) + "x, through the Rill runtime"
            + (enhancedMode ? " (enhanced pipeline)" : ""));
        if (enhancedMode) {
          out.println(verbose ? "one line per chunk: index, time (UTC), gap since the previous chunk, wire bytes,"
              + " provider/model, what it carries"
              : "each chunk's output is preceded by [#index +ms since the previous chunk, wire bytes]");
        }
        out.println();
        out.println("> " + prompt);
        out.println();
        out.flush();
      }
      try (Rill rill = client(golden.providerId(), base, demoOptions()).build()) {
        ChatRequest request = ChatRequest.builder(golden.providerId() + ":" + model).user(prompt).build();
        Clock clock = Clock.systemUTC();
        long start = System.nanoTime();
        DemoOutput output = new DemoOutput(out, json, color, enhancedMode, verbose, clock.instant());
        StreamOptions options = enhancedMode
            ? StreamOptions.enhancedBuilder().listener(new DemoListener(output)).build()
            : StreamOptions.basic();
        AtomicLong firstChunk = new AtomicLong();
        ChatResponse response = null;
        RillException error = null;
        try (ChatStream stream = rill.stream(request, options)) {
          response = stream.forEach(chunk -> {
            firstChunk.compareAndSet(0, System.nanoTime());
            output.chunk(chunk);
          }).join();
        } catch (CompletionException | RillException e) {
          error = StreamCommand.asRillException(e);
        }
        long end = System.nanoTime();
        output.finish();
        ChatResponse folded = response != null ? response : error.partial();
        List<String> mismatches = error == null ? golden.expect().mismatches(response)
            : golden.expect().mismatches(error.partial(), error);
        Summary summary = new Summary(golden, folded, error, firstChunk.get() == 0 ? null
            : Duration.ofNanos(firstChunk.get() - start), Duration.ofNanos(end - start), mismatches,
            enhancedMode, enhancedMode ? output : null);
        if (json) {
          summary.writeJson(output.lines());
        } else {
          summary.print(out);
        }
        out.flush();
        return mismatches.isEmpty() ? RillCommand.OK : RillCommand.STREAM_ERROR;
      }
    }
  }

  /** The options given with --option, and the demo's project id unless one was given. */
  private Map<String, String> demoOptions() {
    Map<String, String> all = new LinkedHashMap<>(options);
    all.putIfAbsent("project", DEMO_PROJECT);
    return all;
  }

  /** A client that sends {@code providerId}'s calls to the loopback replay, with the demo key and these options. */
  static Rill.Builder client(String providerId, String base, Map<String, String> options) {
    Rill.Builder b = Rill.builder().baseUrl(providerId, base).apiKey(providerId, DEMO_KEY);
    options.forEach((name, value) -> b.option(providerId, name, value));
    return b;
  }

  static String trim(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
  }

  /** What a demo run produced, printed for people or as the final JSON object. */
  private record Summary(Golden golden, ChatResponse response, RillException error, Duration firstChunk,
      Duration total, List<String> mismatches, boolean enhanced, DemoOutput output) {

    double chunksPerSecond() {
      return response.chunkCount() * 1e9 / Math.max(1, total.toNanos());
    }

    /** The enhanced pipeline's timing: the response's, or the partial's; null in basic mode. */
    ChatResponse.Timing timing() {
      return enhanced && response != null ? response.timing() : null;
    }

    void print(PrintWriter out) {
      out.println();
      out.println("---");
      row(out, "provider", response.provider());
      row(out, "model", response.model() == null ? "(not reported)" : response.model());
      row(out, "transcript", golden.name() + " (" + golden.framing() + ", " + golden.wire().length + " bytes)");
      row(out, "chunks", Long.toString(response.chunkCount()));
      ChatResponse.Timing t = timing();
      if (t != null) {
        row(out, "first chunk", (t.timeToFirstChunk() == null ? "none" : Text.duration(t.timeToFirstChunk()))
            + " (request sent to first content chunk)");
        row(out, "duration", Text.duration(t.duration()));
        row(out, "chunks/s", String.format(Locale.ROOT, "%.1f", t.chunksPerSecond(response.chunkCount())));
        row(out, "attempts", Integer.toString(t.attempts()));
      } else {
        row(out, "first chunk", firstChunk == null ? "none" : Text.duration(firstChunk));
        row(out, "total time", Text.duration(total));
        row(out, "chunks/s", String.format(Locale.ROOT, "%.1f", chunksPerSecond()));
        if (enhanced && error != null) {
          row(out, "attempts", Integer.toString(Math.max(1, error.attempts())));
        }
      }
      if (output != null) {
        row(out, "metadata", (output.lastIndex() + 1) + " chunks, indexes "
            + (output.gapFree() ? "gap-free" : "WITH GAPS") + ", " + output.wireBytes() + " wire bytes");
      }
      row(out, "usage", Text.usage(response.usage()));
      row(out, "finish reason", Text.finishReason(response.finishReason()));
      for (var call : response.toolCalls()) {
        row(out, "tool call", Text.toolCall(call));
      }
      if (enhanced) {
        if (response.warnings().isEmpty()) {
          row(out, "warnings", "none");
        }
        for (int i = 0; i < response.warnings().size(); i++) {
          row(out, i == 0 ? "warnings" : "", DemoListener.shorten(response.warnings().get(i)));
        }
      }
      if (error != null) {
        row(out, "error", error.getMessage());
      }
      if (mismatches.isEmpty()) {
        row(out, "golden check", error == null ? "matches the transcript's expectation"
            : "the expected " + error.kind() + " error");
      } else {
        row(out, "golden check", "DIFFERS from the transcript's expectation:");
        for (String m : mismatches) {
          out.println("    " + m);
        }
      }
    }

    private static void row(PrintWriter out, String name, String value) {
      out.println(String.format(Locale.ROOT, "%-14s %s", name, value));
    }

    void writeJson(JsonLines lines) {
      lines.line("summary", g -> {
        g.writeStringProperty("transcript", golden.name());
        g.writeStringProperty("framing", golden.framing().name());
        JsonLines.responseMembers(g, response, enhanced);
        if (firstChunk == null) {
          g.writeNullProperty("timeToFirstChunkMillis");
        } else {
          g.writeNumberProperty("timeToFirstChunkMillis", firstChunk.toNanos() / 1e6);
        }
        g.writeNumberProperty("durationMillis", total.toNanos() / 1e6);
        g.writeNumberProperty("chunksPerSecond", Math.round(chunksPerSecond() * 10) / 10.0);
        if (error == null) {
          g.writeNullProperty("error");
        } else {
          g.writeObjectPropertyStart("error");
          g.writeStringProperty("kind", error.kind().name());
          g.writeStringProperty("message", error.getMessage());
          if (enhanced) {
            g.writeNumberProperty("attempts", Math.max(1, error.attempts()));
          }
          g.writeEndObject();
        }
        g.writeBooleanProperty("matchesGolden", mismatches.isEmpty());
        g.writeArrayPropertyStart("mismatches");
        for (String m : mismatches) {
          g.writeString(m);
        }
        g.writeEndArray();
      });
    }
  }
}
