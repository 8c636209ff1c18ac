package dev.rill.conformance.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleCatalogueTest {

  @Test
  void theStandardCatalogueLoadsWithUniqueIdsAndGeneratedNames() {
    RuleCatalogue c = RuleCatalogue.standard();
    assertThat(c.rules()).hasSizeGreaterThan(40);
    assertThat(c.rule(RuleId.parse("W1.6")).testName()).isEqualTo("required_W1_6_sentinelMatchedExactly");
    assertThat(c.rule(RuleId.parse("H0")).testName()).isEqualTo("required_H0_catalogueAndImplementationsAgree");
    assertThat(c.rules()).allSatisfy(r -> assertThat(r.statement()).isNotBlank());
    assertThat(c.rules()).filteredOn(r -> r.level() == Level.UNTESTED)
        .allSatisfy(r -> assertThat(r.reason()).isNotBlank());
    assertThat(c.rules()).filteredOn(r -> r.level() != Level.UNTESTED)
        .allSatisfy(r -> assertThat(r.hint()).isNotBlank());
  }

  @Test
  void ruleIdsParseAndOrderNumerically() {
    assertThat(RuleId.parse("W1.10")).isGreaterThan(RuleId.parse("W1.9"));
    assertThat(RuleId.parse("H0").toString()).isEqualTo("H0");
    assertThat(RuleId.parse("W1.6").asIdentifier()).isEqualTo("W1_6");
    assertThatThrownBy(() -> RuleId.parse("w1.6")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBrokenCatalogueNamesTheLine() {
    String header = "id\tlevel\tneeds\tchecks\tname\tstatement\thint\treason\n";
    assertThatThrownBy(() -> RuleCatalogue.parse(header + "W1.1\trequired\t-\tF\tx\ty\n"))
        .hasMessageContaining("line 2").hasMessageContaining("8 tab-separated columns");
    assertThatThrownBy(() -> RuleCatalogue.parse(header + "W1.1\trequired\t-\tF\ta\ts\th\t-\nW1.1\trequired\t-\tF\tb\ts\th\t-\n"))
        .hasMessageContaining("appears twice");
    assertThatThrownBy(() -> RuleCatalogue.parse(header + "W1.1\tuntested\t-\t-\ta\ts\th\t-\n"))
        .hasMessageContaining("needs a reason");
    assertThat(RuleCatalogue.of(List.of()).rules()).isEmpty();
  }
}
