package dev.rill.conformance.performance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.StreamingProvider;
import dev.rill.conformance.mutants.AllocatingMutant;
import dev.rill.conformance.mutants.DelayedEmissionMutant;
import dev.rill.conformance.mutants.QuadraticTextMutant;
import dev.rill.conformance.mutants.SlowDecoderMutant;
import dev.rill.conformance.reference.ReferenceProvider;
import dev.rill.conformance.report.RuleStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The performance rules can fail: one JMH run (quick settings) measures the reference plugin and four mutants, each
 * with one defect; the reference passes P5.1 to P5.4 and each mutant fails its rule. The allocating mutant may also
 * fail P5.1 (allocating 4 KiB per event costs time too: the same defect, seen by the throughput rule); no other
 * extra failure is accepted. The timed rules are stochastic (a miss is STOCHASTIC_MISS, which never blocks a
 * certification), so a mutant must land beyond its rule's regression bound to count: a real regression is still a
 * FAIL. A stochastic miss by the reference (a burst of noise on a shared machine) is tolerated and printed.
 */
@Isolated("JMH measures time: nothing else may run meanwhile")
class PerformanceSelfTest {

  @Test
  void eachPerformanceMutantFailsExactlyItsRule() {
    List<StreamingProvider> plugins = List.of(new ReferenceProvider(), new SlowDecoderMutant(),
        new AllocatingMutant(), new QuadraticTextMutant(), new DelayedEmissionMutant());
    List<List<String>> expected = List.of(List.of(""), List.of("P5.1"), List.of("P5.2", "P5.1,P5.2"),
        List.of("P5.3"), List.of("P5.4"));
    PerformanceRun.Settings settings = PerformanceRun.Settings.quick();
    List<PerformanceSubject> subjects = new ArrayList<>();
    for (StreamingProvider p : plugins) {
      subjects.add(PerformanceSubject.of(p, Map.of(), settings.hugeChars()));
    }
    List<String> progress = new ArrayList<>();
    List<List<PerformanceRun.Measurement>> measured = PerformanceRun.measure(subjects, settings, progress::add);
    StringBuilder report = new StringBuilder();
    for (int i = 0; i < plugins.size(); i++) {
      report.append(plugins.get(i).getClass().getSimpleName()).append(":\n");
      measured.get(i).forEach(m -> report.append("  ").append(m.rule()).append(' ').append(m.status()).append(' ')
          .append(m.message()).append('\n'));
    }
    for (int i = 0; i < plugins.size(); i++) {
      assertThat(measured.get(i)).as(report.toString()).hasSize(4)
          .allSatisfy(m -> assertThat(m.status()).isIn(RuleStatus.PASS, RuleStatus.FAIL, RuleStatus.STOCHASTIC_MISS));
      TreeSet<String> failed = new TreeSet<>();
      measured.get(i).stream().filter(m -> m.status() == RuleStatus.FAIL).forEach(m -> failed.add(m.rule().toString()));
      assertThat(String.join(",", failed)).as("rules failed by %s\n%s", plugins.get(i).getClass().getSimpleName(),
          report).isIn(expected.get(i));
    }
    // every failure above survived its confirming measurements
    assertThat(progress).anySatisfy(l -> assertThat(l).startsWith("confirming ").contains("missed their bound"));
    System.out.println(report);
  }
}
