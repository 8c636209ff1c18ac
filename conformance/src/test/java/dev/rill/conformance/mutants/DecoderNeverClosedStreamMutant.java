package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChunkSink;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderError;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.api.StreamingProvider;
import dev.rill.api.WireEvent;
import dev.rill.conformance.internal.StreamOpener;
import dev.rill.runtime.ModelSpec;
import dev.rill.runtime.Rill;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Flow;

/**
 * Defect: a runtime that never releases a stream's decoder (rule L4.14), and is otherwise sound: streams go through a
 * second client, set up like the kit's, whose plugin wrapper drops every {@code close()} on the way to the plugin.
 */
public final class DecoderNeverClosedStreamMutant implements StreamOpener {
  private final Map<Rill, Rill> leaky = new WeakHashMap<>();

  @Override
  public synchronized Flow.Publisher<StreamChunk> open(Rill rill, ChatRequest request) {
    return leaky.computeIfAbsent(rill, r -> leakyCopy(r, ModelSpec.parse(request.model()).provider())).stream(request);
  }

  private static Rill leakyCopy(Rill rill, String id) {
    StreamingProvider plugin = rill.providers().require(id);
    ProviderSettings s = rill.settingsFor(plugin.info());
    Rill.Builder b = Rill.builder().discover(false).register(new CloseDropping(plugin))
        .baseUrl(id, s.baseUrl().toString()).httpVersion((dev.rill.runtime.HttpVersionPolicy) transport(rill, "httpVersion"))
        .shareHttp2Connections((Boolean) transport(rill, "shareHttp2"));
    s.key().ifPresent(k -> b.apiKey(id, k.reveal()));
    s.options().forEach((name, value) -> b.option(id, name, value));
    s.headers().forEach((name, value) -> b.header(id, name, value));
    return b.build();
  }

  /**
   * A setting of the kit client's transport (its HTTP version and HTTP/2 sharing, for the L6 rules), which Rill does
   * not expose: read from its transport's configuration (the kit runs on the class path, so the runtime's internals
   * are reachable).
   */
  private static Object transport(Rill rill, String setting) {
    try {
      java.lang.reflect.Field f = Rill.class.getDeclaredField("transport");
      f.setAccessible(true);
      Object transport = f.get(rill);
      Object config = transport.getClass().getMethod("config").invoke(transport);
      return config.getClass().getMethod(setting).invoke(config);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot read the kit client's " + setting, e);
    }
  }

  /** The plugin, with its decoders' close() dropped. */
  private record CloseDropping(StreamingProvider plugin) implements StreamingProvider {
    @Override public ProviderInfo info() { return plugin.info(); }
    @Override public HttpCall prepare(ChatRequest request, ProviderSettings settings) {
      return plugin.prepare(request, settings);
    }
    @Override public ProviderError classifyError(int status, Map<String, String> headers, byte[] body) {
      return plugin.classifyError(status, headers, body);
    }
    @Override public StreamDecoder newDecoder(ChatRequest request) {
      StreamDecoder d = plugin.newDecoder(request);
      return new StreamDecoder() {
        @Override public Progress decode(WireEvent event, ChunkSink sink) { return d.decode(event, sink); }
        @Override public boolean endOfInput(ChunkSink sink) { return d.endOfInput(sink); }
        @Override public void close() { } // the defect
      };
    }
  }
}
