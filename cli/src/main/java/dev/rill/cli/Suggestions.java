package dev.rill.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The known names closest to a mistyped one, for "did you mean" hints: the same name in another case alone, else
 * names within a small edit distance (transpositions count one), then names the input starts or is a prefix of.
 */
final class Suggestions {
  private Suggestions() {}

  /** At most three names of {@code known} close to {@code given}, best first; empty when none is close. */
  static List<String> closest(String given, Collection<String> known) {
    String g = given.toLowerCase(Locale.ROOT);
    List<String> exactIgnoringCase = new ArrayList<>();
    List<List<String>> byDistance = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    List<String> prefixes = new ArrayList<>();
    int allowed = g.length() <= 3 ? 1 : 2;
    for (String name : known.stream().sorted().toList()) {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.equals(g)) {
        exactIgnoringCase.add(name);
        continue;
      }
      int d = distance(g, n);
      if (d <= allowed) {
        byDistance.get(d).add(name);
      } else if (g.length() >= 3 && (n.startsWith(g) || g.startsWith(n))) {
        prefixes.add(name);
      }
    }
    if (!exactIgnoringCase.isEmpty()) {
      return exactIgnoringCase; // only the case was wrong: that is the one meant
    }
    List<String> out = new ArrayList<>();
    byDistance.forEach(out::addAll);
    out.addAll(prefixes);
    return out.size() > 3 ? out.subList(0, 3) : out;
  }

  /** {@code ; did you mean 'x'?} or {@code ; did you mean 'x' or 'y'?}, or an empty string. */
  static String hint(String given, Collection<String> known) {
    List<String> close = closest(given, known);
    if (close.isEmpty()) {
      return "";
    }
    List<String> quoted = close.stream().map(s -> "'" + s + "'").toList();
    return "; did you mean " + (quoted.size() == 1 ? quoted.get(0)
        : String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1)) + "?";
  }

  /** The optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost one. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
