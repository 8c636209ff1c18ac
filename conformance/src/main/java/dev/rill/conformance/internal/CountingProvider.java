package dev.rill.conformance.internal;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChunkSink;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderError;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.StreamDecoder;
import dev.rill.api.StreamingProvider;
import dev.rill.api.WireEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The plugin under test with every decoder it makes counted: how often the runtime closed it, and whether it was
 * used after that. Rule L4.14 runs streams through it.
 */
final class CountingProvider implements StreamingProvider {

  /** One decoder's record. */
  static final class Counted implements StreamDecoder {
    private final StreamDecoder decoder;
    final AtomicInteger closes = new AtomicInteger();
    final AtomicInteger usesAfterClose = new AtomicInteger();

    Counted(StreamDecoder decoder) {
      this.decoder = decoder;
    }

    @Override
    public Progress decode(WireEvent event, ChunkSink sink) {
      if (closes.get() > 0) {
        usesAfterClose.incrementAndGet();
      }
      return decoder.decode(event, sink);
    }

    @Override
    public boolean endOfInput(ChunkSink sink) {
      if (closes.get() > 0) {
        usesAfterClose.incrementAndGet();
      }
      return decoder.endOfInput(sink);
    }

    @Override
    public void close() {
      if (closes.incrementAndGet() == 1) {
        decoder.close();
      }
    }
  }

  private final StreamingProvider provider;
  final List<Counted> decoders = new CopyOnWriteArrayList<>();

  CountingProvider(StreamingProvider provider) {
    this.provider = provider;
  }

  @Override
  public ProviderInfo info() {
    return provider.info();
  }

  @Override
  public HttpCall prepare(ChatRequest request, ProviderSettings settings) {
    return provider.prepare(request, settings);
  }

  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    Counted c = new Counted(provider.newDecoder(request));
    decoders.add(c);
    return c;
  }

  @Override
  public ProviderError classifyError(int status, Map<String, String> headers, byte[] body) {
    return provider.classifyError(status, headers, body);
  }
}
