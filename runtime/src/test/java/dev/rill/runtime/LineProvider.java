package dev.rill.runtime;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChunkSink;
import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.api.Framing;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.api.StreamingProvider;
import dev.rill.api.ToolCallDelta;
import dev.rill.api.Usage;
import dev.rill.api.WireEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A tiny real plugin for the runtime's tests: SSE events whose data is {@code t:text}, {@code r:reasoning},
 * {@code f:stop|length|...}, {@code u:in,out}, {@code m:model}, {@code c:index,id,name,argsFragment} (a tool-call
 * delta), {@code e:KIND} (an in-stream error),
 * {@code n:choice,text} (text of another choice), {@code z:oom|soe|npe} (the decoder throws an OutOfMemoryError, a
 * StackOverflowError or a NullPointerException), {@code x:...} (malformed) and {@code [DONE]} (the terminator).
 * Counts the decoders it made and how often each was closed. Needs the key {@code LINE_API_KEY}.
 */
public final class LineProvider implements StreamingProvider {
  static final String ID = "line";
  private final ProviderInfo info;
  final java.util.concurrent.atomic.AtomicInteger decoders = new java.util.concurrent.atomic.AtomicInteger();
  final java.util.concurrent.atomic.AtomicInteger closes = new java.util.concurrent.atomic.AtomicInteger();
  final java.util.concurrent.atomic.AtomicInteger misuse = new java.util.concurrent.atomic.AtomicInteger();

  public LineProvider() {
    this(ID, URI.create("http://127.0.0.1:9/"));
  }

  LineProvider(String id, URI base) {
    this(ProviderInfo.builder(id, "Line test provider").family("line").defaultBaseUrl(base)
        .apiKeyEnv("LINE_API_KEY").framing(Framing.SSE).capabilities(dev.rill.api.Capability.values()).build());
  }

  /** A line provider described by {@code info} (other capabilities, model rows). */
  LineProvider(ProviderInfo info) {
    this.info = info;
  }

  @Override
  public ProviderInfo info() {
    return info;
  }

  @Override
  public HttpCall prepare(ChatRequest request, ProviderSettings settings) {
    String key = settings.requireKey(info.apiKeyEnv()).reveal();
    byte[] body = (request.model() + "|" + request.messages().get(request.messages().size() - 1).text())
        .getBytes(StandardCharsets.UTF_8);
    URI base = settings.baseUrl();
    Map<String, String> headers = new java.util.LinkedHashMap<>(settings.headers());
    headers.put("Authorization", "Bearer " + key);
    headers.put("Content-Type", "text/plain");
    headers.put("Accept", "text/event-stream");
    return HttpCall.post(URI.create(base.toString().replaceAll("/+$", "") + "/chat"), headers, body);
  }

  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    decoders.incrementAndGet();
    return new StreamDecoder() {
      private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

      @Override
      public void close() {
        closes.incrementAndGet();
        if (!closed.compareAndSet(false, true)) {
          misuse.incrementAndGet(); // closed twice
        }
      }

      @Override
      public Progress decode(WireEvent event, ChunkSink sink) {
        if (closed.get()) {
          misuse.incrementAndGet(); // used after close
        }
        if (event.dataEquals("[DONE]")) {
          return Progress.END;
        }
        String d = event.text();
        if (d.length() < 2 || d.charAt(1) != ':') {
          throw RillException.builder(ErrorKind.MALFORMED_RESPONSE).message("not a line event").rawEvent(d).build();
        }
        String v = d.substring(2);
        switch (d.charAt(0)) {
          case 't' -> sink.emit(StreamChunk.text(v));
          case 'r' -> sink.emit(StreamChunk.reasoningDelta(v));
          case 'f' -> sink.emit(StreamChunk.finish(FinishReason.of(
              v.equals("stop") ? FinishReason.Kind.STOP : v.equals("length") ? FinishReason.Kind.LENGTH
                  : FinishReason.Kind.OTHER, v)));
          case 'u' -> {
            String[] p = v.split(",");
            sink.emit(StreamChunk.ofUsage(Usage.of(Long.parseLong(p[0]), Long.parseLong(p[1]))));
          }
          case 'm' -> sink.responseInfo(null, v);
          case 'c' -> {
            String[] p = v.split(",", 4);
            sink.emit(StreamChunk.toolCall(ToolCallDelta.of(Integer.parseInt(p[0]),
                p[1].isEmpty() ? null : p[1], p[2].isEmpty() ? null : p[2], p[3])));
          }
          case 'n' -> {
            String[] p = v.split(",", 2);
            sink.emit(StreamChunk.builder().choice(Integer.parseInt(p[0])).content(p[1]).build());
          }
          case 'z' -> {
            switch (v) {
              case "oom" -> throw new OutOfMemoryError("simulated: a decoder ran out of memory");
              case "soe" -> throw new StackOverflowError("simulated");
              default -> throw new NullPointerException("simulated decoder bug");
            }
          }
          case 'e' -> throw RillException.builder(ErrorKind.valueOf(v)).providerCode(v.toLowerCase())
              .providerMessage("in-stream error").build();
          default -> throw RillException.builder(ErrorKind.MALFORMED_RESPONSE).message("unknown line event")
              .rawEvent(d).build();
        }
        return Progress.CONTINUE;
      }

      @Override
      public boolean endOfInput(ChunkSink sink) {
        return false;
      }
    };
  }
}
