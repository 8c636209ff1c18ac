package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChunkSink;
import dev.rill.api.StreamDecoder;
import dev.rill.api.Usage;
import dev.rill.api.WireEvent;
import dev.rill.conformance.reference.ReferenceDecoder;
import dev.rill.conformance.reference.ReferenceProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Defect: negative token counts from the wire are passed to {@link Usage}, whose constructor throws
 * IllegalArgumentException out of the plugin (rule S2.7).
 */
public class NegativeUsageMutant extends ReferenceProvider {
  private static final Pattern NEGATIVE = Pattern.compile("\"(input|output)_tokens\":(-\\d+)");

  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new ReferenceDecoder() {
      @Override
      public Progress decode(WireEvent event, ChunkSink sink) {
        Matcher m = NEGATIVE.matcher(event.text());
        if (m.find()) {
          sink.emit(dev.rill.api.StreamChunk.ofUsage(Usage.of(Long.parseLong(m.group(2)), 0)));
        }
        return super.decode(event, sink);
      }
    };
  }
}
