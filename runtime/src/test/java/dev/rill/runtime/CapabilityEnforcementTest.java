package dev.rill.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.Capability;
import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.Framing;
import dev.rill.api.Message;
import dev.rill.api.Part;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ReasoningOptions;
import dev.rill.api.RillException;
import dev.rill.api.Tool;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime holds providers to their declared capabilities, over loopback servers that count what arrives: a
 * request needing a capability the provider (or the model) does not declare is refused before anything is sent, and
 * a fallback chain skips the specs that cannot serve it.
 */
class CapabilityEnforcementTest {
  WireServer plain;
  WireServer full;
  WireServer modest;
  Rill rill;
  final EnhancedPipelineTest.Recorder recorder = new EnhancedPipelineTest.Recorder();

  static ProviderInfo info(String id, Capability... caps) {
    return ProviderInfo.builder(id, "Line " + id).family("line").defaultBaseUrl("http://127.0.0.1:9")
        .apiKeyEnv("LINE_API_KEY").framing(Framing.SSE).capabilities(caps).build();
  }

  @BeforeEach
  void start() {
    plain = WireServer.start();
    full = WireServer.start();
    modest = WireServer.start();
    ProviderInfo withRows = ProviderInfo.builder("modest", "Line modest").family("line")
        .defaultBaseUrl("http://127.0.0.1:9").apiKeyEnv("LINE_API_KEY").framing(Framing.SSE)
        .capabilities(Capability.TEXT, Capability.TOOLS, Capability.IMAGES, Capability.SYSTEM_PROMPT)
        .models("tiny-*", "https://example.invalid/models", Capability.TOOLS, Capability.IMAGES).build();
    rill = Rill.builder().discover(false)
        .register(new LineProvider(info("plain", Capability.TEXT, Capability.FINISH_REASON)))
        .register(new LineProvider(info("full", Capability.values())))
        .register(new LineProvider(withRows))
        .baseUrl("plain", plain.baseUri().toString()).apiKey("plain", "k1")
        .baseUrl("full", full.baseUri().toString()).apiKey("full", "k2")
        .baseUrl("modest", modest.baseUri().toString()).apiKey("modest", "k3")
        .build();
  }

  @AfterEach
  void stop() {
    rill.close();
    plain.close();
    full.close();
    modest.close();
  }

  static Tool weather() {
    return new Tool("get_weather", "Weather of a city", "{\"type\":\"object\"}");
  }

  RillException failure(ChatRequest request, StreamOptions options) {
    try {
      rill.stream(request, options).collect().orTimeout(20, TimeUnit.SECONDS).join();
    } catch (CompletionException e) {
      assertThat(e.getCause()).isInstanceOf(RillException.class);
      return (RillException) e.getCause();
    }
    throw new AssertionError("the stream did not fail");
  }

