package dev.rill.langchain4j;

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
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The LangChain4j snippets of {@code docs/integrations.md}: each Java block of the page's LangChain4j section appears
 * here line for line (the page's snippet check compiles and finds it), and {@link LangChain4jSnippetsTest} runs them
 * against a loopback provider.
 */
final class LangChain4jSnippets {
  private LangChain4jSnippets() {}

  static AiMessage streaming(Rill rill, StringBuilder shown) throws Exception {
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
    return answer;
  }

  static String blocking(Rill rill, StringBuilder log) {
    ChatModel model = RillChatModel.builder().rill(rill).modelName("openai:gpt-4o-mini").build();
    String answer = model.chat("Why is the sky blue?");
    try {
      model.chat(UserMessage.from("And why is the sunset red?"));
    } catch (RateLimitException e) {
      RillException cause = (RillException) e.getCause();   // kind, HTTP status, Retry-After, partial response
      log.append("retry after ").append(cause.retryAfter().orElse(Duration.ofSeconds(1)));
    }
    return answer;
  }
}
