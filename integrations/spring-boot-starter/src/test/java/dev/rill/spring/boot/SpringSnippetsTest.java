package dev.rill.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Runs {@link SpringSnippets} (the Spring code of {@code docs/integrations.md}) in a context. */
class SpringSnippetsTest {
  @Test
  void theSnippetsRunInAContext() {
    try (WireServer server = WireServer.start()) {
      server.enqueue(Response.status(200).header("Content-Type", "text/event-stream")
          .write(GoldenTranscripts.load("openai", "text-usage").wire()));
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(RillAutoConfiguration.class))
          .withUserConfiguration(SpringSnippets.RillCustomization.class)
          .withPropertyValues("rill.providers.openai.api-key=sk-docs",
              "rill.providers.openai.base-url=" + server.baseUri())
          .run(context -> {
            SpringSnippets.ChatService service = new SpringSnippets.ChatService(context.getBean(Rill.class),
                context.getBean(StreamOptions.class));
            assertThat(service.answer("Why is the sky blue?")).contains("Rayleigh");
            assertThat(context.getBean(StreamOptions.class).fallback()).containsExactly("openai:gpt-4o");
            assertThat(SpringSnippets.FINISHES).containsExactly("stop");
          });
    }
  }
}
