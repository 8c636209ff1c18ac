package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.runtime.RetryPolicy;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Provider-scoped request options across a fallback chain, with the real Anthropic and OpenAI plugins and one loopback
 * server each: every attempt is sent only the options addressed to its own provider id or wire family, and an option
 * addressed to no provider of the call is refused before any byte is sent.
 */
class ProviderScopedFallbackTest {

  private WireServer anthropic;
  private WireServer openai;
  private Rill rill;

  @BeforeEach
  void start() {
    anthropic = WireServer.start();
    openai = WireServer.start();
    rill = Rill.builder().discover(false)
        .register(new dev.rill.provider.anthropic.AnthropicProvider())
        .register(new dev.rill.provider.openai.OpenAiProvider())
        .baseUrl("anthropic", anthropic.baseUri().toString()).apiKey("anthropic", "sk-ant-test-0123456789")
        .baseUrl("openai", openai.baseUri().toString()).apiKey("openai", "sk-test-0123456789").build();
  }

  @AfterEach
  void stop() {
    rill.close();
    anthropic.close();
    openai.close();
  }

  private static ChatRequest.Builder request() {
    return ChatRequest.builder("anthropic:claude-sonnet-4-5").user("Why is the sky blue?").maxTokens(100)
        .option("anthropic", "metadata", Map.of("user_id", "u-1"))
        .option("anthropic-messages", "service_tier", "auto")
        .option("openai", "logprobs", true)
        .option("openai-chat", "user", "u-1");
  }

  private static StreamOptions fallbackToOpenAi() {
    return StreamOptions.enhancedBuilder().retry(RetryPolicy.NONE).fallback("openai:gpt-4o-mini").build();
  }

  @Test
  void eachAttemptOfAFallbackIsSentOnlyItsOwnOptions() {
    anthropic.enqueue(Response.status(529).header("Content-Type", "application/json")
        .write("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
    openai.enqueue(Response.status(200).header("Content-Type", "text/event-stream")
        .write(GoldenTranscripts.load("openai", "text-usage").wire()));

    ChatResponse response = rill.stream(request().build(), fallbackToOpenAi()).collect()
        .orTimeout(20, TimeUnit.SECONDS).join();

    assertThat(response.provider()).isEqualTo("openai");
    assertThat(anthropic.requests()).hasSize(1);
    assertThat(openai.requests()).hasSize(1);
    assertThat(anthropic.requests().get(0).bodyText()).isEqualTo("{\"model\":\"claude-sonnet-4-5\","
        + "\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"Why is the sky blue?\"}],"
        + "\"stream\":true,\"service_tier\":\"auto\",\"metadata\":{\"user_id\":\"u-1\"}}");
    assertThat(openai.requests().get(0).bodyText()).isEqualTo("{\"model\":\"gpt-4o-mini\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Why is the sky blue?\"}],\"stream\":true,"
        + "\"stream_options\":{\"include_usage\":true},\"max_completion_tokens\":100,\"user\":\"u-1\","
        + "\"logprobs\":true}");
  }

  @Test
  void anOptionAddressedToNoProviderOfTheChainIsRefusedBeforeAnythingIsSent() {
    RillException e = failure(request().option("cohere", "k", 5).build(), fallbackToOpenAi());

    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("option 'k'").contains("'cohere'");
    assertThat(anthropic.requestCount()).isZero();
    assertThat(openai.requestCount()).isZero();
  }

  @Test
  void withoutAFallbackAnOptionForAnotherProviderIsRefused() {
    RillException e = failure(ChatRequest.builder("openai:gpt-4o-mini").user("hi")
        .option("anthropic", "top_k", 5).build(), StreamOptions.enhancedBuilder().retry(RetryPolicy.NONE).build());

    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("option 'top_k'").contains("'anthropic'").contains("provider 'openai'");
    assertThat(openai.requestCount()).isZero();
  }

  private RillException failure(ChatRequest request, StreamOptions options) {
    try {
      rill.stream(request, options).collect().orTimeout(20, TimeUnit.SECONDS).join();
    } catch (CompletionException x) {
      return (RillException) x.getCause();
    }
    throw new AssertionError("the stream did not fail");
  }
}
