package dev.rill.provider.gemini.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns Vertex AI's streamed function-call arguments ({@code functionCall.partialArgs}, sent when
 * {@code streamFunctionCallArguments} is on) into JSON text, one delta at a time, so the deltas of one call
 * concatenate to its arguments object.
 *
 * <p>Each partial argument names a leaf by {@code jsonPath} ({@code $.a.b[0].c}) and gives a string, number,
 * boolean or null value. A string with {@code willContinue: true} stays open: later partial arguments for the same
 * path append to it, and the first one without {@code willContinue} closes it. The writer keeps a stack of the open
 * objects and arrays and emits just the text needed to move from the last leaf to the next one (closing and
 * opening containers, commas and keys). {@link #finish()} closes everything. Paths are expected in document order,
 * as Vertex sends them; a path that revisits a closed container opens it again (the JSON then repeats a key).
 */
final class PartialArgsWriter {

  /** One partial argument: the path and the value as JSON text (a string value unquoted, in {@code string}). */
  record PartialArg(String jsonPath, String string, String json, boolean willContinue) {}

  private record Frame(Object segment, boolean array, int[] children) {}

  private final List<Frame> stack = new ArrayList<>();
  private List<Object> openString;

  /** The text to append for {@code arg}; empty when it adds nothing. */
  String append(PartialArg arg) {
    List<Object> path = parsePath(arg.jsonPath());
    if (path.isEmpty() || (arg.string() == null && arg.json() == null)) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    if (openString != null && arg.string() != null && openString.equals(path)) {
      GeminiJson.appendEscaped(out, arg.string());
      if (!arg.willContinue()) {
        out.append('"');
        openString = null;
      }
      return out.toString();
    }
    if (openString != null) {
      out.append('"');
      openString = null;
    }
    if (stack.isEmpty()) {
      stack.add(new Frame("$", false, new int[1]));
      out.append('{');
    }
    List<Object> container = path.subList(0, path.size() - 1);
    Object leaf = path.get(path.size() - 1);
    int common = 0;
    while (common < container.size() && common + 1 < stack.size()
        && Objects.equals(stack.get(common + 1).segment(), container.get(common))) {
      common++;
    }
    while (stack.size() > common + 1) {
      Frame f = stack.remove(stack.size() - 1);
      out.append(f.array() ? ']' : '}');
    }
    for (int i = common; i < container.size(); i++) {
      Object segment = container.get(i);
      Object child = i + 1 < container.size() ? container.get(i + 1) : leaf;
      member(out, segment);
      boolean array = child instanceof Integer;
      out.append(array ? '[' : '{');
      stack.add(new Frame(segment, array, new int[1]));
    }
    member(out, leaf);
    if (arg.string() != null) {
      out.append('"');
      GeminiJson.appendEscaped(out, arg.string());
      if (arg.willContinue()) {
        openString = path;
      } else {
        out.append('"');
      }
    } else {
      out.append(arg.json());
    }
    return out.toString();
  }

  /** The text that closes the arguments: an open string, then every open container; {@code {}} if none opened. */
  String finish() {
    StringBuilder out = new StringBuilder();
    if (openString != null) {
      out.append('"');
      openString = null;
    }
    if (stack.isEmpty()) {
      return "{}";
    }
    while (!stack.isEmpty()) {
      Frame f = stack.remove(stack.size() - 1);
      out.append(f.array() ? ']' : '}');
    }
    return out.toString();
  }

  private void member(StringBuilder out, Object segment) {
    Frame parent = stack.get(stack.size() - 1);
    if (parent.children()[0]++ > 0) {
      out.append(',');
    }
    if (segment instanceof String key && !parent.array()) {
      out.append(GeminiJson.quote(key)).append(':');
    }
  }

  /** Splits {@code $.a.b[0]['c d']} into {@code [a, b, 0, c d]}; keys are strings, indexes integers. */
  static List<Object> parsePath(String jsonPath) {
    List<Object> out = new ArrayList<>();
    if (jsonPath == null) {
      return out;
    }
    String p = jsonPath.startsWith("$") ? jsonPath.substring(1) : jsonPath;
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
          end++;
        }
        if (end > i + 1) {
          out.add(p.substring(i + 1, end));
        }
        i = end;
      } else if (c == '[') {
        int close = p.indexOf(']', i);
        if (close < 0) {
          out.add(p.substring(i + 1));
          break;
        }
        String inside = p.substring(i + 1, close);
        if (inside.length() >= 2 && (inside.charAt(0) == '\'' || inside.charAt(0) == '"')
            && inside.charAt(inside.length() - 1) == inside.charAt(0)) {
          out.add(inside.substring(1, inside.length() - 1));
        } else if (!inside.isEmpty() && inside.length() < 10 && inside.chars().allMatch(Character::isDigit)) {
          out.add(Integer.parseInt(inside));
        } else {
          out.add(inside);
        }
        i = close + 1;
      } else {
        int end = i;
        while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
          end++;
        }
        out.add(p.substring(i, end));
        i = end;
      }
    }
    return out;
  }
}
