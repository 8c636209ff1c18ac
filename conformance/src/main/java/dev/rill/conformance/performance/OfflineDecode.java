package dev.rill.conformance.performance;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChunkSink;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.api.StreamingProvider;
import dev.rill.api.WireEvent;
import dev.rill.framing.EventHandler;
import dev.rill.framing.Framer;
import dev.rill.framing.Framers;
import dev.rill.framing.FramingLimits;

/** Decodes a body through the runtime's framer and a fresh decoder of the plugin, counting chunks: one JMH op. */
final class OfflineDecode implements EventHandler, ChunkSink {
  private final StreamDecoder decoder;
  private final Framer framer;
  private int chunks;
  private int contentChars;
  private boolean ended;

  private OfflineDecode(StreamingProvider provider, ChatRequest request) {
    this.decoder = provider.newDecoder(request);
    this.framer = Framers.of(provider.info().framing(), FramingLimits.DEFAULT, this);
  }

  /** Decodes {@code body} fed at once; returns the chunks plus content characters (for the blackhole). */
  static int whole(StreamingProvider provider, ChatRequest request, byte[] body) {
    OfflineDecode d = new OfflineDecode(provider, request);
    d.framer.feed(body, 0, body.length);
    return d.finish();
  }

  /** Decodes {@code body} fed one byte per call, as a server dripping it would. */
  static int dripped(StreamingProvider provider, ChatRequest request, byte[] body) {
    OfflineDecode d = new OfflineDecode(provider, request);
    for (int i = 0; i < body.length && !d.ended; i++) {
      d.framer.feed(body, i, 1);
    }
    return d.finish();
  }

  private int finish() {
    if (!ended) {
      framer.endOfInput();
    }
    if (!ended) {
      decoder.endOfInput(this);
    }
    return chunks + contentChars;
  }

  @Override
  public boolean onEvent(WireEvent event) {
    if (ended) {
      return false;
    }
    if (decoder.decode(event, this) == StreamDecoder.Progress.END) {
      ended = true;
      return false;
    }
    return true;
  }

  @Override
  public void emit(StreamChunk chunk) {
    chunks++;
    contentChars += chunk.content().length();
  }

  @Override
  public void responseInfo(String responseId, String model) {}
}
