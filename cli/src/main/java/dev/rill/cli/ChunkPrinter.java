package dev.rill.cli;

import dev.rill.api.StreamChunk;
import dev.rill.api.ToolCallDelta;
import java.io.PrintWriter;

/**
 * Prints a chunk stream for people, as it arrives: text as is, reasoning dimmed (or prefixed with
 * {@code [thinking]} without a colour terminal), refusals prefixed, and tool calls as
 * {@code [tool call #i] name (id) } followed by their argument fragments. A new kind of output starts on a
 * new line. Not thread-safe: one stream delivers chunks on one thread at a time.
 */
final class ChunkPrinter {
  private static final String DIM = "\u001b[2m";
  private static final String CYAN = "\u001b[36m";
  private static final String YELLOW = "\u001b[33m";
  private static final String RESET = "\u001b[0m";

  private enum Mode { NONE, TEXT, REASONING, REFUSAL, TOOL }

  private final PrintWriter out;
  private final boolean color;
  private Mode mode = Mode.NONE;
  private int toolIndex = -1;
  private boolean atLineStart = true;
  private String pendingTag;
  private String tagStyle;

  ChunkPrinter(PrintWriter out, boolean color) {
    this.out = out;
    this.color = color;
  }

  /**
   * Prints one chunk's output preceded by {@code tag} (in {@code style}, or plain for null): the tag goes right
   * before the chunk's first output, after any label, or alone when the chunk has no output.
   */
  void print(StreamChunk chunk, String tag, String style) {
    pendingTag = tag;
    tagStyle = style;
    print(chunk);
    if (pendingTag != null) {
      flushTag();
      out.flush();
    }
  }

  /** Prints one chunk's output and flushes. */
  void print(StreamChunk chunk) {
    if (!chunk.reasoning().isEmpty()) {
      enter(Mode.REASONING, color ? DIM + "thinking: " + RESET : "[thinking] ");
      write(chunk.reasoning(), DIM);
    }
    if (!chunk.content().isEmpty()) {
      enter(Mode.TEXT, "");
      write(chunk.content(), null);
    }
    if (!chunk.refusal().isEmpty()) {
      enter(Mode.REFUSAL, color ? YELLOW + "refusal: " + RESET : "[refusal] ");
      write(chunk.refusal(), YELLOW);
    }
    for (ToolCallDelta d : chunk.toolCalls()) {
      if (mode != Mode.TOOL || toolIndex != d.index()) {
        toolIndex = d.index();
        StringBuilder label = new StringBuilder("[tool call #").append(d.index()).append("] ");
        if (d.name() != null && !d.name().isEmpty()) {
          label.append(d.name()).append(' ');
        }
        if (d.id() != null && !d.id().isEmpty()) {
          label.append('(').append(d.id()).append(") ");
        }
        enter(Mode.TOOL, color ? CYAN + label + RESET : label.toString());
      }
      write(d.arguments(), CYAN);
    }
    out.flush();
  }

  /** Ends the output with a line break if a line is open. */
  void finish() {
    if (!atLineStart) {
      out.println();
    }
    out.flush();
    mode = Mode.NONE;
    atLineStart = true;
  }

  private void flushTag() {
    String tag = pendingTag;
    if (tag == null) {
      return;
    }
    pendingTag = null;
    out.print(tagStyle != null ? tagStyle + tag + RESET : tag);
    atLineStart = false;
  }

  private void enter(Mode next, String label) {
    if (mode == next && next != Mode.TOOL) {
      return;
    }
    if (mode != Mode.NONE && !atLineStart) {
      out.println();
      atLineStart = true;
    }
    if (mode != Mode.NONE && mode != next && (mode == Mode.REASONING || next == Mode.REASONING)) {
      out.println(); // a blank line between thinking and the answer
    }
    mode = next;
    if (!label.isEmpty()) {
      out.print(label);
      atLineStart = false;
    }
  }

  private void write(String text, String style) {
    if (text.isEmpty()) {
      return;
    }
    flushTag();
    if (color && style != null) {
      out.print(style);
      out.print(text);
      out.print(RESET);
    } else {
      out.print(text);
    }
    atLineStart = text.charAt(text.length() - 1) == '\n';
  }
}
