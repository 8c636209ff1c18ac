package dev.rill.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.Message;
import dev.rill.api.Role;
import dev.rill.runtime.Rill;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.server.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** docs/user-guide.md's code, each block run against the loopback replay. */
class UserGuideTest {
  private static final Golden TEXT = Loopback.golden("openai", "text-usage");
  private static final String ANSWER = TEXT.expect().text();
  private static final ChatRequest REQUEST =
      ChatRequest.builder("openai:gpt-4o-mini").user("Why is the sky blue?").build();

  @Test
  void theThreeWaysToConsumeAStreamEachReadTheWholeAnswer() throws Exception {
    try (Loopback loopback = new Loopback(); Rill rill = loopback.client()) {
      for (int i = 0; i < 6; i++) {
        loopback.replay("openai", "text-usage");
      }
      Console.Run<ChatResponse> callback = Console.capture(() -> ConsumingStreams.callback(rill, REQUEST));
      assertThat(callback.out()).isEqualTo(ANSWER);
      assertThat(callback.result().usage().outputTokens()).isEqualTo(34L);

      assertThat(ConsumingStreams.iterator(rill, REQUEST)).isEqualTo(ANSWER);
      assertThat(ConsumingStreams.javaStream(rill, REQUEST)).isEqualTo(ANSWER);
      assertThat(ConsumingStreams.subscriber(rill, REQUEST)).isEqualTo(ANSWER);
      assertThat(ConsumingStreams.textOnly(rill, REQUEST)).isEqualTo(ANSWER);
      assertThat(loopback.requests()).hasSize(6);
    }
  }

  @Test
  void theToolLoopRunsTheToolAndSendsItsResultBack() {
    try (Loopback loopback = new Loopback(); Rill rill = loopback.client()) {
      loopback.replay("openai", "single-tool-call").replay("openai", "text-usage");

      assertThat(ToolLoop.weather(rill)).isEqualTo(ANSWER);

      assertThat(loopback.requests()).hasSize(2);
      assertThat(loopback.requestBody(0)).contains("\"name\":\"get_weather\"");
      String second = loopback.requestBody(1);
      assertThat(second).contains("\"tool_calls\"").contains("call_Wq8fT3kLmN2pR5sV7xY9zA1b")
          .contains("\"role\":\"tool\"").contains("\\\"temperature\\\":18");
    }
  }

  @Test
  void aStructuredAnswerIsTheJsonTextAndTheRequestCarriesTheSchemaSeedAndOption() {
    try (Loopback loopback = new Loopback(); Rill rill = loopback.client()) {
      loopback.replay("openai", "structured-output");

      assertThat(StructuredOutput.city(rill)).isEqualTo("{\"city\":\"Paris\",\"country\":\"France\"}");

      assertThat(loopback.requestBody(0)).contains("\"response_format\":{\"type\":\"json_schema\","
          + "\"json_schema\":{\"name\":\"city\",\"schema\":{\"type\":\"object\"")
          .contains("\"seed\":7").endsWith("\"user\":\"u-42\"}");
    }
  }

