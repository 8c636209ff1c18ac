package dev.rill.conformance;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.rill.conformance.rules.RuleId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs a kit class on the Jupiter engine (JUnit Platform test kit) and reports which rules failed. */
final class KitRun {
  private KitRun() {}

  /**
   * What a run of the kit gave.
   *
   * @param failed the ids of the rules whose tests failed
   * @param messages the failure messages, for assertion output
   * @param passed how many rule tests passed
   */
  record Outcome(Set<RuleId> failed, List<String> messages, long passed) {}

  static Outcome run(Class<? extends ProviderVerification> kit) {
    EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
        .selectors(selectClass(kit)).execute();
    Set<RuleId> failed = new TreeSet<>();
    List<String> messages = new java.util.ArrayList<>();
    for (Event e : results.testEvents().failed().list()) {
      String name = e.getTestDescriptor().getDisplayName();
      failed.add(ruleIdOf(name));
      e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
          .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
          .ifPresent(t -> messages.add(name + ": " + abbreviate(String.valueOf(t.getMessage()))));
    }
    if (results.containerEvents().failed().count() > 0) {
      messages.add("a container failed: " + results.containerEvents().failed().list());
      failed.add(RuleId.parse("X0"));
    }
    return new Outcome(failed, messages, results.testEvents().succeeded().count());
  }

  /** {@code required_W1_6_sentinelMatchedExactly} -> W1.6; {@code required_H0_x} -> H0. */
  static RuleId ruleIdOf(String testName) {
    String[] parts = testName.split("_");
    String id = parts[1];
    if (parts.length > 3 && parts[2].chars().allMatch(Character::isDigit)) {
      id += "." + parts[2];
    }
    return RuleId.parse(id);
  }

  private static String abbreviate(String s) {
    return s.length() > 600 ? s.substring(0, 600) + "..." : s;
  }
}
