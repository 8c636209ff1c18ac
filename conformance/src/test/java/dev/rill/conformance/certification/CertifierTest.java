package dev.rill.conformance.certification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.conformance.report.RuleStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** The certification runner, end to end on the kit's reference plugin: rules, JMH performance rules, reports. */
@Isolated("JMH measures time: nothing else may run meanwhile")
class CertifierTest {

  @Test
  void certifiesTheReferencePluginAndWritesBothReports(@TempDir Path dir) throws IOException {
    List<String> progress = new ArrayList<>();
    CertificationReport report = Certifier.builder().provider("reference").quick(true).progress(progress::add)
        .build().run();
    report.write(dir);

    assertThat(report.providers()).hasSize(1);
    ProviderCertification p = report.providers().get(0);
    assertThat(p.failures()).as(report.toTable()).isEmpty();
    assertThat(report.certified()).isTrue();
    assertThat(p.results()).extracting(r -> r.ruleId().toString()).contains("H0.6", "L4.10", "L4.11", "L4.12",
        "P5.1", "P5.2", "P5.3", "P5.4");
    // the timed rules are stochastic: noise may make the reference miss one, never fail it
    assertThat(p.results()).filteredOn(r -> r.ruleId().group() == 'P' && r.ruleId().number() <= 4)
        .allSatisfy(r -> assertThat(r.status()).isIn(RuleStatus.PASS, RuleStatus.STOCHASTIC_MISS));
    assertThat(p.performance()).hasSize(4).allSatisfy(m -> assertThat(m.ratio()).isPositive());
    assertThat(progress).anySatisfy(l -> assertThat(l).contains("[1/1] reference"))
        .anySatisfy(l -> assertThat(l).contains("P5.3"));

    String json = Files.readString(dir.resolve(CertificationReport.JSON));
    assertThat(json).contains("\"certified\": true", "\"rule\": \"P5.1\"", "\"fixtureHash\"", "\"kitVersion\"",
        "\"catalogueVersion\"");
    String html = Files.readString(dir.resolve(CertificationReport.HTML));
    assertThat(html).contains("<svg", "P5.1 throughput", "CERTIFIED", "reference");
    String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>") + "</svg>".length());
    assertThat(dev.rill.testkit.svg.SvgFit.problems(svg)).as(svg).isEmpty();
    String allRules = html.substring(html.indexOf("<summary>All rules</summary>"));
    assertThat(allRules).as("the rule table shows each rule's number and text, not the test method")
        .contains("<code>W1.1</code> " + CertificationReport.esc(
            dev.rill.conformance.rules.RuleCatalogue.standard().rule(dev.rill.conformance.rules.RuleId.parse("W1.1"))
                .statement()))
        .doesNotContain("required_W1_1_");
    assertThat(report.toTable()).contains("CERTIFIED  reference").containsPattern("(PASS|MISS) +P5\\.1 ");
  }

  @Test
  void anUnknownProviderOrAJarWithoutPluginsIsRefused(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> Certifier.builder().provider("no-such-provider").build().run())
        .isInstanceOf(Certifier.UnknownProviderException.class).hasMessageContaining("no-such-provider");
    Path empty = dir.resolve("empty.jar");
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(empty))) {
      out.putNextEntry(new java.util.jar.JarEntry("README"));
    }
    assertThatThrownBy(() -> Certifier.builder().jar(empty).build().run())
        .isInstanceOf(Certifier.UnknownProviderException.class).hasMessageContaining("contribute no provider");
  }
}