  @Test
  void aFallbackSendsEachProviderOnlyItsOwnOptions() {
    try (Loopback loopback = new Loopback(); Rill rill = loopback.client()) {
      for (int i = 0; i < 3; i++) { // the default retry policy tries Anthropic three times
        loopback.server.enqueue(Response.status(529).header("Content-Type", "application/json")
            .write("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
      }
      loopback.replay("openai", "text-usage");

      assertThat(StructuredOutput.scopedOptions(rill)).isEqualTo(ANSWER);

      assertThat(loopback.requests()).hasSize(4);
      assertThat(loopback.requestBody(0)).contains("\"metadata\":{\"user_id\":\"u-42\"}")
          .doesNotContain("\"user\":");
      assertThat(loopback.requestBody(3)).contains("\"user\":\"u-42\"").doesNotContain("metadata");
    }
  }

  @Test
  void aMultiTurnConversationSendsTheEarlierAnswersBack() {
    try (Loopback loopback = new Loopback(); Rill rill = loopback.client()) {
      loopback.replay("openai", "text-usage").replay("openai", "text-usage");

      List<Message> conversation = MultiTurn.twoTurns(rill);

      assertThat(conversation).extracting(Message::role)
          .containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT);
      assertThat(loopback.requestBody(1)).contains("Answer in one sentence.").contains("Rayleigh scattering")
          .contains("And why are sunsets red?");
    }
  }

  @Test
  void theSignedReasoningGoesBackWithTheFollowUp() throws Exception {
    Golden thinking = Loopback.golden("anthropic", "extended-thinking");
    String signature = thinking.expect().reasoningBlocks().get(0).signature();
    try (Loopback loopback = new Loopback(); Rill rill = loopback.client()) {
      loopback.replay("anthropic", "extended-thinking").replay("anthropic", "extended-thinking");

      Console.Run<ChatResponse> run = Console.capture(() -> ReasoningSentBack.followUp(rill));

      assertThat(run.out()).startsWith("thought: I need to find the GCD").contains("(signed)");
      assertThat(run.result().text()).isEqualTo(thinking.expect().text());
      assertThat(loopback.requestBody(0)).contains("\"budget_tokens\":2048");
      assertThat(loopback.requestBody(1)).contains("\"type\":\"thinking\"").contains(signature)
          .contains("And of 1071 and 1029?");
    }
  }

  @Test
  void imagesGoByUrlAndInline() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    try (Loopback loopback = new Loopback(); Rill rill = loopback.client()) {
      loopback.replay("openai", "text-usage");

      assertThat(Images.describe(rill, png)).isEqualTo(ANSWER);
      assertThat(loopback.requestBody(0)).contains("https://example.com/cat.jpg")
          .contains("data:image/png;base64,iVBORw0KGgo=");
    }
  }

  @Test
  void cancelEndsTheCallWithWhatHadArrivedAndClosesTheConnection() throws Exception {
    try (Loopback loopback = new Loopback(); Rill rill = loopback.client()) {
      loopback.replaySlowly(2, Duration.ofSeconds(30));

      Console.Run<ChatResponse> run = Console.capture(() -> Cancelling.stopButton(rill, REQUEST));

      assertThat(run.result().text()).isNotEmpty().isEqualTo(run.out());
      assertThat(ANSWER).startsWith(run.result().text());
      assertThat(loopback.server.awaitClientDisconnects(1, Duration.ofSeconds(10))).isTrue();
    }
  }

  @Test
  void closingTheIteratorEarlyStopsTheCall() {
    try (Loopback loopback = new Loopback(); Rill rill = loopback.client()) {
      loopback.replaySlowly(6, Duration.ofSeconds(30));

      String text = Cancelling.firstCharacters(rill, REQUEST, 5);

      assertThat(text.length()).isGreaterThanOrEqualTo(5);
      assertThat(ANSWER).startsWith(text).isNotEqualTo(text);
      assertThat(loopback.server.awaitClientDisconnects(1, Duration.ofSeconds(10))).isTrue();
    }
  }

  @Test
  void errorsArriveAsOneRillExceptionWrappedByJoin() {
    try (Loopback loopback = new Loopback(); Rill rill = loopback.client()) {
      loopback.server.enqueue(Response.json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
          + "\"code\":\"rate_limit_exceeded\"}}").header("Retry-After", "7"));
      assertThat(Errors.handle(rill, REQUEST)).isEqualTo("busy; retry after 7 s");
      assertThat(loopback.requests()).as("basic mode does not retry").hasSize(1);

      loopback.server.enqueue(Response.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: "
          + Loopback.KEY + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
      assertThat(Errors.handle(rill, REQUEST)).startsWith("check the API key: ").doesNotContain(Loopback.KEY);

      loopback.server.enqueue(truncatedText());
      assertThat(Errors.handle(rill, REQUEST)).isEqualTo("cut off after: " + ANSWER);
      loopback.server.enqueue(truncatedText());
      assertThat(Errors.unwrapped(rill, REQUEST)).isEqualTo("TRUNCATED after \"" + ANSWER + "\"");
    }
  }

  /** The text transcript without its {@code [DONE]} terminator. */
  private static Response truncatedText() {
    String wire = TEXT.wireText();
    return Response.sse(wire.substring(0, wire.indexOf("data: [DONE]")));
  }

