package dev.rill.spring.boot;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.runtime.CallInfo;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamListener;
import dev.rill.runtime.StreamOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Spring snippets of {@code docs/integrations.md}: each Java block of the page's Spring section appears here
 * line for line, and {@link SpringSnippetsTest} runs them in a context against a loopback provider.
 */
final class SpringSnippets {
  static final List<String> FINISHES = new CopyOnWriteArrayList<>();

  private SpringSnippets() {}

  @Configuration(proxyBeanMethods = false)
  static class RillCustomization {
    @Bean(destroyMethod = "shutdown")
    ExecutorService rillDelivery() {
      return Executors.newFixedThreadPool(4);
    }

    @Bean
    RillBuilderCustomizer deliverOffTheIoThreads(ExecutorService rillDelivery) { // for consumers that may block
      return builder -> builder.deliveryExecutor(rillDelivery);
    }

    @Bean
    RillStreamOptionsCustomizer fallBack() {
      return options -> options.fallback("openai:gpt-4o");
    }

    @Bean
    StreamListener finishReasons() {                            // joins every call of the client
      return new StreamListener() {
        @Override
        public void onComplete(CallInfo call, ChatResponse response) {
          FINISHES.add(response.finishReason().raw());
        }
      };
    }
  }

  static final class ChatService {
    private final Rill rill;
    private final StreamOptions options;

    ChatService(Rill rill, StreamOptions options) {             // both beans come from the starter
      this.rill = rill;
      this.options = options;
    }

    String answer(String question) {
      ChatRequest request = ChatRequest.builder("openai:gpt-4o-mini").user(question).build();
      StreamOptions patient = options.toBuilder().idleTimeout(Duration.ofMinutes(2)).build(); // keeps the listeners
      return rill.stream(request, patient).text().join();
    }
  }
}
