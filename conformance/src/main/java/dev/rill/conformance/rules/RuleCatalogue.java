package dev.rill.conformance.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The conformance rules, loaded from the one machine-readable catalogue {@code dev/rill/conformance/rules.tsv}:
 * tab-separated columns {@code id, level, needs, checks, name, statement, hint, reason}, {@code #} comments, a
 * header line. Ids and names are unique; rules keep the file's order.
 *
 * <pre>{@code
 * RuleCatalogue catalogue = RuleCatalogue.standard();
 * Rule rule = catalogue.rule(RuleId.parse("W1.6"));
 * rule.testName();   // required_W1_6_sentinelMatchedExactly
 * }</pre>
 *
 * @since 0.1
 */
public final class RuleCatalogue {
  /** The class-path resource holding the standard catalogue. */
  public static final String RESOURCE = "/dev/rill/conformance/rules.tsv";

  private static final String[] HEADER = {"id", "level", "needs", "checks", "name", "statement", "hint", "reason"};
  private static volatile RuleCatalogue standard;

  private final Map<RuleId, Rule> rules;

  private RuleCatalogue(List<Rule> rules) {
    Map<RuleId, Rule> byId = new LinkedHashMap<>();
    Set<String> names = new HashSet<>();
    for (Rule r : rules) {
      if (byId.put(r.id(), r) != null) {
        throw new IllegalArgumentException("rule " + r.id() + " appears twice in the catalogue");
      }
      if (!names.add(r.name())) {
        throw new IllegalArgumentException("rule name " + r.name() + " appears twice in the catalogue");
      }
    }
    this.rules = java.util.Collections.unmodifiableMap(byId);
  }

  /** The kit's catalogue, loaded once from {@link #RESOURCE}. */
  public static RuleCatalogue standard() {
    RuleCatalogue c = standard;
    if (c == null) {
      try (InputStream in = RuleCatalogue.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the rule catalogue " + RESOURCE + " is missing from the kit's jar");
        }
        c = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
      standard = c;
    }
    return c;
  }

  /** A catalogue of exactly these rules (for tests of the kit). */
  public static RuleCatalogue of(List<Rule> rules) {
    return new RuleCatalogue(rules);
  }

  /** Parses catalogue text in the {@code rules.tsv} format. */
  public static RuleCatalogue parse(String tsv) {
    List<Rule> out = new ArrayList<>();
    boolean header = false;
    int lineNo = 0;
    for (String line : tsv.split("\r?\n")) {
      lineNo++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      if (!header) {
        if (!Arrays.equals(cols, HEADER)) {
          throw new IllegalArgumentException("catalogue line " + lineNo + ": expected the header "
              + String.join(",", HEADER) + " but found " + String.join(",", cols));
        }
        header = true;
        continue;
      }
      if (cols.length != HEADER.length) {
        throw new IllegalArgumentException("catalogue line " + lineNo + ": expected " + HEADER.length
            + " tab-separated columns but found " + cols.length);
      }
      try {
        out.add(new Rule(RuleId.parse(cols[0]), Level.of(cols[1]), Rule.Requirement.parse(cols[2]),
            checks(cols[3]), cols[4], cols[5], dash(cols[6]), dash(cols[7])));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("catalogue line " + lineNo + ": " + e.getMessage(), e);
      }
    }
    return new RuleCatalogue(out);
  }

  private static String dash(String s) {
    return s.strip().equals("-") ? "" : s.strip();
  }

  private static Set<Check> checks(String s) {
    Set<Check> set = EnumSet.noneOf(Check.class);
    if (!s.strip().equals("-")) {
      for (String part : s.split(",")) {
        set.add(Check.valueOf(part.strip()));
      }
    }
    return set;
  }

  /** Every rule, in catalogue order. */
  public List<Rule> rules() {
    return List.copyOf(rules.values());
  }

  /** The rule with this id, if the catalogue has it. */
  public Optional<Rule> find(RuleId id) {
    return Optional.ofNullable(rules.get(id));
  }

  /** The rule with this id. */
  public Rule rule(RuleId id) {
    Rule r = rules.get(id);
    if (r == null) {
      throw new IllegalArgumentException("no rule " + id + " in the catalogue");
    }
    return r;
  }

  /** The ids of every rule. */
  public Set<RuleId> ids() {
    return rules.keySet();
  }

  /** How many rules each level has. */
  public Map<Level, Integer> countByLevel() {
    Map<Level, Integer> counts = new TreeMap<>();
    for (Rule r : rules.values()) {
      counts.merge(r.level(), 1, Integer::sum);
    }
    return counts;
  }
}
