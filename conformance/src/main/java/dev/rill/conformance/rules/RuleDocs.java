package dev.rill.conformance.rules;

import java.util.Map;

/**
 * Renders a {@link RuleCatalogue} as the Markdown of {@code docs/conformance-rules.md}. The document is generated,
 * never edited by hand: a test in the kit fails when the file differs from this rendering.
 *
 * @since 0.1
 */
public final class RuleDocs {
  private RuleDocs() {}

  /** The Markdown document for {@code catalogue}. */
  public static String markdown(RuleCatalogue catalogue) {
    StringBuilder md = new StringBuilder(16_384);
    md.append("# Rill conformance rules\n\n");
    md.append("<!-- Generated from conformance/src/main/resources/dev/rill/conformance/rules.tsv by RuleDocs; do not ")
        .append("edit. Regenerate with: ./mvnw -pl conformance test -Dtest=RuleDocsTest -Drill.regenerate=true -->\n\n");
    md.append("Every provider plugin is checked against these rules by the conformance kit (`rill-conformance`): a ")
        .append("plugin's test extends `dev.rill.conformance.ProviderVerification` and inherits one test per rule, ")
        .append("named `<level>_<id>_<name>` (for example `required_W1_6_sentinelMatchedExactly`). See ")
        .append("[provider-authoring.md](provider-authoring.md).\n\n");
    md.append("**Levels.** `required`: a failure blocks certification. `optional`: a failure is reported as ")
        .append("skipped-optional. `stochastic`: left partly to chance, as the Reactive Streams TCK's stochastic ")
        .append("tests (each says how): a race rule may give a false pass; a timed rule's miss is reported as ")
        .append("`STOCHASTIC_MISS` with its figures and never fails a certification on its own, while a result beyond ")
        .append("its regression bound does; switched off with `-Drill.conformance.skip-stochastic=true`. ")
        .append("`untested`: listed with the reason it is not checked yet.\n\n");
    md.append("**Checks.** F: a golden transcript or a variant of one, decoded offline or replayed over loopback ")
        .append("HTTP through the runtime. P: a property, generated inputs from a seed (the testkit's property runner; ")
        .append("a failure is shrunk to its smallest case and names its seed: replay it alone with ")
        .append("`-Drill.conformance.seed=<run>:<case>`). ST: a stateful scenario through the runtime. RS: the ")
        .append("Reactive Streams TCK. J: JMH, in `rill certify`.\n\n");
    md.append("**Needs.** A rule that needs a capability (`TOOLS`...) or a framing (`SSE`, `NDJSON`...) the plugin ")
        .append("does not declare is skipped with that reason.\n\n");
    md.append("| level | count |\n|---|---|\n");
    for (Map.Entry<Level, Integer> e : catalogue.countByLevel().entrySet()) {
      md.append("| ").append(e.getKey().label()).append(" | ").append(e.getValue()).append(" |\n");
    }
    char group = 0;
    for (Rule r : catalogue.rules()) {
      if (r.id().group() != group) {
        group = r.id().group();
        md.append("\n## ").append(groupTitle(group)).append("\n\n");
        md.append("| id | level | needs | checks | test name | rule | if this fails, check |\n");
        md.append("|---|---|---|---|---|---|---|\n");
      }
      String checks = r.checks().isEmpty() ? "-" : String.join(",", r.checks().stream().sorted()
          .map(Enum::name).toList());
      String statement = r.level() == Level.UNTESTED ? r.statement() + " *Untested: " + r.reason() + "*"
          : r.level() == Level.STOCHASTIC && !r.reason().isEmpty() ? r.statement() + " *Stochastic: " + r.reason()
              + "*" : r.statement();
      md.append("| ").append(r.id()).append(" | ").append(r.level().label()).append(" | ")
          .append(r.requirement()).append(" | ").append(checks).append(" | `").append(r.testName()).append("` | ")
          .append(cell(statement)).append(" | ").append(cell(r.hint().isEmpty() ? "-" : r.hint())).append(" |\n");
    }
    return md.toString();
  }

  /**
   * The title of a rule group, as the docs and {@code rill certify}'s progress name it.
   *
   * @param group the group letter of a rule id ({@code W} of {@code W1.6})
   * @return e.g. {@code W: wire decoding, through the plugin}
   */
  public static String groupTitle(char group) {
    return switch (group) {
      case 'H' -> "H: harness and plugin manifest";
      case 'W' -> "W: wire decoding, through the plugin";
      case 'S' -> "S: chunk sequence";
      case 'E' -> "E: errors";
      case 'L' -> "L: lifecycle, through the runtime";
      case 'P' -> "P: performance";
      default -> group + " rules";
    };
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
