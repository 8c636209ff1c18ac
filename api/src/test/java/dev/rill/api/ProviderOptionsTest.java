package dev.rill.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderOptionsTest {

  private static final ProviderInfo GROQ = ProviderInfo.builder("groq", "Groq").family("openai-chat")
      .defaultBaseUrl("https://api.groq.com/openai/v1").build();

  @Test
  void aProviderGetsItsFamilyOptionsThenItsOwnAndItsOwnWin() {
    ProviderOptions options = ProviderOptions.none()
        .with("openai-chat", "user", "family").with("groq", "service_tier", "flex")
        .with("openai", "logprobs", true).with("groq", "user", "id").with("openai-chat", "seed", 1);
    assertThat(options.fieldsFor(GROQ)).containsExactly(Map.entry("user", "id"), Map.entry("seed", 1),
        Map.entry("service_tier", "flex"));
    assertThat(options.fieldsFor("openai", "openai-chat")).containsExactly(Map.entry("user", "family"),
        Map.entry("seed", 1), Map.entry("logprobs", true));
    assertThat(options.fieldsFor("anthropic", "anthropic-messages")).isEmpty();
  }

  @Test
  void aProviderWhoseIdIsItsFamilyGetsEachOptionOnce() {
    ProviderOptions options = ProviderOptions.none().with("gemini", "a", 1).with("gemini", "a", 2);
    assertThat(options.fieldsFor("gemini", "gemini")).containsExactly(Map.entry("a", 2));
  }

  @Test
  void aNullValueIsKeptAsJsonNull() {
    assertThat(ProviderOptions.none().with("groq", "stop", null).fieldsFor(GROQ)).containsKey("stop");
  }

  @Test
  void scopesAreProviderIdsOrFamilies() {
    assertThatThrownBy(() -> ProviderOptions.none().with("OpenAI", "x", 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'OpenAI'");
    assertThatThrownBy(() -> ProviderOptions.none().with("openai", " ", 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theBuilderKeepsOptionsInOrderAndTheRequestCopiesThem() {
    ChatRequest r = ChatRequest.builder("m").user("x").option("a", "k", 1).option("b", "k", 2).build();
    assertThat(r.options().entries()).extracting(ProviderOptions.Option::scope).containsExactly("a", "b");
    assertThat(r.toBuilder().build().options()).isEqualTo(r.options());
    assertThat(r.withModel("other").options()).isEqualTo(r.options());
    assertThat(r.withOptions(ProviderOptions.none()).options().isEmpty()).isTrue();
  }

  @Test
  void typedSettingsSurviveCopies() {
    ChatRequest r = ChatRequest.builder("m").user("x").seed(3).topK(4).presencePenalty(0.5).frequencyPenalty(0.25)
        .parallelToolCalls(false).responseFormat(ResponseFormat.json()).build();
    assertThat(r.toBuilder().build()).isEqualTo(r);
    ChatRequest moved = r.withModel("p:m2");
    assertThat(moved.seed()).isEqualTo(3);
    assertThat(moved.responseFormat()).isEqualTo(ResponseFormat.json());
    assertThat(moved.parallelToolCalls()).isFalse();
  }

  @Test
  void typedSettingsAreCheckedWhenTheRequestIsBuilt() {
    assertThatThrownBy(() -> ChatRequest.builder("m").user("x").topK(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topK");
    assertThatThrownBy(() -> ChatRequest.builder("m").user("x").presencePenalty(Double.NaN).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("presencePenalty");
  }

  @Test
  void aResponseSchemaNeedsANameAndASchema() {
    assertThatThrownBy(() -> ResponseFormat.jsonSchema("has space", "{}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ResponseFormat.jsonSchema("n", " ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ResponseFormat(ResponseFormat.Kind.JSON, "n", null, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ResponseFormat.jsonSchema("city_1", "{}").strict()).isTrue();
    assertThat(ResponseFormat.json().hasSchema()).isFalse();
  }
}