  @Test
  void toolsToAProviderWithoutToolsAreRefusedBeforeAnythingIsSent() {
    plain.fallback(Response.sseData("t:should not be asked", "f:stop", "[DONE]"));
    RillException e = failure(ChatRequest.builder("plain:m").user("weather?").tool(weather()).build(),
        StreamOptions.basic());
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.retryable()).isFalse();
    assertThat(e.provider()).isEqualTo("plain");
    assertThat(e.getMessage()).contains("provider 'plain'").contains("TOOLS").contains("nothing was sent");
    assertThat(plain.requestCount()).isZero();
  }

  @Test
  void eachRequestFeatureNeedsItsCapability() {
    record Case(ChatRequest request, String capability) {}
    List<Case> cases = List.of(
        new Case(ChatRequest.builder("plain:m").user("x").reasoning(ReasoningOptions.effort("high")).build(),
            "REASONING"),
        new Case(ChatRequest.builder("plain:m").system("be brief").user("x").build(), "SYSTEM_PROMPT"),
        new Case(ChatRequest.builder("plain:m")
            .message(Message.user(Part.text("what is it?"), Part.imageUrl("https://example.invalid/a.png"))).build(),
            "IMAGES"),
        new Case(ChatRequest.builder("plain:m").user("x").toolChoice(dev.rill.api.ToolChoice.REQUIRED).build(),
            "TOOLS"),
        new Case(ChatRequest.builder("plain:m").user("x").message(Message.toolResult("call_1", "18C")).build(),
            "TOOLS"));
    for (Case c : cases) {
      RillException e = failure(c.request(), StreamOptions.basic());
      assertThat(e.kind()).as(c.capability()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(e.getMessage()).as(c.capability()).contains(c.capability());
    }
    assertThat(plain.requestCount()).isZero();
    // and what the provider declares goes through: plain text, no system message
    plain.enqueue(Response.sseData("t:ok", "f:stop", "[DONE]"));
    assertThat(rill.call(ChatRequest.builder("plain:m").user("x").build()).text()).isEqualTo("ok");
    assertThat(plain.requestCount()).isEqualTo(1);
  }

  @Test
  void aModelRowNarrowsTheProvidersDeclaration() {
    RillException e = failure(ChatRequest.builder("modest:tiny-1").user("x").tool(weather()).build(),
        StreamOptions.basic());
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("model 'tiny-1' of provider 'modest'").contains("'tiny-*'").contains("TOOLS");
    assertThat(modest.requestCount()).isZero();

    modest.enqueue(Response.sseData("c:0,call_1,get_weather,{}", "f:tool_calls", "[DONE]"));
    ChatResponse r = rill.call(ChatRequest.builder("modest:large-1").user("x").tool(weather()).build());
    assertThat(r.toolCalls()).hasSize(1);
    assertThat(modest.requestCount()).isEqualTo(1);
  }

  @Test
  void aFallbackSkipsASpecThatLacksACapabilityAndOnlyTheNextServerIsAsked() {
    plain.fallback(Response.sseData("t:should not be asked", "f:stop", "[DONE]"));
    full.enqueue(Response.sseData("c:0,call_1,get_weather,{\"city\":\"Paris\"}", "f:tool_calls", "[DONE]"));
    ChatRequest request = ChatRequest.builder("plain:a").user("weather in Paris?").tool(weather()).build();
    ChatResponse r = rill.stream(request, StreamOptions.enhancedBuilder().listener(recorder).fallback("full:b")
        .build()).collect().orTimeout(20, TimeUnit.SECONDS).join();
    assertThat(r.provider()).isEqualTo("full");
    assertThat(r.toolCalls()).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("get_weather"));
    assertThat(plain.requestCount()).isZero();
    assertThat(full.requestCount()).isEqualTo(1);
    assertThat(full.requests().get(0).bodyText()).isEqualTo("b|weather in Paris?");
    assertThat(recorder.fallbacks).containsExactly("full:b after INVALID_REQUEST");
  }

  @Test
  void aFallbackWhereNoSpecCanServeFailsNamingEachAndSendsNothing() {
    plain.fallback(Response.sseData("t:no", "f:stop", "[DONE]"));
    modest.fallback(Response.sseData("t:no", "f:stop", "[DONE]"));
    ChatRequest request = ChatRequest.builder("plain:a").user("x").tool(weather()).build();
    RillException e = failure(request, StreamOptions.enhancedBuilder().fallback("modest:tiny-2").build());
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("no model of the fallback chain can serve this request")
        .contains("provider 'plain' does not support TOOLS")
        .contains("model 'tiny-2' of provider 'modest'");
    assertThat(plain.requestCount()).isZero();
    assertThat(modest.requestCount()).isZero();
  }

  @Test
  void aFallbackAfterATransientFailureSkipsTheSpecsThatCannotServe() {
    full.enqueue(Response.json(503, "{}"));
    modest.enqueue(Response.sseData("c:0,call_1,get_weather,{}", "f:tool_calls", "[DONE]"));
    ChatRequest request = ChatRequest.builder("full:a").user("x").tool(weather()).build();
    ChatResponse r = rill.stream(request, StreamOptions.enhancedBuilder().listener(recorder)
        .retry(RetryPolicy.attempts(1)).fallback("plain:b", "modest:big").build())
        .collect().orTimeout(20, TimeUnit.SECONDS).join();
    assertThat(r.provider()).isEqualTo("modest");
    assertThat(full.requestCount()).isEqualTo(1);
    assertThat(plain.requestCount()).isZero();
    assertThat(modest.requestCount()).isEqualTo(1);
    assertThat(recorder.fallbacks).containsExactly("plain:b after OVERLOADED", "modest:big after INVALID_REQUEST");
  }
}
