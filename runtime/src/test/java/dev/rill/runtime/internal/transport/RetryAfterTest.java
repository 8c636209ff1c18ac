package dev.rill.runtime.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retry delays read by the runtime when a plugin gave none. */
class RetryAfterTest {
  static final Clock NOW = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

  static Duration parse(String name, String value) {
    return RetryAfter.parse(Map.of(name, value), NOW);
  }

  @Test
  void secondsMillisecondsAndDatesAreRead() {
    assertThat(parse("retry-after", "20")).isEqualTo(Duration.ofSeconds(20));
    assertThat(parse("retry-after", " 1.5 ")).isEqualTo(Duration.ofMillis(1500));
    assertThat(parse("retry-after-ms", "250")).isEqualTo(Duration.ofMillis(250));
    assertThat(parse("retry-after", "Sat, 28 Nov 2026 12:00:30 GMT")).isEqualTo(Duration.ofSeconds(30));
    assertThat(parse("retry-after", "Sat, 28 Nov 2026 11:00:00 GMT")).as("a past date: now").isEqualTo(Duration.ZERO);
    assertThat(parse("retry-after", "999999999")).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void aNegativeOrInvalidValueIsIgnoredSoTheBackOffApplies() {
    // Retry-After: -5 was read as 0: three attempts in 18 ms.
    for (String bad : new String[] {"-5", "-0.1", "+5", "5d", "1e3", "0x10", "NaN", "Infinity", "soon", "1.2.3", "."}) {
      assertThat(parse("retry-after", bad)).as(bad).isNull();
      assertThat(parse("retry-after-ms", bad)).as("ms " + bad).isNull();
    }
    assertThat(RetryAfter.parse(Map.of("retry-after-ms", "-5", "retry-after", "2"), NOW))
        .as("an invalid retry-after-ms falls back to retry-after").isEqualTo(Duration.ofSeconds(2));
  }
}
