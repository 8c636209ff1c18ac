package dev.rill.provider.cohere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.HttpCall;
import dev.rill.api.Message;
import dev.rill.api.Part;
import dev.rill.api.ProviderSettings;
import dev.rill.api.ReasoningOptions;
import dev.rill.api.RillException;
import dev.rill.api.Secret;
import dev.rill.api.Tool;
import dev.rill.api.ToolCall;
import dev.rill.api.ToolChoice;
import dev.rill.testkit.ReasoningTurns;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class CohereRequestEncoderTest {

  private final CohereProvider provider = new CohereProvider();
  private final ProviderSettings settings =
      ProviderSettings.of("cohere", URI.create("https://api.cohere.com"), Secret.of("co-test-key-42"));

  /** This API takes no reasoning back: an assistant turn's reasoning parts and call signatures are left out. */
  @Test
  void reasoningPartsOfAnAssistantTurnAreNotSent() {
    String body = provider.prepare(ReasoningTurns.toolTurnWithReasoning("command-a-03-2025"), settings).bodyText();
    assertThat(body).isEqualTo(provider.prepare(ReasoningTurns.toolTurnWithoutReasoning("command-a-03-2025"), settings).bodyText());
    assertThat(ReasoningTurns.reasoningTexts()).noneMatch(body::contains);
    assertThat(provider.prepare(ReasoningTurns.answerWithReasoning("command-a-03-2025"), settings).bodyText()).isEqualTo(provider.prepare(ReasoningTurns.answerWithoutReasoning("command-a-03-2025"), settings).bodyText());
  }

  @Test
  void encodesAFullConversationAsTheDocumentedV2Body() {
    ChatRequest request = ChatRequest.builder("command-a-03-2025")
        .system("You are a weather bot.")
        .message(Message.user(Part.text("Weather here?"), Part.imageUrl("https://example.com/sky.jpg")))
        .message(Message.assistantToolCalls("I will check the weather.",
            List.of(ToolCall.of("get_weather_1", "get_weather", "{\"location\":\"Toronto\"}"))))
        .message(Message.toolResult("get_weather_1", "{\"temperature\":\"20C\"}"))
        .assistant("It is 20C.")
        .user("Thanks")
        .tool(Tool.of("get_weather", "Gets the weather",
            "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}}}"))
        .toolChoice(ToolChoice.REQUIRED)
        .temperature(0.3)
        .topP(0.75)
        .maxTokens(500)
        .stop("END")
        .reasoning(ReasoningOptions.budget(2000))
        .option("cohere", "seed", 42)
        .build();

    HttpCall call = provider.prepare(request, settings);

    assertThat(call.uri()).isEqualTo(URI.create("https://api.cohere.com/v2/chat"));
    assertThat(call.headers()).containsEntry("Authorization", "Bearer co-test-key-42")
        .containsEntry("Content-Type", "application/json").containsEntry("Accept", "text/event-stream");
    assertThat(call.toString()).doesNotContain("co-test-key-42");
    assertThat(call.bodyText()).isEqualTo("{\"model\":\"command-a-03-2025\",\"messages\":["
        + "{\"role\":\"system\",\"content\":\"You are a weather bot.\"},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Weather here?\"},"
        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/sky.jpg\"}}]},"
        + "{\"role\":\"assistant\",\"tool_plan\":\"I will check the weather.\",\"tool_calls\":[{\"id\":\"get_weather_1\","
        + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"location\\\":\\\"Toronto\\\"}\"}}]},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"get_weather_1\",\"content\":\"{\\\"temperature\\\":\\\"20C\\\"}\"},"
        + "{\"role\":\"assistant\",\"content\":\"It is 20C.\"},"
        + "{\"role\":\"user\",\"content\":\"Thanks\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Gets the weather\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}}}}}],"
        + "\"tool_choice\":\"REQUIRED\",\"temperature\":0.3,\"p\":0.75,\"max_tokens\":500,\"stop_sequences\":[\"END\"],"
        + "\"thinking\":{\"type\":\"enabled\",\"token_budget\":2000},\"stream\":true,\"seed\":42}");
  }

  @Test
  void minimalBodyAndInlineImagesAsDataUrls() {
    assertThat(provider.prepare(ChatRequest.builder("command-r").user("Hi").build(), settings).bodyText())
        .isEqualTo("{\"model\":\"command-r\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":true}");
    ChatRequest image = ChatRequest.builder("command-a-vision")
        .message(Message.user(Part.image(new byte[] {1, 2, 3}, "image/png"))).build();
    assertThat(provider.prepare(image, settings).bodyText()).contains("{\"url\":\"data:image/png;base64,AQID\"}");
  }

  @Test
  void toolChoiceAutoIsOmittedNoneIsSentAndNamedIsRejected() {
    ChatRequest.Builder b = ChatRequest.builder("m").user("x").tool(Tool.of("f", "", null));
    assertThat(provider.prepare(b.toolChoice(ToolChoice.AUTO).build(), settings).bodyText()).doesNotContain("tool_choice");
    assertThat(provider.prepare(b.toolChoice(ToolChoice.NONE).build(), settings).bodyText())
        .contains("\"tool_choice\":\"NONE\"");
    assertThatThrownBy(() -> provider.prepare(b.toolChoice(ToolChoice.named("f")).build(), settings))
        .isInstanceOfSatisfying(RillException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
          assertThat(e.getMessage()).contains("REQUIRED or NONE").contains("'f'");
        });
  }

  @Test
  void thinkingForEffortOnlyAndForAZeroBudget() {
    assertThat(provider.prepare(ChatRequest.builder("m").user("x").reasoning(ReasoningOptions.effort("high")).build(),
        settings).bodyText()).contains("\"thinking\":{\"type\":\"enabled\"}");
    assertThat(provider.prepare(ChatRequest.builder("m").user("x").reasoning(ReasoningOptions.budget(0)).build(),
        settings).bodyText()).contains("\"thinking\":{\"type\":\"disabled\"}");
  }

  @Test
  void optionsReplaceFieldsOfTheSameName() {
    String body = provider.prepare(ChatRequest.builder("m").user("x").temperature(0.5).option("cohere", "temperature", 0.9)
        .option("cohere", "safety_mode", "OFF").build(), settings).bodyText();
    assertThat(body).contains("\"temperature\":0.9").doesNotContain("0.5").endsWith("\"safety_mode\":\"OFF\"}");
  }

  @Test
  void aMissingKeyIsAnAuthenticationErrorNamingTheVariable() {
    ProviderSettings noKey = ProviderSettings.of("cohere", URI.create("https://api.cohere.com"), null);
    assertThatThrownBy(() -> provider.prepare(ChatRequest.builder("m").user("x").build(), noKey))
        .isInstanceOfSatisfying(RillException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
          assertThat(e.getMessage()).contains("COHERE_API_KEY");
        });
  }

  @Test
  void anInvalidToolSchemaIsAnInvalidRequest() {
    assertThatThrownBy(() -> provider.prepare(ChatRequest.builder("m").user("x").tool(Tool.of("f", "", "[]")).build(),
        settings)).isInstanceOfSatisfying(RillException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
  }
}
