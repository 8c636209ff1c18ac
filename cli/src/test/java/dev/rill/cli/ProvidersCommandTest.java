package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvidersCommandTest {

  @Test
  void listsOpenAiWithItsKeyVariableAndBaseUrl() {
    CliRun run = CliRun.run("providers");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).containsPattern("(?m)^openai\\s+OpenAI\\s+openai-chat\\s+SSE\\s+OPENAI_API_KEY\\s+https://api.openai.com/v1");
    assertThat(run.out()).contains("provider(s) discovered");
    // a placeholder filled from a settings option reads as the template, not percent-encoded
    assertThat(run.out()).contains("https://api.cloudflare.com/client/v4/accounts/{account-id}/ai/v1")
        .doesNotContain("%7B");
  }

  @Test
  void jsonHasOneObjectPerProvider() {
    CliRun run = CliRun.run("providers", "--json");

    assertThat(run.exit()).as(run.toString()).isZero();
    List<Map<String, Object>> lines = JsonObjects.lines(run.out());
    assertThat(lines).allSatisfy(l -> assertThat(l.get("type")).isIn("provider", "problem"));
    Map<String, Object> openai = lines.stream().filter(l -> "openai".equals(l.get("id"))).findFirst().orElseThrow();
    assertThat(openai).containsEntry("displayName", "OpenAI").containsEntry("framing", "SSE")
        .containsEntry("apiKeyEnv", "OPENAI_API_KEY").containsEntry("defaultBaseUrl", "https://api.openai.com/v1");
    assertThat(openai.get("capabilities")).isInstanceOf(List.class);
    assertThat(((List<?>) openai.get("capabilities")).stream().map(String::valueOf)).contains("TEXT", "TOOLS");
    assertThat((List<?>) openai.get("models")).anySatisfy(row -> {
      Map<?, ?> m = (Map<?, ?>) row;
      assertThat(m.get("pattern")).isEqualTo("o1-mini*");
      assertThat(m.get("lacks")).isEqualTo(List.of("TOOLS", "IMAGES", "SYSTEM_PROMPT", "STRUCTURED_OUTPUT"));
    });
    assertThat(lines).extracting(l -> l.get("id")).contains("anthropic", "gemini", "ollama", "cohere");
  }
}
