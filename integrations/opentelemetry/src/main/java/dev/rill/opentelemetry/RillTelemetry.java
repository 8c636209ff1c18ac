package dev.rill.opentelemetry;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.Usage;
import dev.rill.runtime.CallInfo;
import dev.rill.runtime.StreamListener;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenTelemetry for Rill calls, per the GenAI semantic conventions: a {@code CLIENT} span named
 * {@code chat {model}} per call (its parent is the context current where the stream was first asked for chunks) and
 * the client metrics {@code gen_ai.client.operation.duration}, {@code gen_ai.client.token.usage},
 * {@code gen_ai.client.operation.time_to_first_chunk} and {@code gen_ai.client.operation.time_per_output_chunk}.
 * A {@link StreamListener}, so it works in basic and enhanced mode alike:
 *
 * <pre>{@code
 * RillTelemetry telemetry = RillTelemetry.create(openTelemetry);
 * Rill rill = Rill.builder().options(StreamOptions.enhancedBuilder().listener(telemetry).build()).build();
 * }</pre>
 *
 * <p>The span carries {@code gen_ai.operation.name} ({@code chat}), {@code gen_ai.provider.name} (the spec's
 * well-known value: {@code openai}, {@code anthropic}, {@code gcp.gemini}, {@code aws.bedrock}..., else Rill's
 * provider id), {@code gen_ai.request.*} (model, temperature, top_p, max_tokens, stop_sequences, seed, top_k,
 * presence_penalty, frequency_penalty), {@code gen_ai.output.type} ({@code json} for a structured answer),
 * {@code gen_ai.response.*} (model, id, finish_reasons, time_to_first_chunk), {@code gen_ai.usage.*},
 * {@code server.address} and {@code server.port}; a retry or a fallback is a span event ({@code rill.retry},
 * {@code rill.fallback}) with the failed attempt's {@code error.type}. A failed call sets the span's status to
 * {@code ERROR} and {@code error.type} to the error's kind in lower case ({@code rate_limited}, {@code timeout},
 * {@code cancelled}...), on the span and on the duration metric. Messages and answers are recorded only when
 * {@link Builder#captureContent} is on ({@code gen_ai.input.messages}, {@code gen_ai.output.messages}).
 *
 * <p>Thread-safe; one instance serves every call of a client. Its cost per chunk with output is one histogram
 * record (the attributes are made once per call).
 *
 * @since 0.1
 */
public final class RillTelemetry implements StreamListener {
  /** The instrumentation scope's name. */
  public static final String SCOPE = "dev.rill.opentelemetry";

  private final Tracer tracer;
  private final DoubleHistogram duration;
  private final LongHistogram tokens;
  private final DoubleHistogram firstChunk;
  private final DoubleHistogram perChunk;
  private final boolean captureContent;
  private final ConcurrentHashMap<Long, CallTrace> calls = new ConcurrentHashMap<>();

  private RillTelemetry(Builder b) {
    this.tracer = b.otel.getTracer(SCOPE);
    Meter meter = b.otel.getMeter(SCOPE);
    this.duration = meter.histogramBuilder(GenAi.DURATION).setUnit("s").setDescription("GenAI operation duration.")
        .setExplicitBucketBoundariesAdvice(GenAi.SECONDS_BUCKETS).build();
    this.tokens = meter.histogramBuilder(GenAi.TOKEN_USAGE).ofLongs().setUnit("{token}")
        .setDescription("Number of input and output tokens used.")
        .setExplicitBucketBoundariesAdvice(GenAi.TOKEN_BUCKETS).build();
    this.firstChunk = meter.histogramBuilder(GenAi.TIME_TO_FIRST_CHUNK_METRIC).setUnit("s")
        .setDescription("Time to receive the first chunk of a streamed response.")
        .setExplicitBucketBoundariesAdvice(GenAi.SECONDS_BUCKETS).build();
    this.perChunk = meter.histogramBuilder(GenAi.TIME_PER_OUTPUT_CHUNK).setUnit("s")
        .setDescription("Time between consecutive output chunks after the first.")
        .setExplicitBucketBoundariesAdvice(GenAi.SECONDS_BUCKETS).build();
    this.captureContent = b.captureContent;
  }

  /** Telemetry through {@code openTelemetry} (e.g. {@code GlobalOpenTelemetry.get()}), without content capture. */
  public static RillTelemetry create(OpenTelemetry openTelemetry) {
    return builder(openTelemetry).build();
  }

  /** Starts a builder. */
  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(openTelemetry);
  }

  /** One call's span and clocks. Events of one call arrive serially; the map hands the state between threads. */
  private static final class CallTrace {
    final Span span;
    final long startNanos;
    volatile long lastChunkNanos;
    volatile boolean sawOutput;
    volatile Attributes chunkAttributes; // the per-chunk metrics' attributes, made once (the server is known by then)

    Attributes chunkAttributes(CallInfo call) {
      Attributes a = chunkAttributes;
      if (a == null) {
        chunkAttributes = a = GenAi.common(call).build();
      }
      return a;
    }

    CallTrace(Span span, long startNanos) {
      this.span = span;
      this.startNanos = startNanos;
    }
  }

  @Override
  public void onStart(CallInfo call) {
    ChatRequest request = call.request();
    AttributesBuilder a = GenAi.common(call).put(GenAi.RILL_PROVIDER, call.provider());
    if (request.temperature() != null) {
      a.put(GenAi.REQUEST_TEMPERATURE, request.temperature());
    }
    if (request.topP() != null) {
      a.put(GenAi.REQUEST_TOP_P, request.topP());
    }
    if (request.maxTokens() != null) {
      a.put(GenAi.REQUEST_MAX_TOKENS, (long) request.maxTokens());
    }
    if (!request.stop().isEmpty()) {
      a.put(GenAi.REQUEST_STOP, request.stop());
    }
    if (request.seed() != null) {
      a.put(GenAi.REQUEST_SEED, (long) request.seed());
    }
    if (request.topK() != null) {
      a.put(GenAi.REQUEST_TOP_K, (double) request.topK());
    }
    if (request.presencePenalty() != null) {
      a.put(GenAi.REQUEST_PRESENCE_PENALTY, request.presencePenalty());
    }
    if (request.frequencyPenalty() != null) {
      a.put(GenAi.REQUEST_FREQUENCY_PENALTY, request.frequencyPenalty());
    }
    if (request.responseFormat() != null) {
      a.put(GenAi.OUTPUT_TYPE, "json");
    }
    if (captureContent) {
      a.put(GenAi.INPUT_MESSAGES, ContentJson.input(request));
    }
    Span span = tracer.spanBuilder(GenAi.OPERATION + " " + call.model()).setSpanKind(SpanKind.CLIENT)
        .setParent(Context.current()).setAllAttributes(a.build()).startSpan();
    calls.put(call.callId(), new CallTrace(span, System.nanoTime()));
  }

  @Override
  public void onFirstChunk(CallInfo call, Duration sinceStart) {
    CallTrace t = calls.get(call.callId());
    if (t == null) {
      return;
    }
    double seconds = seconds(sinceStart.toNanos());
    t.span.setAttribute(GenAi.TIME_TO_FIRST_CHUNK, seconds);
    firstChunk.record(seconds, t.chunkAttributes(call));
  }

  @Override
  public void onChunk(CallInfo call, StreamChunk chunk) {
    if (!chunk.hasOutput()) {
      return;
    }
    CallTrace t = calls.get(call.callId());
    if (t == null) {
      return;
    }
    long now = System.nanoTime();
    if (t.sawOutput) {
      perChunk.record(seconds(now - t.lastChunkNanos), t.chunkAttributes(call));
    }
    t.sawOutput = true;
    t.lastChunkNanos = now;
  }

  @Override
  public void onRetry(CallInfo call, int nextAttempt, Duration delay, RillException cause) {
    CallTrace t = calls.get(call.callId());
    if (t != null) {
      t.span.addEvent("rill.retry", Attributes.builder().put(GenAi.RILL_ATTEMPT, (long) call.attempt())
          .put(GenAi.ERROR_TYPE, GenAi.errorType(cause)).put("rill.retry.delay_ms", delay.toMillis()).build());
    }
  }

  @Override
  public void onFallback(CallInfo call, String nextSpec, RillException cause) {
    CallTrace t = calls.get(call.callId());
    if (t != null) {
      t.span.addEvent("rill.fallback", Attributes.builder().put(GenAi.RILL_PROVIDER, call.provider())
          .put(GenAi.ERROR_TYPE, GenAi.errorType(cause)).put("rill.fallback.next", nextSpec).build());
    }
  }

  @Override
  public void onComplete(CallInfo call, ChatResponse response) {
    CallTrace t = calls.remove(call.callId());
    if (t == null) {
      return;
    }
    end(t, call, response, null);
  }

  @Override
  public void onError(CallInfo call, RillException error) {
    CallTrace t = calls.remove(call.callId());
    if (t == null) {
      return;
    }
    end(t, call, error.partial(), error);
  }

  private void end(CallTrace t, CallInfo call, ChatResponse response, RillException error) {
    AttributesBuilder metric = GenAi.common(call);
    Span span = t.span;
    span.setAttribute(GenAi.RILL_PROVIDER, call.provider());
    if (call.server() != null) {
      span.setAttribute(GenAi.SERVER_ADDRESS, call.server().address());
      span.setAttribute(GenAi.SERVER_PORT, (long) call.server().port());
    }
    span.setAttribute(GenAi.RILL_ATTEMPT, (long) call.attempt());
    if (response != null) {
      if (response.model() != null) {
        span.setAttribute(GenAi.RESPONSE_MODEL, response.model());
        metric.put(GenAi.RESPONSE_MODEL, response.model());
      }
      if (response.responseId() != null) {
        span.setAttribute(GenAi.RESPONSE_ID, response.responseId());
      }
      List<String> reasons = GenAi.finishReasons(response);
      if (!reasons.isEmpty()) {
        span.setAttribute(GenAi.FINISH_REASONS, reasons);
      }
      usage(span, response.usage(), metric);
      if (captureContent) {
        span.setAttribute(GenAi.OUTPUT_MESSAGES, ContentJson.output(response));
      }
    }
    if (error != null) {
      String type = GenAi.errorType(error);
      metric.put(GenAi.ERROR_TYPE, type);
      span.setAttribute(GenAi.ERROR_TYPE, type);
      span.setStatus(StatusCode.ERROR, error.getMessage());
    }
    duration.record(seconds(System.nanoTime() - t.startNanos), metric.build());
    span.end();
  }

  private void usage(Span span, Usage usage, AttributesBuilder metric) {
    if (usage == null) {
      return;
    }
    Attributes base = metric.build();
    if (usage.inputTokens() != null) {
      span.setAttribute(GenAi.INPUT_TOKENS, usage.inputTokens());
      tokens.record(usage.inputTokens(), base.toBuilder().put(GenAi.TOKEN_TYPE, "input").build());
    }
    if (usage.outputTokens() != null) {
      span.setAttribute(GenAi.OUTPUT_TOKENS, usage.outputTokens());
      tokens.record(usage.outputTokens(), base.toBuilder().put(GenAi.TOKEN_TYPE, "output").build());
    }
    if (usage.cachedInputTokens() != null) {
      span.setAttribute(GenAi.CACHE_READ_TOKENS, usage.cachedInputTokens());
    }
    if (usage.cacheWriteTokens() != null) {
      span.setAttribute(GenAi.CACHE_WRITE_TOKENS, usage.cacheWriteTokens());
    }
    if (usage.reasoningTokens() != null) {
      span.setAttribute(GenAi.REASONING_TOKENS, usage.reasoningTokens());
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  @Override
  public String toString() {
    return "RillTelemetry[calls in flight=" + calls.size() + ", captureContent=" + captureContent + "]";
  }

  /** Builds a {@link RillTelemetry}. */
  public static final class Builder {
    private final OpenTelemetry otel;
    private boolean captureContent;

    private Builder(OpenTelemetry otel) {
      this.otel = Objects.requireNonNull(otel, "openTelemetry");
    }

    /**
     * Records the request's messages and the answer on the span ({@code gen_ai.input.messages},
     * {@code gen_ai.output.messages}); off by default, since prompts and answers may hold personal data.
     */
    public Builder captureContent(boolean on) {
      this.captureContent = on;
      return this;
    }

    public RillTelemetry build() {
      return new RillTelemetry(this);
    }
  }
}
