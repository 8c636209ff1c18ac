package dev.rill.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.conformance.rules.RuleId;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConformanceEnvironmentTest {

  @Test
  void readsItsSystemPropertiesAndSelectsRulesByPrefix() {
    Properties p = new Properties();
    p.setProperty("rill.conformance.tries", "7");
    p.setProperty("rill.conformance.seed", "42");
    p.setProperty("rill.conformance.rules", "W1,S2.8,-W1.3");
    ConformanceEnvironment env = ConformanceEnvironment.from(p);
    assertThat(env.tries()).isEqualTo(7);
    assertThat(env.seed()).isEqualTo("42");
    assertThat(env.selects(RuleId.parse("W1.10"))).isTrue();
    assertThat(env.selects(RuleId.parse("W1.3"))).isFalse();
    assertThat(env.selects(RuleId.parse("S2.8"))).isTrue();
    assertThat(env.selects(RuleId.parse("S2.1"))).isFalse();
    assertThat(ConformanceEnvironment.from(new Properties()).selects(RuleId.parse("L4.1"))).isTrue();
    p.setProperty("rill.conformance.rules", "-L4.1");
    assertThat(ConformanceEnvironment.from(p).selects(RuleId.parse("L4.1"))).isFalse();
    assertThat(ConformanceEnvironment.from(p).selects(RuleId.parse("L4.2"))).isTrue();
  }

  @Test
  void theSeedReplaysARunOrOneCaseOfIt() {
    Properties p = new Properties();
    p.setProperty("rill.conformance.seed", " 8135093:17 ");
    assertThat(ConformanceEnvironment.from(p).seed()).isEqualTo("8135093:17");
    assertThat(ConformanceEnvironment.from(new Properties()).seed()).matches("\\d+");
    p.setProperty("rill.conformance.seed", "tuesday");
    assertThatThrownBy(() -> ConformanceEnvironment.from(p)).hasMessageContaining("rill.conformance.seed")
        .hasMessageContaining("<run>:<case>");
  }

  @Test
  void aBadNumberNamesTheProperty() {
    Properties p = new Properties();
    p.setProperty("rill.conformance.timeout-millis", "soon");
    assertThatThrownBy(() -> ConformanceEnvironment.from(p)).hasMessageContaining("rill.conformance.timeout-millis");
  }
}
