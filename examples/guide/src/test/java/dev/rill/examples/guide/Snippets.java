package dev.rill.examples.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the regions of the guide sources ({@code // tag::NAME[]} to {@code // end::NAME[]}) and the code blocks of
 * the docs that show them ({@code <!-- snippet: File.java#NAME -->} on the line before the fence).
 */
final class Snippets {
  static final Pattern TAG = Pattern.compile("^\\s*// (tag|end)::([\\w-]+)\\[]\\s*$");
  static final Pattern MARKER = Pattern.compile("^<!-- snippet: ([\\w.]+)#([\\w-]+) -->$");
  static final Pattern NOT_COMPILED = Pattern.compile("^<!-- not compiled: .+ -->$");

  private Snippets() {}

  /**
   * The region {@code tag} of {@code source}: every part between its tag and end lines, each part dedented, parts
   * joined by a blank line, marker lines of other regions left out.
   */
  static String region(Path source, String tag) {
    List<String> lines = read(source);
    List<List<String>> parts = new ArrayList<>();
    List<String> open = null;
    for (String line : lines) {
      Matcher m = TAG.matcher(line);
      if (m.matches()) {
        if (m.group(2).equals(tag)) {
          if (m.group(1).equals("tag")) {
            open = new ArrayList<>();
          } else if (open != null) {
            parts.add(open);
            open = null;
          }
        }
        continue;
      }
      if (open != null) {
        open.add(line);
      }
    }
    if (open != null) {
      throw new IllegalStateException(source.getFileName() + ": tag::" + tag + "[] has no end::" + tag + "[]");
    }
    if (parts.isEmpty()) {
      throw new IllegalStateException(source.getFileName() + " has no region tag::" + tag + "[]");
    }
    List<String> out = new ArrayList<>();
    for (List<String> part : parts) {
      if (!out.isEmpty()) {
        out.add("");
      }
      out.addAll(dedent(part));
    }
    return String.join("\n", out);
  }

  private static List<String> dedent(List<String> part) {
    int indent = Integer.MAX_VALUE;
    for (String line : part) {
      if (!line.isBlank()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    List<String> out = new ArrayList<>();
    for (String line : part) {
      out.add(line.isBlank() ? "" : line.substring(indent).stripTrailing());
    }
    return out;
  }

  /** One fenced code block of a doc: where it is, its language, its text, and the marker line before it. */
  record Block(Path doc, int line, String language, String code, String marker, int codeStart, int codeEnd) {
    String where() {
      return doc.getFileName() + ":" + line;
    }
  }

  /** The fenced blocks of {@code doc}; line numbers are 1-based, {@code codeStart..codeEnd} 0-based, end exclusive. */
  static List<Block> blocks(Path doc) {
    List<String> lines = read(doc);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.startsWith("```")) {
        continue;
      }
      String language = line.substring(3).strip();
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).equals("```")) {
        end++;
      }
      String marker = i > 0 ? lines.get(i - 1) : "";
      blocks.add(new Block(doc, i + 1, language, String.join("\n", lines.subList(i + 1, end)), marker, i + 1, end));
      i = end;
    }
    return blocks;
  }

  static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
