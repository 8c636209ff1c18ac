package dev.rill.cli;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.runtime.ChatStream;
import dev.rill.runtime.Rill;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
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
 */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    name = "demo",
    header = "Replay a golden transcript through the whole stack, offline.",
    description = "Replays a provider's golden transcript over loopback HTTP with realistic pacing and streams it"
        + " through Rill, printing tokens as they arrive, then a summary. Offline; no key needed.")
final class DemoCommand implements Callable<Integer> {
  static final String DEMO_KEY = "demo-key-not-secret";
  private static final long FIRST_TOKEN_MS = 300;
  private static final int MIN_GAP_MS = 15;
  private static final int MAX_GAP_MS = 40;

  @Spec
  private CommandSpec spec;

  @Option(names = "--provider", paramLabel = "ID", defaultValue = "openai", description = "The provider to replay. Default: ${DEFAULT-VALUE}.")
  private String provider;

  @Option(names = "--transcript", paramLabel = "NAME", description = "The transcript to play (default: the provider's text one); see --list.")
  private String transcript;

  @Option(names = "--speed", paramLabel = "X", defaultValue = "1", description = "Pacing speed-up: 2 plays twice as fast. Default: ${DEFAULT-VALUE}.")
  private double speed;

  @Option(names = "--json", description = "One JSON object per chunk, then {\"type\":\"summary\",...}.")
  private boolean json;

  @Option(names = "--list", description = "List the provider's transcripts and exit.")
  private boolean list;

  @Override
  public Integer call() {
    CommandLine cli = spec.commandLine();
    if (!(speed > 0) || Double.isInfinite(speed)) {
      throw new ParameterException(cli, "--speed must be a positive number: " + speed);
    }
    ClassLoader loader = DemoCommand.class.getClassLoader();
    List<String> names = GoldenTranscripts.names(provider, loader);
    PrintWriter out = cli.getOut();
    try (Rill probe = Rill.builder().build()) {
      if (probe.providers().find(provider).isEmpty()) {
        throw new ParameterException(cli, "unknown provider '" + provider + "'; available: "
            + String.join(", ", probe.providers().ids()));
      }
      if (names.isEmpty()) {
        List<String> withTranscripts = new ArrayList<>();
        for (String id : probe.providers().ids()) {
          if (!GoldenTranscripts.names(id, loader).isEmpty()) {
            withTranscripts.add(id);
          }
        }
        throw new ParameterException(cli, "provider '" + provider + "' ships no golden transcripts; try one of: "
            + String.join(", ", withTranscripts));
      }
    }
    if (list) {
      for (String name : names) {
        Golden g = GoldenTranscripts.load(provider, name, loader);
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
    Golden golden = GoldenTranscripts.load(provider, name, loader);
    return play(golden, out, cli.getErr());
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

  private int play(Golden golden, PrintWriter out, PrintWriter err) {
    List<byte[]> events = WireSplitter.split(golden.framing(), golden.wire());
    Response script = pacedReplay(golden, events);
    String model = golden.model() != null ? golden.model() : "demo";
    String prompt = golden.prompt() != null ? golden.prompt() : "Hello!";
    JsonLines lines = new JsonLines(out);
    ChunkPrinter printer = new ChunkPrinter(out, CommandLine.Help.Ansi.AUTO.enabled());

    try (WireServer server = WireServer.start()) {
      server.enqueue(script);
      String base = server.baseUri().toString();
      base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
      if (!json) {
        out.println("rill demo: " + golden.providerId() + " / " + golden.name() + " - " + golden.description());
        out.println("replaying " + events.size() + " " + golden.framing() + " events from " + base
            + " at speed " + trim(speed) + "x, through the Rill runtime");
        out.println();
        out.println("> " + prompt);
        out.println();
        out.flush();
      }
      try (Rill rill = Rill.builder().baseUrl(golden.providerId(), base).apiKey(golden.providerId(), DEMO_KEY).build()) {
        ChatRequest request = ChatRequest.builder(golden.providerId() + ":" + model).user(prompt).build();
        AtomicLong firstChunk = new AtomicLong();
        long start = System.nanoTime();
        ChatResponse response = null;
        RillException error = null;
        try (ChatStream stream = rill.stream(request)) {
          response = stream.forEach(chunk -> {
            firstChunk.compareAndSet(0, System.nanoTime());
            if (json) {
              lines.chunk(chunk);
            } else {
              printer.print(chunk);
            }
          }).join();
        } catch (CompletionException | RillException e) {
          error = StreamCommand.asRillException(e);
        }
        long end = System.nanoTime();
        printer.finish();
        ChatResponse folded = response != null ? response : error.partial();
        List<String> mismatches = error == null ? golden.expect().mismatches(response)
            : golden.expect().mismatches(error.partial(), error);
        Summary summary = new Summary(golden, folded, error, firstChunk.get() == 0 ? null
            : Duration.ofNanos(firstChunk.get() - start), Duration.ofNanos(end - start), mismatches);
        if (json) {
          summary.writeJson(lines);
        } else {
          summary.print(out);
        }
        out.flush();
        return mismatches.isEmpty() ? RillCommand.OK : RillCommand.STREAM_ERROR;
      }
    }
  }

  /** The transcript as a paced HTTP response: a first-token wait, then one write per event with varying gaps. */
  private Response pacedReplay(Golden golden, List<byte[]> events) {
    Response r = Response.status(200).header("Content-Type", golden.framing().mediaType())
        .header("Cache-Control", "no-cache");
    Random random = new Random(golden.name().hashCode());
    r = r.pause(scaled(FIRST_TOKEN_MS));
    for (int i = 0; i < events.size(); i++) {
      if (i > 0) {
        r = r.pause(scaled(MIN_GAP_MS + random.nextInt(MAX_GAP_MS - MIN_GAP_MS + 1)));
      }
      r = r.write(events.get(i));
    }
    return r;
  }

  private Duration scaled(long millis) {
    return Duration.ofNanos((long) (millis * 1_000_000L / speed));
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
  }

  /** What a demo run produced, printed for people or as the final JSON object. */
  private record Summary(Golden golden, ChatResponse response, RillException error, Duration firstChunk,
      Duration total, List<String> mismatches) {

    double chunksPerSecond() {
      return response.chunkCount() * 1e9 / Math.max(1, total.toNanos());
    }

    void print(PrintWriter out) {
      out.println();
      out.println("---");
      row(out, "provider", response.provider());
      row(out, "model", response.model() == null ? "(not reported)" : response.model());
      row(out, "transcript", golden.name() + " (" + golden.framing() + ", " + golden.wire().length + " bytes)");
      row(out, "chunks", Long.toString(response.chunkCount()));
      row(out, "first chunk", firstChunk == null ? "none" : Text.duration(firstChunk));
      row(out, "total time", Text.duration(total));
      row(out, "chunks/s", String.format(Locale.ROOT, "%.1f", chunksPerSecond()));
      row(out, "usage", Text.usage(response.usage()));
      row(out, "finish reason", Text.finishReason(response.finishReason()));
      for (var call : response.toolCalls()) {
        row(out, "tool call", Text.toolCall(call));
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
        JsonLines.responseMembers(g, response);
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
