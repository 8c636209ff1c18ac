package dev.rill.runtime.internal.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChunkMetadata;
import dev.rill.api.StreamChunk;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The stamper counts wire bytes in a long: 2,100 MiB of keep-alives before one chunk are counted, not wrapped. */
class MetadataStamperTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  @Test
  void moreThanTwoGibibytesOfKeepAlivesBeforeAChunkAreCountedExactly() {
    MetadataStamper stamper = new MetadataStamper(Clock.fixed(NOW, ZoneOffset.UTC), "openai", "gpt-4o-mini");
    long keepAlive = ": keep-alive\n\n".length();
    long total = 0;
    for (long mib = 0; mib < 2_100; mib++) {
      stamper.wire(1 << 20);
      total += 1 << 20;
    }
    stamper.wire(keepAlive);
    total += keepAlive;

    StreamChunk first = stamper.stamp(StreamChunk.text("Hi"));
    stamper.wire(42);
    StreamChunk second = stamper.stamp(StreamChunk.text("!"));

    assertThat(total).isGreaterThan(Integer.MAX_VALUE);
    assertThat(first.metadata()).isEqualTo(new ChunkMetadata(0, NOW, total, "openai", "gpt-4o-mini"));
    assertThat(first.content()).isEqualTo("Hi");
    assertThat(second.metadata().sizeBytes()).isEqualTo(42);
    assertThat(second.metadata().index()).isEqualTo(1);
  }
}
