package dev.rill.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.runtime.CallInfo;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamListener;
import dev.rill.runtime.StreamOptions;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Spring snippets of {@code docs/integrations.md}, compiled and run by the build: the text between
 * {@code // docs:begin} and {@code // docs:end} is what the page shows.
 */
class IntegrationDocsSnippetsTest {
  static final List<String> FINISHES = new CopyOnWriteArrayList<>();

  // docs:begin configuration
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
  // docs:end configuration

  static final class ChatService {
    private final Rill rill;
    private final StreamOptions options;

    // docs:begin service
    ChatService(Rill rill, StreamOptions options) {             // both beans come from the starter
      this.rill = rill;
      this.options = options;
    }

    String answer(String question) {
      ChatRequest request = ChatRequest.builder("openai:gpt-4o-mini").user(question).build();
      StreamOptions patient = options.toBuilder().idleTimeout(Duration.ofMinutes(2)).build(); // keeps the listeners
      return rill.stream(request, patient).text().join();
    }
    // docs:end service
  }

  @Test
  void theSnippetsRunInAContext() {
    try (WireServer server = WireServer.start()) {
      server.enqueue(Response.status(200).header("Content-Type", "text/event-stream")
          .write(GoldenTranscripts.load("openai", "text-usage").wire()));
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(RillAutoConfiguration.class))
          .withUserConfiguration(RillCustomization.class)
          .withPropertyValues("rill.providers.openai.api-key=sk-docs", "rill.providers.openai.base-url=" + server.baseUri())
          .run(context -> {
            ChatService service = new ChatService(context.getBean(Rill.class), context.getBean(StreamOptions.class));
            assertThat(service.answer("Why is the sky blue?")).contains("Rayleigh");
            assertThat(context.getBean(StreamOptions.class).fallback()).containsExactly("openai:gpt-4o");
            assertThat(FINISHES).containsExactly("stop");
          });
    }
  }
}
