package dev.rill.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.testkit.fixtures.OpenAiWire;
import dev.rill.api.ChatRequest;
import dev.rill.api.RillException;
import dev.rill.provider.openai.OpenAiProvider;
import dev.rill.runtime.Rill;
import dev.rill.runtime.RetryPolicy;
import dev.rill.runtime.StreamOptions;
import dev.rill.testkit.server.WireServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The GenAI spans and metrics of real calls: the OpenAI plugin over the loopback wire server, the OpenTelemetry
 * SDK with its in-memory exporter and reader. A success in basic and enhanced mode, a retry, errors, content capture
 * and the parent context.
 */
class RillTelemetryTest {
  static final RetryPolicy FAST = RetryPolicy.attempts(3).withBackoff(Duration.ofMillis(5), Duration.ofMillis(10));

  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
      .build();
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
    sdk.close();
  }

  static ChatRequest request() {
    return ChatRequest.builder("openai:gpt-4o-mini").user("Say hello").temperature(0.5).topP(0.75).maxTokens(50)
        .stop("END").seed(11).presencePenalty(0.25).frequencyPenalty(0.125)
        .responseFormat(dev.rill.api.ResponseFormat.json()).build();
  }

  StreamOptions options(String mode, RillTelemetry telemetry) {
    return (mode.equals("basic") ? StreamOptions.basicBuilder() : StreamOptions.enhancedBuilder())
        .retry(mode.equals("basic") ? RetryPolicy.NONE : FAST).listener(telemetry).build();
  }

  SpanData onlySpan() {
    List<SpanData> all = spans.getFinishedSpanItems();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  MetricData metric(String name) {
    Collection<MetricData> all = metrics.collectAllMetrics();
    return all.stream().filter(m -> m.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name + " in " + all.stream().map(MetricData::getName).toList()));
  }

  static List<HistogramPointData> points(MetricData m) {
    return List.copyOf(m.getHistogramData().getPoints());
  }

  void assertCommon(Attributes a) {
    assertThat(a.get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("chat");
    assertThat(a.get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("openai");
    assertThat(a.get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("gpt-4o-mini");
    assertThat(a.get(AttributeKey.stringKey("server.address"))).isEqualTo("127.0.0.1");
    assertThat(a.get(AttributeKey.longKey("server.port"))).isEqualTo((long) server.port());
  }

  @ParameterizedTest
  @ValueSource(strings = {"basic", "enhanced"})
  void aSuccessfulCallIsOneClientSpanAndTheFourMetrics(String mode) {
    server.enqueue(OpenAiWire.hello());
    String text = rill.stream(request(), options(mode, RillTelemetry.create(sdk))).await().text();
    assertThat(text).isEqualTo("Hello!");

    SpanData span = onlySpan();
    assertThat(span.getName()).isEqualTo("chat gpt-4o-mini");
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    Attributes a = span.getAttributes();
    assertCommon(a);
    assertThat(a.get(AttributeKey.doubleKey("gen_ai.request.temperature"))).isEqualTo(0.5);
    assertThat(a.get(AttributeKey.doubleKey("gen_ai.request.top_p"))).isEqualTo(0.75);
    assertThat(a.get(AttributeKey.longKey("gen_ai.request.max_tokens"))).isEqualTo(50L);
    assertThat(a.get(AttributeKey.stringArrayKey("gen_ai.request.stop_sequences"))).containsExactly("END");
    assertThat(a.get(AttributeKey.longKey("gen_ai.request.seed"))).isEqualTo(11L);
    assertThat(a.get(AttributeKey.doubleKey("gen_ai.request.presence_penalty"))).isEqualTo(0.25);
    assertThat(a.get(AttributeKey.doubleKey("gen_ai.request.frequency_penalty"))).isEqualTo(0.125);
    assertThat(a.get(AttributeKey.doubleKey("gen_ai.request.top_k"))).isNull();
    assertThat(a.get(AttributeKey.stringKey("gen_ai.output.type"))).isEqualTo("json");
    assertThat(a.get(AttributeKey.stringKey("gen_ai.response.model"))).isEqualTo(OpenAiWire.MODEL);
    assertThat(a.get(AttributeKey.stringKey("gen_ai.response.id"))).isEqualTo("chatcmpl-42");
    assertThat(a.get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"))).containsExactly("stop");
    assertThat(a.get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(9L);
    assertThat(a.get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(3L);
    assertThat(a.get(AttributeKey.doubleKey("gen_ai.response.time_to_first_chunk"))).isPositive();
    assertThat(a.get(AttributeKey.stringKey("error.type"))).isNull();
    assertThat(a.get(AttributeKey.stringKey("gen_ai.input.messages"))).as("no content unless opted in").isNull();
    assertThat(a.get(AttributeKey.stringKey("gen_ai.output.messages"))).isNull();

    MetricData duration = metric("gen_ai.client.operation.duration");
    assertThat(duration.getUnit()).isEqualTo("s");
    assertThat(points(duration)).singleElement().satisfies(p -> {
      assertThat(p.getCount()).isEqualTo(1);
      assertThat(p.getSum()).isPositive().isLessThan(60);
      assertCommon(p.getAttributes());
      assertThat(p.getAttributes().get(AttributeKey.stringKey("gen_ai.response.model"))).isEqualTo(OpenAiWire.MODEL);
      assertThat(p.getAttributes().get(AttributeKey.stringKey("error.type"))).isNull();
      assertThat(p.getBoundaries()).startsWith(0.01, 0.02, 0.04).endsWith(81.92);
    });

    MetricData tokens = metric("gen_ai.client.token.usage");
    assertThat(tokens.getUnit()).isEqualTo("{token}");
    assertThat(points(tokens)).hasSize(2).allSatisfy(p -> assertCommon(p.getAttributes()))
        .anySatisfy(p -> {
          assertThat(p.getAttributes().get(AttributeKey.stringKey("gen_ai.token.type"))).isEqualTo("input");
          assertThat(p.getSum()).isEqualTo(9.0);
        })
        .anySatisfy(p -> {
          assertThat(p.getAttributes().get(AttributeKey.stringKey("gen_ai.token.type"))).isEqualTo("output");
          assertThat(p.getSum()).isEqualTo(3.0);
        });

    MetricData ttfc = metric("gen_ai.client.operation.time_to_first_chunk");
    assertThat(ttfc.getUnit()).isEqualTo("s");
    assertThat(points(ttfc)).singleElement().satisfies(p -> {
      assertThat(p.getCount()).isEqualTo(1);
      assertCommon(p.getAttributes());
    });

    MetricData perChunk = metric("gen_ai.client.operation.time_per_output_chunk");
    assertThat(perChunk.getUnit()).isEqualTo("s");
    assertThat(points(perChunk)).singleElement().satisfies(p -> {
      assertThat(p.getCount()).as("three text chunks: two gaps after the first").isEqualTo(2);
      assertCommon(p.getAttributes());
    });
  }

  @Test
  void aRetriedCallIsStillOneSpanWithARetryEventAndSucceeds() {
    server.enqueue(OpenAiWire.status(503, "overloaded"));
    server.enqueue(OpenAiWire.hello());
    rill.stream(request(), options("enhanced", RillTelemetry.create(sdk))).await();

    SpanData span = onlySpan();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.getAttributes().get(AttributeKey.longKey("rill.attempt"))).isEqualTo(2L);
    assertThat(span.getEvents()).extracting(EventData::getName).containsExactly("rill.retry");
    Attributes retry = span.getEvents().get(0).getAttributes();
    assertThat(retry.get(AttributeKey.stringKey("error.type"))).isEqualTo("overloaded");
    assertThat(retry.get(AttributeKey.longKey("rill.attempt"))).isEqualTo(1L);
    assertThat(points(metric("gen_ai.client.operation.duration"))).singleElement()
        .satisfies(p -> assertThat(p.getAttributes().get(AttributeKey.stringKey("error.type"))).isNull());
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"basic", "enhanced"})
  void aFailedCallSetsErrorStatusAndErrorTypeOnTheSpanAndTheDuration(String mode) {
    server.enqueue(OpenAiWire.status(400, "invalid_request_error"));
    assertThatThrownBy(() -> rill.stream(request(), options(mode, RillTelemetry.create(sdk))).await())
        .isInstanceOf(RillException.class);

    SpanData span = onlySpan();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("invalid_request");
    assertCommon(span.getAttributes());
    assertThat(points(metric("gen_ai.client.operation.duration"))).singleElement().satisfies(p -> {
      assertThat(p.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("invalid_request");
      assertCommon(p.getAttributes());
    });
    assertThat(metrics.collectAllMetrics()).extracting(MetricData::getName)
        .doesNotContain("gen_ai.client.token.usage", "gen_ai.client.operation.time_to_first_chunk");
  }

  @Test
  void retriesThatRunOutEndInErrorWithEveryRetryAsAnEvent() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(OpenAiWire.status(429, "rate_limit_exceeded"));
    }
    assertThatThrownBy(() -> rill.stream(request(), options("enhanced", RillTelemetry.create(sdk))).await())
        .isInstanceOf(RillException.class);
    SpanData span = onlySpan();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("rate_limited");
    assertThat(span.getEvents()).extracting(EventData::getName).containsExactly("rill.retry", "rill.retry");
  }

  @Test
  void contentIsRecordedOnlyWhenOptedIn() {
    server.enqueue(OpenAiWire.hello());
    rill.stream(request(), options("basic", RillTelemetry.builder(sdk).captureContent(true).build())).await();
    Attributes a = onlySpan().getAttributes();
    assertThat(a.get(AttributeKey.stringKey("gen_ai.input.messages")))
        .isEqualTo("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Say hello\"}]}]");
    assertThat(a.get(AttributeKey.stringKey("gen_ai.output.messages"))).isEqualTo(
        "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Hello!\"}],\"finish_reason\":\"stop\"}]");
  }

  @Test
  void theSpanIsAChildOfTheContextWhereTheStreamStarted() {
    server.enqueue(OpenAiWire.hello());
    Span parent = sdk.getTracer("test").spanBuilder("handler").startSpan();
    try (Scope ignored = parent.makeCurrent()) {
      rill.stream(request(), options("basic", RillTelemetry.create(sdk))).await();
    } finally {
      parent.end();
    }
    SpanData chat = spans.getFinishedSpanItems().stream().filter(s -> s.getName().startsWith("chat")).findFirst()
        .orElseThrow();
    assertThat(chat.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(chat.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
  }
}