  @Test
  void basicModeDoesNotRetryAndEnhancedModeDoes() throws Exception {
    try (Loopback loopback = new Loopback(); Rill rill = loopback.client()) {
      loopback.server.enqueue(overloaded());
      assertThat(Errors.handle(rill, REQUEST)).startsWith("busy");
      assertThat(loopback.requests()).hasSize(1);

      loopback.server.enqueue(overloaded());
      loopback.replay("openai", "text-usage");
      Console.Run<ChatResponse> enhanced = Console.capture(() -> Modes.enhancedCall(rill, REQUEST));
      assertThat(enhanced.result().text()).isEqualTo(ANSWER);
      assertThat(enhanced.out()).startsWith("2 attempt(s), first chunk after ");
      assertThat(loopback.requests()).hasSize(3);

      loopback.server.enqueue(overloaded());
      loopback.replay("openai", "text-usage");
      assertThat(Modes.basicWithRetry(rill, REQUEST).text()).isEqualTo(ANSWER);
      assertThat(loopback.requests()).hasSize(5);
    }
  }

  @Test
  void theEnhancedClientFallsBackToAnthropicWhenOpenAiStaysOverloaded() {
    Golden anthropic = Loopback.golden("anthropic", "text");
    try (Loopback loopback = new Loopback()) {
      loopback.server.dispatch(request -> request.path().endsWith("/chat/completions") ? overloaded()
          : Response.status(200).header("Content-Type", "text/event-stream").write(anthropic.wire()));
      try (Rill rill = Modes.enhancedClient()) {
        ChatResponse response = rill.stream(REQUEST).collect().join();

        assertThat(response.provider()).isEqualTo("anthropic");
        assertThat(response.text()).isEqualTo(anthropic.expect().text());
      }
    }
  }

  private static Response overloaded() {
    return Response.json(503, "{\"error\":{\"message\":\"The server is overloaded\",\"type\":\"server_error\"}}");
  }

  @Test
  void aDeliveryExecutorRunsTheConsumerOffTheIoThreads() {
    try (Loopback loopback = new Loopback()) {
      loopback.replay("openai", "text-usage");

      assertThat(Threads.onExecutor(REQUEST).text()).isEqualTo(ANSWER);
      assertThat(Threads.lastSaver.getName()).startsWith("pool-").doesNotStartWith("rill-io");
    }
  }

  @Test
  void theLoggingInterceptorSeesTheCallAndItsOutcome() {
    Logger logger = Logger.getLogger("llm.calls");
    List<LogRecord> records = new ArrayList<>();
    Handler handler = new Handler() {
      @Override public void publish(LogRecord record) {
        synchronized (records) {
          records.add(record);
        }
      }

      @Override public void flush() {}

      @Override public void close() {}
    };
    logger.addHandler(handler);
    logger.setUseParentHandlers(false); // the test reads the records; the console stays quiet
    try (Loopback loopback = new Loopback();
        Rill rill = Rill.builder().interceptor(new LoggingInterceptor()).build()) {
      loopback.replay("openai", "text-usage");
      loopback.server.enqueue(overloaded());

      rill.stream(REQUEST).text().join();
      RuntimeErrors.of(() -> rill.stream(REQUEST).text().join());

      synchronized (records) {
        assertThat(records).extracting(r -> java.text.MessageFormat.format(r.getMessage(), r.getParameters()))
            .containsExactly("-> openai:gpt-4o-mini (call " + records.get(0).getParameters()[1] + ")",
                "<- FinishReason[kind=STOP, raw=stop] " + TEXT.expect().usage(),
                "-> openai:gpt-4o-mini (call " + records.get(2).getParameters()[1] + ")",
                "<- " + records.get(3).getParameters()[0]);
        assertThat(records.get(3).getParameters()[0].toString()).contains("OVERLOADED");
      }
    } finally {
      logger.removeHandler(handler);
      logger.setUseParentHandlers(true);
    }
  }

  @Test
  void aTighterLimitEndsTheStreamWithWhatFitted() {
    try (Loopback loopback = new Loopback()) {
      loopback.replay("openai", "text-usage");

      String capped = Limits.capped(20, REQUEST);

      assertThat(capped).endsWith(" [cut: FOLD_CHARS]");
      assertThat(ANSWER).startsWith(capped.substring(0, capped.indexOf(" [cut:")));
    }
  }

  /** Runs code expected to fail, for tests that look at what it logged. */
  private static final class RuntimeErrors {
    static void of(Runnable failing) {
      try {
        failing.run();
      } catch (RuntimeException expected) {
        assertThat(expected.getCause()).hasMessageContaining(ErrorKind.OVERLOADED.name());
        return;
      }
      throw new AssertionError("expected a failure");
    }
  }
}
