package dev.rill.benchmarks;

/** The harness's equality check: every client must deliver exactly the transcript's text. */
final class TextCheck {
  private TextCheck() {}

  /** Returns the text's length, or throws naming the client and the first difference. */
  static int require(String client, String expected, String actual) {
    if (expected.equals(actual)) {
      return actual.length();
    }
    int i = 0;
    int n = Math.min(expected.length(), actual == null ? 0 : actual.length());
    while (i < n && expected.charAt(i) == actual.charAt(i)) {
      i++;
    }
    throw new IllegalStateException("client '" + client + "' delivered different text: "
        + (actual == null ? "null" : actual.length() + " chars, expected " + expected.length())
        + ", first difference at char " + i + " (expected '" + excerpt(expected, i) + "', got '"
        + (actual == null ? "" : excerpt(actual, i)) + "')");
  }

  private static String excerpt(String s, int at) {
    return s.substring(at, Math.min(s.length(), at + 20)).replace("\n", "\\n");
  }
}
