package dev.rill.runtime.internal.transport;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Reads a retry delay from response headers: {@code retry-after-ms}, then {@code retry-after} (seconds or date). */
public final class RetryAfter {
  private static final Duration MAX = Duration.ofHours(24);

  private RetryAfter() {}

  /** The delay the headers ask for, or null. Never negative; capped at a day. Names are lower case. */
  public static Duration parse(Map<String, String> headers, Clock clock) {
    String ms = headers.get("retry-after-ms");
    if (ms != null) {
      Duration d = number(ms.strip(), true);
      if (d != null) {
        return cap(d);
      }
    }
    String value = headers.get("retry-after");
    if (value == null || value.isBlank()) {
      return null;
    }
    value = value.strip();
    Duration seconds = number(value, false);
    if (seconds != null) {
      return cap(seconds);
    }
    try {
      ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(clock.instant(), when.toInstant());
      return cap(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Duration number(String s, boolean millis) {
    try {
      double v = Double.parseDouble(s);
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        return null;
      }
      if (v < 0) {
        return Duration.ZERO;
      }
      double nanos = v * (millis ? 1e6 : 1e9);
      return nanos > MAX.toNanos() ? MAX : Duration.ofNanos((long) nanos);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Duration cap(Duration d) {
    return d.compareTo(MAX) > 0 ? MAX : d;
  }
}
