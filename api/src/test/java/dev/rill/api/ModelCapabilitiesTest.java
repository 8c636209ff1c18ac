package dev.rill.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelCapabilitiesTest {

  static final ProviderInfo INFO = ProviderInfo.builder("acme", "Acme").defaultBaseUrl("https://acme.invalid")
      .capabilities(Capability.TEXT, Capability.TOOLS, Capability.IMAGES, Capability.REASONING)
      .models("tiny-*", "docs", Capability.TOOLS, Capability.IMAGES)
      .models("*.legacy-v1*", "docs", Capability.REASONING)
      .models("exact", "docs", Capability.IMAGES)
      .build();

  @Test
  void globsMatchWholeBareNamesCaseInsensitively() {
    ModelCapabilities row = ModelCapabilities.lacking("gpt-4*", "", Capability.REASONING);
    assertThat(row.matches("gpt-4o-mini")).isTrue();
    assertThat(row.matches("GPT-4.1")).isTrue();
    assertThat(row.matches("gpt-40")).isTrue();
    assertThat(row.matches("my-gpt-4o")).isFalse();
    assertThat(row.matches(null)).isFalse();
    assertThat(ModelCapabilities.lacking("a.b", "", Capability.TOOLS).matches("axb")).isFalse(); // '.' is literal
    assertThat(ModelCapabilities.lacking("*meta.llama3-*", "", Capability.TOOLS)
        .matches("us.meta.llama3-8b-instruct-v1:0")).isTrue();
  }

  @Test
  void theFirstMatchingRowNarrowsTheDeclaredSet() {
    assertThat(INFO.capabilitiesFor("tiny-2")).containsExactlyInAnyOrder(Capability.TEXT, Capability.REASONING);
    assertThat(INFO.capabilitiesFor("eu.legacy-v1:0")).containsExactlyInAnyOrder(Capability.TEXT, Capability.TOOLS,
        Capability.IMAGES);
    assertThat(INFO.capabilitiesFor("exact")).doesNotContain(Capability.IMAGES);
    assertThat(INFO.capabilitiesFor("exactly")).isEqualTo(INFO.capabilities());
    assertThat(INFO.capabilitiesFor("big-1")).isEqualTo(INFO.capabilities());
    assertThat(INFO.capabilitiesFor(null)).isEqualTo(INFO.capabilities());
    assertThat(INFO.modelRowFor("tiny-x").pattern()).isEqualTo("tiny-*");
  }

  @Test
  void aRowMayOnlyTakeAwayWhatTheProviderDeclares() {
    assertThatThrownBy(() -> ProviderInfo.builder("acme", "Acme").defaultBaseUrl("https://acme.invalid")
        .capabilities(Capability.TEXT).models("x-*", "docs", Capability.TOOLS).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TOOLS").hasMessageContaining("x-*");
    assertThatThrownBy(() -> new ModelCapabilities("x", java.util.Set.of(), "")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noRowsMeansEveryModelHasTheDeclaredSet() {
    ProviderInfo plain = ProviderInfo.builder("acme", "Acme").defaultBaseUrl("https://acme.invalid")
        .capabilities(Capability.TEXT).build();
    assertThat(plain.modelCapabilities()).isEmpty();
    assertThat(plain.capabilitiesFor("anything")).containsExactly(Capability.TEXT);
  }
}
