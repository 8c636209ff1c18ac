package dev.rill.micrometer;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.testkit.fixtures.OpenAiWire;
import dev.rill.api.ChatRequest;
import dev.rill.api.RillException;
import dev.rill.provider.openai.OpenAiProvider;
import dev.rill.runtime.RetryPolicy;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import dev.rill.testkit.server.WireServer;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.time.Duration;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each call as a Micrometer Observation, checked with {@code micrometer-observation-test}'s registry (which also
 * validates the observation's lifecycle): the OpenAI plugin over the loopback wire server.
 */
class RillObservationTest {
  static final RetryPolicy FAST = RetryPolicy.attempts(3).withBackoff(Duration.ofMillis(5), Duration.ofMillis(10));

  final TestObservationRegistry registry = TestObservationRegistry.create();
  WireServer server;
  Rill rill;

  @BeforeEach
  void start() {
    server = WireServer.start();
    rill = Rill.builder().discover(false).register(new OpenAiProvider())
        .baseUrl("openai", server.baseUri().toString()).apiKey("openai", "sk-test").build();
  }

  @AfterEach
  void stop() {
    rill.close();
    server.close();
  }

  static ChatRequest request() {
    return ChatRequest.builder("openai:gpt-4o-mini").user("Say hello").temperature(0.5).maxTokens(50).build();
  }

  StreamOptions options(String mode, RillObservation observation) {
    return (mode.equals("basic") ? StreamOptions.basicBuilder() : StreamOptions.enhancedBuilder())
        .retry(mode.equals("basic") ? RetryPolicy.NONE : FAST).listener(observation).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"basic", "enhanced"})
  void aSuccessfulCallIsOneStoppedObservationWithTheGenAiKeyValues(String mode) {
    server.enqueue(OpenAiWire.hello());
    rill.stream(request(), options(mode, RillObservation.create(registry))).await();

    assertThat(registry).hasNumberOfObservationsWithNameEqualTo("gen_ai.client.operation", 1)
        .hasObservationWithNameEqualTo("gen_ai.client.operation").that()
        .hasContextualNameEqualTo("chat gpt-4o-mini")
        .hasBeenStarted().hasBeenStopped().doesNotHaveError()
        .hasLowCardinalityKeyValue("gen_ai.operation.name", "chat")
        .hasLowCardinalityKeyValue("gen_ai.provider.name", "openai")
        .hasLowCardinalityKeyValue("gen_ai.request.model", "gpt-4o-mini")
        .hasLowCardinalityKeyValue("gen_ai.response.model", OpenAiWire.MODEL)
        .hasLowCardinalityKeyValue("server.address", "127.0.0.1")
        .hasLowCardinalityKeyValue("server.port", Integer.toString(server.port()))
        .hasLowCardinalityKeyValue("error.type", "none")
        .hasHighCardinalityKeyValue("gen_ai.response.id", "chatcmpl-42")
        .hasHighCardinalityKeyValue("gen_ai.response.finish_reasons", "stop")
        .hasHighCardinalityKeyValue("gen_ai.request.temperature", "0.5")
        .hasHighCardinalityKeyValue("gen_ai.request.max_tokens", "50")
        .hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "9")
        .hasHighCardinalityKeyValue("gen_ai.usage.output_tokens", "3")
        .doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.input.messages")
        .hasEvent("gen_ai.first_chunk")
        .satisfies(context -> Assertions.assertThat(((RillObservationContext) context).timeToFirstChunk())
            .isPositive());
  }

  @Test
  void aRetryIsAnEventOfTheOneObservation() {
    server.enqueue(OpenAiWire.status(503, "overloaded"));
    server.enqueue(OpenAiWire.hello());
    rill.stream(request(), options("enhanced", RillObservation.create(registry))).await();

    assertThat(registry).hasNumberOfObservationsWithNameEqualTo("gen_ai.client.operation", 1)
        .hasObservationWithNameEqualTo("gen_ai.client.operation").that()
        .hasBeenStopped().doesNotHaveError().hasEvent("rill.retry")
        .hasLowCardinalityKeyValue("error.type", "none");
  }

  @ParameterizedTest
  @ValueSource(strings = {"basic", "enhanced"})
  void aFailedCallIsAnObservationWithTheRillExceptionAndItsErrorType(String mode) {
    server.enqueue(OpenAiWire.status(401, "invalid_api_key"));
    assertThatThrownBy(() -> rill.stream(request(), options(mode, RillObservation.create(registry))).await())
        .isInstanceOf(RillException.class);

    assertThat(registry).hasObservationWithNameEqualTo("gen_ai.client.operation").that()
        .hasBeenStopped()
        .hasLowCardinalityKeyValue("error.type", "authentication")
        .hasLowCardinalityKeyValue("server.address", "127.0.0.1")
        .assertThatError().isInstanceOf(RillException.class);
  }

  @Test
  void theObservationIsAChildOfTheCurrentOne() {
    server.enqueue(OpenAiWire.hello());
    Observation parent = Observation.start("handler", registry);
    try (Observation.Scope ignored = parent.openScope()) {
      rill.stream(request(), options("basic", RillObservation.create(registry))).await();
    } finally {
      parent.stop();
    }
    assertThat(registry).hasObservationWithNameEqualTo("gen_ai.client.operation").that()
        .hasParentObservationEqualTo(parent);
  }

  @Test
  void aCustomConventionRenamesTheObservation() {
    server.enqueue(OpenAiWire.hello());
    RillObservationConvention custom = new DefaultRillObservationConvention() {
      @Override public String getName() { return "llm.calls"; }
      @Override public KeyValues getLowCardinalityKeyValues(RillObservationContext context) {
        return super.getLowCardinalityKeyValues(context).and(KeyValue.of("team", "search"));
      }
    };
    rill.stream(request(), options("basic", RillObservation.builder(registry).convention(custom).build())).await();
    assertThat(registry).hasObservationWithNameEqualTo("llm.calls").that()
        .hasLowCardinalityKeyValue("team", "search").hasLowCardinalityKeyValue("gen_ai.provider.name", "openai");
  }
}
