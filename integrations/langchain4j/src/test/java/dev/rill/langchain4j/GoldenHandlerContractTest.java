package dev.rill.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.output.FinishReason;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.ToolCall;
import dev.rill.testkit.golden.Expectation;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden transcript of every Rill provider, served by a loopback server, through {@link RillStreamingChatModel}
 * to a LangChain4j {@code StreamingChatResponseHandler}: the partial callbacks add up to the golden's text, reasoning
 * and tool calls, the complete response carries them with usage and finish reason, and an error golden ends in the
 * LangChain4j exception its kind maps to, after the partial output it had.
 */
class GoldenHandlerContractTest {
  static Loopback loopback;

  @BeforeAll
  static void start() {
    loopback = new Loopback();
  }

  @AfterAll
  static void stop() {
    loopback.close();
  }

  static Stream<Arguments> goldens() {
    List<Arguments> all = new ArrayList<>();
    for (String id : Loopback.PROVIDERS) {
      List<Golden> goldens = GoldenTranscripts.list(id);
      assertThat(goldens).as("goldens of " + id).isNotEmpty();
      for (Golden g : goldens) {
        all.add(Arguments.of(id + "/" + g.name(), g));
      }
    }
    return all.stream();
  }

  /** The LangChain4j exception each Rill error kind is handed over as. */
  static final Map<ErrorKind, Class<? extends LangChain4jException>> EXPECTED = Map.ofEntries(
      Map.entry(ErrorKind.AUTHENTICATION, AuthenticationException.class),
      Map.entry(ErrorKind.PERMISSION, AuthenticationException.class),
      Map.entry(ErrorKind.NOT_FOUND, ModelNotFoundException.class),
      Map.entry(ErrorKind.INVALID_REQUEST, InvalidRequestException.class),
      Map.entry(ErrorKind.CONTEXT_LENGTH_EXCEEDED, InvalidRequestException.class),
      Map.entry(ErrorKind.REQUEST_TOO_LARGE, InvalidRequestException.class),
      Map.entry(ErrorKind.CONFLICT, InvalidRequestException.class),
      Map.entry(ErrorKind.CONTENT_FILTERED, ContentFilteredException.class),
      Map.entry(ErrorKind.RATE_LIMITED, RateLimitException.class),
      Map.entry(ErrorKind.QUOTA_EXHAUSTED, NonRetriableException.class),
      Map.entry(ErrorKind.OVERLOADED, InternalServerException.class),
      Map.entry(ErrorKind.SERVER, InternalServerException.class),
      Map.entry(ErrorKind.TIMEOUT, TimeoutException.class),
      Map.entry(ErrorKind.TRANSPORT, RetriableException.class),
      Map.entry(ErrorKind.STREAM_INTERRUPTED, LangChain4jException.class),
      Map.entry(ErrorKind.TRUNCATED, LangChain4jException.class),
      Map.entry(ErrorKind.MALFORMED_RESPONSE, LangChain4jException.class),
      Map.entry(ErrorKind.CANCELLED, LangChain4jException.class),
      Map.entry(ErrorKind.LIMIT_EXCEEDED, LangChain4jException.class),
      Map.entry(ErrorKind.INTERNAL, LangChain4jException.class));

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void theHandlerHearsTheGoldenAsLangChain4jDefinesIt(String name, Golden g) throws Exception {
    loopback.server.enqueue(Loopback.replay(g));
    StreamingChatModel model = RillStreamingChatModel.builder().rill(loopback.rill)
        .modelName(g.providerId() + ":" + (g.model() != null ? g.model() : "test-model")).build();
    RecordingHandler h = new RecordingHandler();
    model.chat(g.prompt() != null ? g.prompt() : "Hello", h);

    assertThat(h.await()).as("an outcome within 20 s").isTrue();
    Thread.sleep(20); // a callback after the outcome would show up here
    assertThat(h.outcomes.get()).as("exactly one outcome").isEqualTo(1);
    assertThat(h.afterOutcome.get()).as("nothing after the outcome").isZero();
    Expectation e = g.expect();
    assertThat(h.text.toString()).as("onPartialResponse adds up to the text").isEqualTo(e.text());
    assertThat(h.thinking.toString()).as("onPartialThinking adds up to the reasoning").isEqualTo(e.reasoning());
    assertPartialsAddUp(h.partialToolCalls, h.completeToolCalls);
    assertEachCallCompletesBeforeTheNextStreams(h.events);

    if (e.expectsError()) {
      assertThat(h.response).isNull();
      assertThat(h.error).as("onError").isNotNull();
      assertThat(h.error.getCause()).isInstanceOf(RillException.class);
      RillException cause = (RillException) h.error.getCause();
      assertThat(e.mismatches(cause)).isEmpty();
      assertThat(h.error.getClass()).as("the LangChain4j exception for " + cause.kind())
          .isEqualTo(EXPECTED.get(cause.kind()));
      assertThat(h.error.getMessage()).doesNotContain(Loopback.KEY);
      return;
    }
    assertThat(h.error).as("no error").isNull();
    assertThat(toolCalls(h.completeToolCalls)).as("onCompleteToolCall, once per call, in order")
        .isEqualTo(expectedRequests(e.toolCalls()));
    ChatResponse r = h.response;
    assertThat(textOrEmpty(r.aiMessage().text())).isEqualTo(e.text());
    assertThat(textOrEmpty(r.aiMessage().thinking())).isEqualTo(e.reasoning());
    assertThat(r.aiMessage().toolExecutionRequests()).isEqualTo(expectedRequests(e.toolCalls()));
    assertThat(r.tokenUsage()).isEqualTo(RillTokenUsage.of(e.usage()));
    assertThat(r.finishReason()).isEqualTo(finishReason(e.finishReason()));
    assertThat(r.metadata()).isInstanceOf(RillChatResponseMetadata.class);
    RillChatResponseMetadata meta = (RillChatResponseMetadata) r.metadata();
    assertThat(meta.provider()).isEqualTo(g.providerId());
    assertThat(e.mismatches(meta.rillResponse())).isEmpty();
    if (!e.toolCalls().isEmpty()) {
      assertThat(r.finishReason()).isIn(FinishReason.TOOL_EXECUTION, FinishReason.STOP, FinishReason.OTHER);
    }
    assertThat(loopback.noLeasedConnections()).isTrue();
  }

