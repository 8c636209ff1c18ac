package dev.rill.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelSpecTest {
  @Test
  void splitsAtTheFirstColon() {
    assertThat(ModelSpec.parse("openai:gpt-4o-mini")).isEqualTo(new ModelSpec("openai", "gpt-4o-mini"));
    assertThat(ModelSpec.parse("ollama:llama3:8b")).isEqualTo(new ModelSpec("ollama", "llama3:8b"));
  }

  @Test
  void aBareModelHasNoProvider() {
    assertThat(ModelSpec.parse("gpt-4o")).isEqualTo(new ModelSpec(null, "gpt-4o"));
  }

  @Test
  void rejectsEmptyParts() {
    assertThatThrownBy(() -> ModelSpec.parse(":gpt")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModelSpec.parse("openai:")).isInstanceOf(IllegalArgumentException.class);
  }
}
