package dev.rill.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.runtime.StreamOptions;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.server.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cancel, errors, request mapping and round trips of what must go back to the provider, over a loopback server. */
class StreamingModelBehaviourTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final byte[] EVENT = ("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\n")
      .getBytes(StandardCharsets.UTF_8);
  static final long EVENTS = 200_000;

  Loopback loopback;

  @BeforeEach
  void start() {
    loopback = new Loopback();
  }

  @AfterEach
  void stop() {
    loopback.close();
  }

  StreamingChatModel streaming(String spec) {
    return RillStreamingChatModel.builder().rill(loopback.rill).modelName(spec).build();
  }

  @Test
  void cancelFromInsideTheHandlerStopsTheStreamAndReleasesTheConnection() throws Exception {
    loopback.server.enqueue(Response.status(200).header("Content-Type", "text/event-stream").repeat(EVENT, EVENTS)
        .write("data: [DONE]\n\n"));
    RecordingHandler h = new RecordingHandler() {
      @Override
      public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
        super.onPartialResponse(partial, context);
        context.streamingHandle().cancel();
      }
    };
    streaming("openai:gpt-4o-mini").chat("go on forever", h);

    assertThat(loopback.server.awaitClientDisconnects(1, Duration.ofSeconds(10))).as("the server saw the close")
        .isTrue();
    assertThat(loopback.noLeasedConnections()).isTrue();
    Thread.sleep(300);
    assertThat(h.lastContext.streamingHandle().isCancelled()).isTrue();
    assertThat(h.events).as("nothing after cancel: no more text, no outcome").containsExactly("text");
    assertThat(h.outcomes.get()).isZero();
    assertThat(loopback.server.bytesWritten()).as("the rest of the stream was never sent")
        .isLessThan(EVENTS * EVENT.length / 4);
  }

  @Test
  void aHandlerThatThrowsIsToldOnceThroughOnErrorAndTheCallStops() throws Exception {
    loopback.server.enqueue(Response.status(200).header("Content-Type", "text/event-stream").repeat(EVENT, EVENTS)
        .write("data: [DONE]\n\n"));
    IllegalStateException boom = new IllegalStateException("the UI went away");
    RecordingHandler h = new RecordingHandler() {
      @Override
      public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
        super.onPartialResponse(partial, context);
        throw boom;
      }
    };
    streaming("openai:gpt-4o-mini").chat("hi", h);

    assertThat(h.await()).isTrue();
    assertThat(loopback.server.awaitClientDisconnects(1, Duration.ofSeconds(10))).isTrue();
    Thread.sleep(200);
    assertThat(h.error).isSameAs(boom);
    assertThat(h.events).containsExactly("text", "error");
    assertThat(loopback.noLeasedConnections()).isTrue();
  }

  @Test
  void httpErrorsArriveAsTheLangChain4jExceptionsUsersCatchWithTheRillExceptionAsCause() throws Exception {
    loopback.server.enqueue(Response.json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
        + "\"code\":\"rate_limit_exceeded\"}}").header("Retry-After", "7"));
    loopback.server.enqueue(Response.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + Loopback.KEY
        + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
    loopback.server.enqueue(Response.json(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}"));

    Throwable limited = errorOf(streaming("openai:gpt-4o-mini"));
    assertThat(limited).isInstanceOf(RateLimitException.class);
    RillException cause = (RillException) limited.getCause();
    assertThat(cause.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(cause.retryAfter()).contains(Duration.ofSeconds(7));

    Throwable auth = errorOf(streaming("openai:gpt-4o-mini"));
    assertThat(auth).isInstanceOf(AuthenticationException.class);
    assertThat(auth.getMessage()).doesNotContain(Loopback.KEY);

    assertThat(errorOf(streaming("openai:gpt-4o-mini"))).isInstanceOf(InternalServerException.class);
    assertThat(errorOf(streaming("nosuch:model"))).as("an unknown provider").isInstanceOf(ModelNotFoundException.class);
    assertThat(loopback.noLeasedConnections()).isTrue();
  }

  @Test
  void enhancedModeRetriesBehindTheModelBeforeTheHandlerHearsAnything() throws Exception {
    loopback.server.enqueue(Response.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));
    loopback.server.enqueue(Loopback.replay(GoldenTranscripts.load("openai", "text-usage")));
    StreamingChatModel model = RillStreamingChatModel.builder().rill(loopback.rill).modelName("openai:gpt-4o-mini")
        .streamOptions(StreamOptions.enhancedBuilder().retry(dev.rill.runtime.RetryPolicy.attempts(2)).build()).build();
    RecordingHandler h = new RecordingHandler();
    model.chat("hi", h);
    assertThat(h.await()).isTrue();
    assertThat(h.error).isNull();
    assertThat(h.response.aiMessage().text()).isNotEmpty();
    assertThat(loopback.server.requestCount()).isEqualTo(2);
    RillChatResponseMetadata meta = (RillChatResponseMetadata) h.response.metadata();
    assertThat(meta.rillResponse().timing().attempts()).isEqualTo(2);
  }

  @Test
  void toolSpecificationsToolChoiceAndParametersReachTheProviderAndToolTurnsGoBack() throws Exception {
    loopback.server.enqueue(Loopback.replay(GoldenTranscripts.load("openai", "single-tool-call")));
    loopback.server.enqueue(Loopback.replay(GoldenTranscripts.load("openai", "text-usage")));
    ToolSpecification weather = ToolSpecification.builder().name("get_weather").description("Weather in a city")
        .parameters(JsonObjectSchema.builder().addStringProperty("city", "the city").required("city").build()).build();
    StreamingChatModel model = streaming("openai:gpt-4o-mini");
    ChatRequest first = ChatRequest.builder()
        .messages(SystemMessage.from("Be brief."), UserMessage.from("Weather in Paris?"))
        .toolSpecifications(weather).toolChoice(ToolChoice.REQUIRED).temperature(0.2).maxOutputTokens(99)
        .stopSequences(List.of("END")).build();
    RecordingHandler h = new RecordingHandler();
    model.chat(first, h);
    assertThat(h.await()).isTrue();
    AiMessage ai = h.response.aiMessage();
    assertThat(ai.hasToolExecutionRequests()).isTrue();

    JsonNode sent = JSON.readTree(loopback.server.requests().get(0).bodyText());
    assertThat(sent.get("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(sent.get("temperature").asDouble()).isEqualTo(0.2);
    assertThat(sent.get("max_completion_tokens") != null ? sent.get("max_completion_tokens").asInt()
        : sent.get("max_tokens").asInt()).isEqualTo(99);
    assertThat(sent.get("stop").get(0).asText()).isEqualTo("END");
    assertThat(sent.get("tool_choice").asText()).isEqualTo("required");
    JsonNode function = sent.get("tools").get(0).get("function");
    assertThat(function.get("name").asText()).isEqualTo("get_weather");
    assertThat(function.get("parameters")).isEqualTo(JSON.readTree(
        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\",\"description\":\"the city\"}},"
            + "\"required\":[\"city\"]}"));

    var call = ai.toolExecutionRequests().get(0);
    RecordingHandler h2 = new RecordingHandler();
    model.chat(List.of(UserMessage.from("Weather in Paris?"), ai,
        ToolExecutionResultMessage.from(call, "{\"temp\":21}")), h2);
    assertThat(h2.await()).isTrue();
    JsonNode messages = JSON.readTree(loopback.server.requests().get(1).bodyText()).get("messages");
    JsonNode assistant = messages.get(1);
    assertThat(assistant.get("role").asText()).isEqualTo("assistant");
    assertThat(assistant.get("tool_calls").get(0).get("id").asText()).isEqualTo(call.id());
    assertThat(assistant.get("tool_calls").get(0).get("function").get("arguments").asText())
        .isEqualTo(call.arguments());
    JsonNode tool = messages.get(2);
    assertThat(tool.get("role").asText()).isEqualTo("tool");
    assertThat(tool.get("tool_call_id").asText()).isEqualTo(call.id());
    assertThat(tool.get("content").asText()).isEqualTo("{\"temp\":21}");
  }

  @Test
  void signedReasoningGoesBackToAnthropicEvenThroughLangChain4jsJsonChatMemory() throws Exception {
    loopback.server.enqueue(Loopback.replay(GoldenTranscripts.load("anthropic", "extended-thinking")));
    loopback.server.enqueue(Loopback.replay(GoldenTranscripts.load("anthropic", "text")));
    StreamingChatModel model = streaming("anthropic:claude-sonnet-4-5");
    RecordingHandler h = new RecordingHandler();
    model.chat("GCD of 1071 and 462?", h);
    assertThat(h.await()).isTrue();
    AiMessage ai = h.response.aiMessage();
    assertThat(ai.thinking()).contains("Euclidean algorithm");
    String signature = ((RillChatResponseMetadata) h.response.metadata()).rillResponse().reasoningBlocks().get(0)
        .signature();
    assertThat(signature).isNotEmpty();

    // What a persistent ChatMemoryStore does: messages to JSON and back.
    List<ChatMessage> history = ChatMessageDeserializer.messagesFromJson(ChatMessageSerializer.messagesToJson(
        List.of(UserMessage.from("GCD of 1071 and 462?"), ai, UserMessage.from("And of 21 and 6?"))));
    RecordingHandler h2 = new RecordingHandler();
    model.chat(history, h2);
    assertThat(h2.await()).isTrue();
    JsonNode assistant = JSON.readTree(loopback.server.requests().get(1).bodyText()).get("messages").get(1);
    JsonNode thinking = assistant.get("content").get(0);
    assertThat(thinking.get("type").asText()).isEqualTo("thinking");
    assertThat(thinking.get("signature").asText()).isEqualTo(signature);
    assertThat(thinking.get("thinking").asText()).isEqualTo(ai.thinking());
  }

  @Test
  void geminiToolCallSignaturesGoBackWithTheCall() throws Exception {
    loopback.server.enqueue(Loopback.replay(GoldenTranscripts.load("gemini", "function-call-thought-signature")));
    loopback.server.enqueue(Loopback.replay(GoldenTranscripts.load("gemini", "text")));
    StreamingChatModel model = streaming("gemini:gemini-3-pro-preview");
    RecordingHandler h = new RecordingHandler();
    model.chat("Is AA100 on time?", h);
    assertThat(h.await()).isTrue();
    AiMessage ai = h.response.aiMessage();
    var call = ai.toolExecutionRequests().get(0);
    RecordingHandler h2 = new RecordingHandler();
    model.chat(List.of(UserMessage.from("Is AA100 on time?"), ai,
        ToolExecutionResultMessage.from(call, "{\"status\":\"on time\"}")), h2);
    assertThat(h2.await()).isTrue();
    String body = loopback.server.requests().get(1).bodyText();
    assertThat(body).contains("\"thoughtSignature\":\"CiQBcsjafN0JbKsD6tQ3m9dW4H7bYXo1mHqk0VZ1u8o9R2y2X4QKZgFyyNp8Vb8q0"
        + "iU4hZ1oG0yN8c0uJ3R5q8Xq1m2pJ6r9W0sF3y7Y2m1kQw==\"").contains("functionResponse");
  }

  @Test
  void aSettingTheProviderHasNoFieldForIsRefusedBeforeAnythingIsSent() throws Exception {
    StreamingChatModel model = streaming("openai:gpt-4o-mini");
    RecordingHandler h = new RecordingHandler();
    model.chat(ChatRequest.builder().messages(UserMessage.from("hi")).topK(5).build(), h);
    h.await();
    assertThat(h.error).isInstanceOf(dev.langchain4j.exception.InvalidRequestException.class);
    assertThat(h.error.getMessage()).contains("topK").contains("'openai'");
    assertThat(loopback.server.requestCount()).isZero();
  }

  @Test
  void theTypedSettingsAndAJsonSchemaResponseFormatReachTheBody() throws Exception {
    loopback.server.enqueue(Loopback.replay(GoldenTranscripts.load("openai", "structured-output")));
    StreamingChatModel model = streaming("openai:gpt-4o-mini");
    dev.langchain4j.model.chat.request.ResponseFormat format = dev.langchain4j.model.chat.request.ResponseFormat
        .builder().type(dev.langchain4j.model.chat.request.ResponseFormatType.JSON)
        .jsonSchema(dev.langchain4j.model.chat.request.json.JsonSchema.builder().name("city")
            .rootElement(dev.langchain4j.model.chat.request.json.JsonObjectSchema.builder()
                .addStringProperty("city").required("city").build()).build()).build();
    RecordingHandler h = new RecordingHandler();
    model.chat(ChatRequest.builder().messages(UserMessage.from("A city?")).presencePenalty(0.5)
        .frequencyPenalty(0.25).responseFormat(format).build(), h);
    assertThat(h.await()).isTrue();
    JsonNode sent = JSON.readTree(loopback.server.requests().get(0).bodyText());
    assertThat(sent.get("presence_penalty").asDouble()).isEqualTo(0.5);
    assertThat(sent.get("frequency_penalty").asDouble()).isEqualTo(0.25);
    assertThat(sent.get("response_format").get("type").asText()).isEqualTo("json_schema");
    assertThat(sent.get("response_format").get("json_schema").get("name").asText()).isEqualTo("city");
    assertThat(sent.get("response_format").get("json_schema").get("schema").get("required").get(0).asText())
        .isEqualTo("city");
    assertThat(JSON.readTree(h.response.aiMessage().text()).get("city").asText()).isEqualTo("Paris");
  }

  @Test
  void theBlockingModelReturnsTheAnswerAndThrowsTheMappedException() {
    loopback.server.enqueue(Loopback.replay(GoldenTranscripts.load("openai", "text-usage")));
    loopback.server.enqueue(Response.json(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"requests\"}}"));
    List<String> heard = new CopyOnWriteArrayList<>();
    ChatModel model = RillChatModel.builder().rill(loopback.rill).modelName("openai:gpt-4o-mini")
        .listeners(List.of(new ChatModelListener() {
          @Override
          public void onRequest(ChatModelRequestContext c) {
            heard.add("request:" + c.chatRequest().modelName());
          }

          @Override
          public void onResponse(ChatModelResponseContext c) {
            heard.add("response:" + c.chatResponse().tokenUsage().outputTokenCount());
          }

          @Override
          public void onError(ChatModelErrorContext c) {
            heard.add("error:" + c.error().getClass().getSimpleName());
          }
        })).build();
    ChatResponse r = model.chat(ChatRequest.builder().messages(UserMessage.from("hi")).build());
    String expected = GoldenTranscripts.load("openai", "text-usage").expect().text();
    assertThat(r.aiMessage().text()).isEqualTo(expected);
    assertThatThrownBy(() -> model.chat("hi")).isInstanceOf(RateLimitException.class)
        .cause().isInstanceOf(RillException.class);
    assertThat(heard).containsExactly("request:openai:gpt-4o-mini",
        "response:" + r.tokenUsage().outputTokenCount(), "request:openai:gpt-4o-mini", "error:RateLimitException");
  }

  @Test
  void interruptingABlockingCallCancelsItAndReleasesTheConnection() throws Exception {
    loopback.server.enqueue(Response.status(200).header("Content-Type", "text/event-stream")
        .write(EVENT).stallForever());
    ChatModel model = RillChatModel.builder().rill(loopback.rill).modelName("openai:gpt-4o-mini").build();
    java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        model.chat("hi");
      } catch (RuntimeException e) {
        thrown.set(e);
      }
    });
    caller.start();
    assertThat(loopback.server.awaitRequests(1, Duration.ofSeconds(10))).isTrue();
    caller.interrupt();
    caller.join(10_000);
    assertThat(thrown.get()).isInstanceOf(dev.langchain4j.exception.LangChain4jException.class)
        .hasCauseInstanceOf(InterruptedException.class);
    assertThat(loopback.server.awaitClientDisconnects(1, Duration.ofSeconds(10))).isTrue();
    assertThat(loopback.noLeasedConnections()).isTrue();
  }

  static Throwable errorOf(StreamingChatModel model) throws InterruptedException {
    RecordingHandler h = new RecordingHandler();
    model.chat("hi", h);
    assertThat(h.await()).isTrue();
    assertThat(h.response).isNull();
    return h.error;
  }
}
