package dev.rill.cli;

import dev.rill.api.ChunkMetadata;
import dev.rill.api.StreamChunk;
import dev.rill.api.ToolCallDelta;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;

/**
 * Where a demo run prints its stream: chunks as they arrive (text, or JSON lines) and pipeline events (retries,
 * fallbacks, warnings) between them. Chunks come from the stream's thread and events from listener threads, so
 * every method holds this object's lock: a line is never split by another.
 *
 * <p>In enhanced mode each chunk's {@link ChunkMetadata} is shown: a dimmed {@code [#12 +3ms 334B]} before its
 * output (index, time since the previous chunk, wire bytes), or with {@code verbose} one line per chunk.
 */
final class DemoOutput {
  private static final String DIM = "\u001b[2m";
  private static final String RESET = "\u001b[0m";
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private final PrintWriter out;
  private final boolean json;
  private final boolean color;
  private final boolean metadata;
  private final boolean verbose;
  private final JsonLines lines;
  private final ChunkPrinter printer;
  private Instant previous;
  private long wireBytes;
  private long lastIndex = -1;
  private boolean gapFree = true;

  /**
   * @param start when the request was sent, by the clock the pipeline stamps chunks with (the first chunk's
   *     {@code +ms} is measured from it)
   */
  DemoOutput(PrintWriter out, boolean json, boolean color, boolean metadata, boolean verbose, Instant start) {
    this.out = out;
    this.json = json;
    this.color = color;
    this.metadata = metadata;
    this.verbose = verbose;
    this.lines = new JsonLines(out);
    this.printer = new ChunkPrinter(out, color);
    this.previous = start;
  }

  JsonLines lines() {
    return lines;
  }

  /** Prints one chunk: a JSON line, a verbose line, or its output preceded by a metadata tag. */
  synchronized void chunk(StreamChunk chunk) {
    ChunkMetadata m = chunk.metadata();
    Duration gap = null;
    if (m != null) {
      gap = previous == null ? null : Duration.between(previous, m.timestamp());
      previous = m.timestamp();
      wireBytes += m.sizeBytes();
      gapFree &= m.index() == lastIndex + 1;
      lastIndex = m.index();
    }
    if (json) {
      lines.chunk(chunk);
    } else if (m != null && verbose) {
      printer.finish();
      out.println(dim(verboseLine(chunk, m, gap)));
      out.flush();
    } else if (m != null && metadata) {
      printer.print(chunk, tag(m, gap), color ? DIM : null);
    } else {
      printer.print(chunk);
    }
  }

  /**
   * Reports a pipeline event as it happens: a dimmed line of its own for people, or a
   * {@code {"type":"event","event":name,...}} line.
   */
  synchronized void event(String name, String text, Consumer<JsonGenerator> members) {
    if (json) {
      lines.line("event", g -> {
        g.writeStringProperty("event", name);
        members.accept(g);
      });
      return;
    }
    printer.finish();
    out.println(dim("  [" + name + "] " + text));
    out.flush();
  }

  /** Ends an open line of output. */
  synchronized void finish() {
    if (!json) {
      printer.finish();
    }
  }

  /** The wire bytes of every chunk shown, from their metadata. */
  synchronized long wireBytes() {
    return wireBytes;
  }

  /** The last chunk index seen, or -1. */
  synchronized long lastIndex() {
    return lastIndex;
  }

  /** Whether the indexes seen ran 0, 1, 2... with no gap. */
  synchronized boolean gapFree() {
    return gapFree;
  }

  /** {@code [#12 +3ms 334B]}. */
  static String tag(ChunkMetadata m, Duration gap) {
    return "[#" + m.index() + (gap == null ? "" : " +" + Math.max(0, Math.round(gap.toNanos() / 1e6)) + "ms") + " "
        + m.sizeBytes() + "B]";
  }

  /** {@code #12  12:00:01.234  +3 ms  334 B  openai/gpt-4o-mini  text " sky"}. */
  static String verboseLine(StreamChunk c, ChunkMetadata m, Duration gap) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "#%-4d %s %8s %6d B  %s/%s  ", m.index(), CLOCK.format(m.timestamp()),
        gap == null ? "" : "+" + Text.duration(gap), m.sizeBytes(), m.provider(), m.model()));
    List<String> parts = new ArrayList<>();
    if (!c.content().isEmpty()) {
      parts.add("text " + Text.quote(c.content()));
    }
    if (!c.reasoning().isEmpty()) {
      parts.add("reasoning " + Text.quote(c.reasoning()));
    }
    if (!c.refusal().isEmpty()) {
      parts.add("refusal " + Text.quote(c.refusal()));
    }
    for (ToolCallDelta d : c.toolCalls()) {
      parts.add("tool call #" + d.index() + (d.name() == null || d.name().isEmpty() ? "" : " " + d.name())
          + (d.arguments().isEmpty() ? "" : " " + Text.quote(d.arguments())));
    }
    if (c.finishReason() != null) {
      parts.add("finish " + Text.finishReason(c.finishReason()));
    }
    if (c.usage() != null) {
      parts.add("usage " + Text.usage(c.usage()));
    }
    sb.append(parts.isEmpty() ? "(no output: role or metadata only)" : String.join("; ", parts));
    return sb.toString();
  }

  private String dim(String text) {
    return color ? DIM + text + RESET : text;
  }
}
