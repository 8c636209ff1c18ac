package dev.rill.provider.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.testkit.property.Gens;
import dev.rill.testkit.property.Property;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryDelaysTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-10-21T07:27:00Z"), ZoneOffset.UTC);

  @Test
  void millisecondsWinThenSecondsThenAnHttpDate() {
    assertThat(RetryDelays.fromHeaders(Map.of("retry-after-ms", "1500", "retry-after", "9")))
        .isEqualTo(Duration.ofMillis(1500));
    assertThat(RetryDelays.fromHeaders(Map.of("Retry-After", "20"))).isEqualTo(Duration.ofSeconds(20));
    assertThat(RetryDelays.fromHeaders(Map.of("retry-after", "1.5"))).isEqualTo(Duration.ofMillis(1500));
    assertThat(RetryDelays.fromHeaders(Map.of("retry-after", "Wed, 21 Oct 2026 07:28:00 GMT",
        "date", "Wed, 21 Oct 2026 07:27:30 GMT"), CLOCK)).isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryDelays.fromHeaders(Map.of("retry-after", "Wed, 21 Oct 2026 07:28:00 GMT"), CLOCK))
        .isEqualTo(Duration.ofSeconds(60));
    assertThat(RetryDelays.fromHeaders(Map.of("retry-after", "Wed, 21 Oct 2026 07:00:00 GMT"), CLOCK))
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void garbageIsNull() {
    assertThat(RetryDelays.fromHeaders(Map.of("retry-after", "soon"))).isNull();
    assertThat(RetryDelays.fromHeaders(Map.of("retry-after", "-5"))).isNull();
    assertThat(RetryDelays.fromHeaders(Map.of("retry-after", "1.2.3"))).isNull();
    assertThat(RetryDelays.fromHeaders(Map.of("retry-after", "99999999999999999999"))).isNull();
    assertThat(RetryDelays.fromHeaders(Map.of())).isNull();
    assertThat(RetryDelays.fromHeaders(null)).isNull();
    assertThat(RetryDelays.millis("")).isNull();
  }

  @Test
  void goDurations() {
    assertThat(RetryDelays.goDuration("6m0s")).isEqualTo(Duration.ofMinutes(6));
    assertThat(RetryDelays.goDuration("20ms")).isEqualTo(Duration.ofMillis(20));
    assertThat(RetryDelays.goDuration("1h2m3.5s")).isEqualTo(Duration.ofMillis(3_723_500));
    assertThat(RetryDelays.goDuration("17us")).isEqualTo(Duration.ofNanos(17_000));
    assertThat(RetryDelays.goDuration("1x")).isNull();
    assertThat(RetryDelays.goDuration("-1s")).isNull();
    assertThat(RetryDelays.goDuration("9999h")).isNull();
  }

  @Test
  void neverNegativeNeverThrows() {
    Property.forAll(Gens.strings()).tries(200).examples(DELAY_EDGES).check(value -> {
      Duration d = RetryDelays.fromHeaders(Map.of("retry-after", value, "retry-after-ms", value, "date", value),
          CLOCK);
      assertThat(d == null || !d.isNegative()).isTrue();
      Duration go = RetryDelays.goDuration(value);
      assertThat(go == null || !go.isNegative()).isTrue();
    });
  }

  /** Values at the edges of the delay parsers: signs, overflow, fractions, dates before the clock. */
  static final List<String> DELAY_EDGES = List.of("", "-0", "-1", "0", "1.5", "-1.5", "1e3", "NaN", "Infinity",
      "9223372036854775807", "9223372036854775808", "99999999999999999999", "0.0000001", "-1s", "1h-2m", "9999h",
      "Thu, 01 Jan 1970 00:00:00 GMT", "Wed, 21 Oct 2026 07:26:59 GMT", "Wed, 21 Oct 2026 07:27:00 GMT");
}
