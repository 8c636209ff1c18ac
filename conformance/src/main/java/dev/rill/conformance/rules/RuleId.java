package dev.rill.conformance.rules;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule's number: a group letter and number, and an optional rule number, such as {@code W1.6} or {@code H0}.
 * Ordered by group, then number, so {@code W1.10} follows {@code W1.9}.
 *
 * @param group the group letter: H (harness), W (wire), S (sequence), E (errors), L (lifecycle), P (performance)
 * @param section the group's number
 * @param number the rule number inside the group, or -1 for a group-level rule such as {@code H0}
 * @since 0.1
 */
public record RuleId(char group, int section, int number) implements Comparable<RuleId> {

  private static final Pattern FORMAT = Pattern.compile("([A-Z])(\\d+)(?:\\.(\\d+))?");

  /** Checks and normalises the components (see the class comment). */
  public RuleId {
    if (group < 'A' || group > 'Z' || section < 0 || number < -1) {
      throw new IllegalArgumentException("bad rule id " + group + section + "." + number);
    }
  }

  /** Parses {@code W1.6} or {@code H0}. */
  public static RuleId parse(String text) {
    Matcher m = FORMAT.matcher(Objects.requireNonNull(text, "text").strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("a rule id looks like W1.6 or H0: '" + text + "'");
    }
    return new RuleId(m.group(1).charAt(0), Integer.parseInt(m.group(2)),
        m.group(3) == null ? -1 : Integer.parseInt(m.group(3)));
  }

  /** The id as used in test names: {@code W1_6}. */
  public String asIdentifier() {
    return toString().replace('.', '_');
  }

  @Override
  public int compareTo(RuleId o) {
    int c = Character.compare(group, o.group);
    if (c == 0) {
      c = Integer.compare(section, o.section);
    }
    return c != 0 ? c : Integer.compare(number, o.number);
  }

  @Override
  public String toString() {
    return number < 0 ? group + Integer.toString(section) : group + Integer.toString(section) + "." + number;
  }
}
