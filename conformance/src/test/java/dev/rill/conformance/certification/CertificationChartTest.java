package dev.rill.conformance.certification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.conformance.performance.PerformanceRun;
import dev.rill.conformance.report.RuleStatus;
import dev.rill.conformance.rules.RuleId;
import dev.rill.testkit.svg.SvgFit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The performance chart of certification.html: every label and value inside the chart, whatever the figures. */
class CertificationChartTest {

  @Test
  void labelsAndValuesFitWhateverTheFigures() {
    List<PerformanceRun.Measurement> measurements = List.of(
        measurement("P5.1", RuleStatus.PASS, 123.456, 0.5),
        measurement("P5.2", RuleStatus.FAIL, 1234.5, 1.25),
        measurement("P5.3", RuleStatus.PASS, 4.01, 5),
        measurement("P5.4", RuleStatus.FAIL, Double.NaN, Double.NaN));

    String svg = CertificationReport.chart(measurements);

    assertThat(SvgFit.problems(svg)).as(svg).isEmpty();
    assertThat(svg).contains("123.46x (floor 0.50x)", "1234.50x (limit 1.25x)", "FAILED", "higher is better",
        "lower is better");
  }

  @Test
  void theFitCheckSeesAValueDrawnPastTheEdge() {
    String clipped = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"40\" font-size=\"12\">"
        + "<text x=\"538\" y=\"15\">1.23x (limit 2.00x)</text></svg>";

    assertThat(SvgFit.problems(clipped)).singleElement().asString()
        .startsWith("\"1.23x (limit 2.00x)\" ends at").endsWith("beyond the width 640");
  }

  private static PerformanceRun.Measurement measurement(String rule, RuleStatus status, double ratio, double limit) {
    return new PerformanceRun.Measurement(RuleId.parse(rule), status, ratio, limit, 1, 1, "x", "message");
  }
}