  /** Each call's partial arguments, concatenated, are its complete arguments; partials come before their completion. */
  static void assertPartialsAddUp(List<PartialToolCall> partials, List<CompleteToolCall> completes) {
    Map<Integer, StringBuilder> byIndex = new TreeMap<>();
    for (PartialToolCall p : partials) {
      byIndex.computeIfAbsent(p.index(), i -> new StringBuilder()).append(p.partialArguments());
    }
    for (CompleteToolCall c : completes) {
      StringBuilder sb = byIndex.get(c.index());
      if (sb != null) {
        assertThat(sb.toString()).as("partials of call " + c.index()).isEqualTo(c.toolExecutionRequest().arguments());
      }
    }
    assertThat(completes.stream().map(CompleteToolCall::index).distinct().count()).as("each call completes once")
        .isEqualTo(completes.size());
  }

  /**
   * A call is complete as soon as the next one starts: its completion comes before any fragment of a later call,
   * and no fragment of it follows its completion.
   */
  static void assertEachCallCompletesBeforeTheNextStreams(List<String> events) {
    for (int at = 0; at < events.size(); at++) {
      String e = events.get(at);
      if (!e.startsWith("completeToolCall:")) {
        continue;
      }
      int index = Integer.parseInt(e.substring(e.indexOf(':') + 1));
      for (int before = 0; before < at; before++) {
        String b = events.get(before);
        if (b.startsWith("partialToolCall:")) {
          assertThat(Integer.parseInt(b.substring(b.indexOf(':') + 1))).as("a later call streamed before call "
              + index + " completed: " + events).isLessThanOrEqualTo(index);
        }
      }
      assertThat(events.subList(at + 1, events.size())).as("fragments after completion").doesNotContain(
          "partialToolCall:" + index);
    }
  }

  static List<ToolExecutionRequest> toolCalls(List<CompleteToolCall> calls) {
    return calls.stream().map(CompleteToolCall::toolExecutionRequest).toList();
  }

  static List<ToolExecutionRequest> expectedRequests(List<ToolCall> calls) {
    return calls.stream().map(c -> ToolExecutionRequest.builder().id(c.id().isEmpty() ? null : c.id()).name(c.name())
        .arguments(c.arguments()).build()).toList();
  }

  static String textOrEmpty(String s) {
    return s == null ? "" : s;
  }

  static FinishReason finishReason(dev.rill.api.FinishReason reason) {
    if (reason == null) {
      return null;
    }
    return switch (reason.kind()) {
      case STOP -> FinishReason.STOP;
      case LENGTH -> FinishReason.LENGTH;
      case TOOL_CALLS -> FinishReason.TOOL_EXECUTION;
      case CONTENT_FILTER -> FinishReason.CONTENT_FILTER;
      default -> FinishReason.OTHER;
    };
  }
}
