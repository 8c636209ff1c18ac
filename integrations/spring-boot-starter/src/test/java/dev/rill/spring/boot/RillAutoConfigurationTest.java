package dev.rill.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.runtime.CallInfo;
import dev.rill.runtime.Interceptor;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamListener;
import dev.rill.runtime.StreamOptions;
import dev.rill.spring.boot.observation.RillObservationAutoConfiguration;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.server.RecordedRequest;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter in a Spring context (Spring Boot's ApplicationContextRunner), calling a real loopback provider server. */
class RillAutoConfigurationTest {
  static final String KEY = "sk-starter-test-key-0123456789";

  WireServer server;
  ApplicationContextRunner runner;

  @BeforeEach
  void start() {
    server = WireServer.start();
    runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(RillObservationAutoConfiguration.class, RillAutoConfiguration.class))
        .withPropertyValues("rill.providers.openai.api-key=" + KEY,
            "rill.providers.openai.base-url=" + server.baseUri());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Golden replayText() {
    Golden g = GoldenTranscripts.load("openai", "text-usage");
    server.enqueue(Response.status(200).header("Content-Type", "text/event-stream").write(g.wire()));
    return g;
  }

  static ChatRequest request() {
    return ChatRequest.builder("openai:gpt-4o-mini").user("hi").build();
  }

  static ChatResponse call(Rill rill) {
    return rill.stream(request()).collect().orTimeout(10, TimeUnit.SECONDS).join();
  }

  @Test
  void propertiesBuildTheClientAndItStreamsFromTheConfiguredProvider() {
    runner.withPropertyValues("rill.mode=enhanced", "rill.stream.idle-timeout=7s", "rill.stream.max-attempts=2",
            "rill.connect-timeout=3s", "rill.pool.max-total=10", "rill.pool.max-per-host=5",
            "rill.providers.openai.headers.X-Team=search", "rill.providers.openai.options.organization=org-1")
        .run(context -> {
          assertThat(context).hasSingleBean(Rill.class).hasSingleBean(StreamOptions.class);
          StreamOptions options = context.getBean(StreamOptions.class);
          assertThat(options.isEnhanced()).isTrue();
          assertThat(options.idleTimeout()).isEqualTo(Duration.ofSeconds(7));
          assertThat(options.retry().maxAttempts()).isEqualTo(2);
          Rill rill = context.getBean(Rill.class);
          assertThat(rill.poolStats().max()).isEqualTo(10);

          Golden g = replayText();
          ChatResponse r = call(rill);
          assertThat(g.expect().mismatches(r)).isEmpty();
          assertThat(r.timing()).as("enhanced mode's timing").isNotNull();
          RecordedRequest sent = server.takeRequest(Duration.ofSeconds(5));
          assertThat(sent.path()).isEqualTo("/chat/completions");
          assertThat(sent.header("authorization")).isEqualTo("Bearer " + KEY);
          assertThat(sent.header("x-team")).isEqualTo("search");
          assertThat(context.getBean(RillProperties.class).toString()).doesNotContain(KEY);
        });
  }

  @Test
  void basicModeIsTheDefault() {
    runner.run(context -> {
      assertThat(context.getBean(StreamOptions.class).isEnhanced()).isFalse();
      replayText();
      assertThat(call(context.getBean(Rill.class)).timing()).isNull();
    });
  }

  @Test
  void theClientIsClosedWithTheContext() {
    Rill[] kept = new Rill[1];
    runner.run(context -> {
      kept[0] = context.getBean(Rill.class);
      replayText();
      call(kept[0]);
    });
    replayText();
    assertThatThrownBy(() -> call(kept[0])).as("a call on the closed client fails")
        .isInstanceOfAny(CompletionException.class, RillException.class, IllegalStateException.class);
    assertThat(server.requestCount()).as("the closed client sent nothing").isEqualTo(1);
  }

  @Test
  void listenerAndInterceptorBeansAndCustomizersJoinTheClient() {
    List<String> heard = new CopyOnWriteArrayList<>();
    runner.withBean("auditListener", StreamListener.class, () -> new StreamListener() {
          @Override
          public void onComplete(CallInfo call, ChatResponse response) {
            heard.add("listener:" + response.finishReason().raw());
          }
        })
        .withBean("auditInterceptor", Interceptor.class, () -> (chain, downstream) -> {
          heard.add("interceptor:" + chain.request().model());
          return chain.proceed(chain.request(), downstream);
        })
        .withBean(RillBuilderCustomizer.class, () -> b -> b.defaultProvider("openai"))
        .withBean(RillStreamOptionsCustomizer.class, () -> b -> b.lengthIsError(true))
        .run(context -> {
          assertThat(context.getBean(StreamOptions.class).lengthIsError()).isTrue();
          replayText();
          Rill rill = context.getBean(Rill.class);
          rill.stream(ChatRequest.builder("gpt-4o-mini").user("hi").build()).collect().orTimeout(10, TimeUnit.SECONDS)
              .join();
          assertThat(heard).containsExactly("interceptor:gpt-4o-mini", "listener:stop");
        });
  }

  @Test
  void anObservationPerCallWhenMicrometerIsThere() {
    TestObservationRegistry registry = TestObservationRegistry.create();
    runner.withBean(ObservationRegistry.class, () -> registry).run(context -> {
      assertThat(context).hasBean("rillObservationListener");
      Rill rill = context.getBean(Rill.class);
      Golden g = replayText();
      call(rill);
      server.enqueue(Response.json(401, "{\"error\":{\"message\":\"bad key\",\"type\":\"invalid_request_error\","
          + "\"code\":\"invalid_api_key\"}}"));
      assertThatThrownBy(() -> call(rill)).hasCauseInstanceOf(RillException.class);
      // A call with options of its own is observed too: the observation is the client's, not the options'.
      replayText();
      rill.stream(dev.rill.api.ChatRequest.builder("openai:gpt-4o-mini").user("hi").build(),
          dev.rill.runtime.StreamOptions.basic()).collect().join();

      TestObservationRegistryAssert.assertThat(registry).hasNumberOfObservationsWithNameEqualTo(
          "gen_ai.client.operation", 3);
      TestObservationRegistryAssert.assertThat(registry).hasAnObservation(o -> o
          .hasContextualNameEqualTo("chat gpt-4o-mini")
          .hasLowCardinalityKeyValue("gen_ai.operation.name", "chat")
          .hasLowCardinalityKeyValue("gen_ai.provider.name", "openai")
          .hasLowCardinalityKeyValue("gen_ai.request.model", "gpt-4o-mini")
          .hasLowCardinalityKeyValue("gen_ai.response.model", "gpt-4o-mini-2024-07-18")
          .hasLowCardinalityKeyValue("error.type", "none")
          .hasHighCardinalityKeyValue("gen_ai.usage.output_tokens", g.expect().usage().outputTokens().toString())
          .doesNotHaveError());
      TestObservationRegistryAssert.assertThat(registry).hasAnObservation(o -> o
          .hasLowCardinalityKeyValue("error.type", ErrorKind.AUTHENTICATION.name().toLowerCase())
          .hasError());
    });
  }

  @Test
  void noObservationWithoutARegistryOrWithoutMicrometerOrWhenTurnedOff() {
    runner.run(context -> assertThat(context).doesNotHaveBean("rillObservationListener").hasSingleBean(Rill.class));
    runner.withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
        .run(context -> assertThat(context).doesNotHaveBean("rillObservationListener").hasSingleBean(Rill.class));
    runner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
        .withPropertyValues("rill.observations.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("rillObservationListener"));
  }

  @Test
  void turnedOffOrReplacedByTheApplicationsOwnClient() {
    runner.withPropertyValues("rill.enabled=false").run(context -> assertThat(context).doesNotHaveBean(Rill.class));
    runner.withBean("myRill", Rill.class, () -> Rill.builder().discover(false).build())
        .run(context -> assertThat(context).hasSingleBean(Rill.class).hasBean("myRill"));
  }
}
