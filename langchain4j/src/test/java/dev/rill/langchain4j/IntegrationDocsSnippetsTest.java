package dev.rill.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.rill.api.RillException;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.server.Response;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The LangChain4j snippets of {@code docs/integrations.md}, compiled and run by the build against a loopback provider.
 * Keep the two in step: the text between {@code // docs:begin} and {@code // docs:end} is what the page shows.
 */
class IntegrationDocsSnippetsTest {
  Loopback loopback;
  Rill rill;

  @BeforeEach
  void start() {
    loopback = new Loopback();
    rill = loopback.rill;
  }

  @AfterEach
  void stop() {
    loopback.close();
  }

  @Test
  void streaming() throws Exception {
    loopback.server.enqueue(Loopback.replay(GoldenTranscripts.load("anthropic", "extended-thinking")));
    StringBuilder shown = new StringBuilder();
    // docs:begin streaming
    StreamingChatModel model = RillStreamingChatModel.builder()
        .rill(rill)                                        // one client per application, shared
        .modelName("anthropic:claude-sonnet-4-5")          // a Rill model spec: provider:model
        .streamOptions(StreamOptions.enhancedBuilder()     // optional: Rill's retries and deadlines
            .idleTimeout(Duration.ofSeconds(30)).build())
        .build();

    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    model.chat("What is the GCD of 1071 and 462?", new StreamingChatResponseHandler() {
      @Override
      public void onPartialThinking(PartialThinking thinking, PartialThinkingContext context) {
        shown.append("[thinking] ");
      }

      @Override
      public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
        shown.append(partial.text());
        if (shown.length() > 10_000) {
          context.streamingHandle().cancel();              // stops the call, releases the connection
        }
      }

      @Override
      public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
      }

      @Override
      public void onError(Throwable error) {                 // e.g. RateLimitException, cause: the RillException
        done.completeExceptionally(error);
      }
    });
    AiMessage answer = done.get(20, TimeUnit.SECONDS).aiMessage();
    // docs:end streaming
    assertThat(answer.text()).contains("21");
    assertThat(answer.thinking()).isNotEmpty();
    assertThat(shown.toString()).startsWith("[thinking] ").endsWith(answer.text());
  }

  @Test
  void blocking() {
    loopback.server.enqueue(Loopback.replay(GoldenTranscripts.load("openai", "text-usage")));
    loopback.server.enqueue(Response.json(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"requests\"}}")
        .header("Retry-After", "2"));
    // docs:begin blocking
    ChatModel model = RillChatModel.builder().rill(rill).modelName("openai:gpt-4o-mini").build();
    String answer = model.chat("Why is the sky blue?");
    try {
      model.chat(UserMessage.from("And why is the sunset red?"));
    } catch (RateLimitException e) {
      RillException cause = (RillException) e.getCause();   // kind, HTTP status, Retry-After, partial response
      System.out.println("retry after " + cause.retryAfter().orElse(Duration.ofSeconds(1)));
    }
    // docs:end blocking
    assertThat(answer).isEqualTo(GoldenTranscripts.load("openai", "text-usage").expect().text());
  }
}
