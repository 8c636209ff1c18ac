package dev.rill.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ResponseFormat;
import dev.rill.runtime.Rill;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A structured answer through the whole stack: the request carries {@code response_format}, the loopback server
 * replays the {@code structured-output} golden, whose JSON arrives split across content deltas, and the collected
 * response's text is the whole JSON document.
 */
class StructuredOutputEndToEndTest {

  @Test
  void theCollectedTextOfAStructuredAnswerIsTheWholeJsonDocument() {
    Golden golden = GoldenTranscripts.load("openai", "structured-output");
    try (WireServer server = WireServer.start();
        Rill rill = Rill.builder().discover(false).register(new OpenAiProvider())
            .baseUrl("openai", server.baseUri().toString()).apiKey("openai", "sk-e2e-test-key-1234567890").build()) {
      server.enqueue(Response.status(200).header("Content-Type", "text/event-stream").write(golden.wire()));
      ChatRequest request = ChatRequest.builder("openai:gpt-4o-mini").user("Name a city and its country.")
          .responseFormat(ResponseFormat.jsonSchema("city", TypedSettingsRequestTest.SCHEMA)).build();

      ChatResponse response = rill.stream(request).collect().orTimeout(10, TimeUnit.SECONDS).join();

      assertThat(server.requests().get(0).bodyText()).contains("\"response_format\":{\"type\":\"json_schema\","
          + "\"json_schema\":{\"name\":\"city\",\"schema\":" + TypedSettingsRequestTest.SCHEMA + ",\"strict\":true}}");
      assertThat(golden.expect().mismatches(response)).isEmpty();
      assertThat(parseObject(response.text())).containsExactly(Map.entry("city", "Paris"),
          Map.entry("country", "France"));
    }
  }

  /** The members of a flat JSON object of strings; fails on anything else, or on text after the object. */
  private static Map<String, String> parseObject(String json) {
    Map<String, String> out = new LinkedHashMap<>();
    try (JsonParser p = new JsonFactory().createParser(ObjectReadContext.empty(), json)) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
        out.put(name, p.getString());
      }
      assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
      assertThat(p.nextToken()).isNull();
    }
    return out;
  }
}
