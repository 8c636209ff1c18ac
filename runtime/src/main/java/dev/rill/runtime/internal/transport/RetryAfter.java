package dev.rill.runtime.internal.transport;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Reads a retry delay from response headers: {@code retry-after-ms}, then {@code retry-after} (seconds or an HTTP
 * date). A value that is not one of those forms is ignored, so the caller's back-off applies: a negative number
 * ({@code Retry-After: -5}), a sign, an exponent, {@code NaN} or text. A date in the past means "now" (zero).
 */
public final class RetryAfter {
  private static final Duration MAX = Duration.ofHours(24);
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
  private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000L);

  private RetryAfter() {}

  /** The delay the headers ask for, or null. Never negative; capped at a day. Names are lower case. */
  public static Duration parse(Map<String, String> headers, Clock clock) {
    Duration ms = number(headers.get("retry-after-ms"), NANOS_PER_MILLI);
    if (ms != null) {
      return ms;
    }
    String value = headers.get("retry-after");
    if (value == null || value.isBlank()) {
      return null;
    }
    Duration seconds = number(value, NANOS_PER_SECOND);
    if (seconds != null) {
      return seconds;
    }
    try {
      ZonedDateTime when = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(clock.instant(), when.toInstant());
      return cap(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Digits with at most one decimal point ({@code 20}, {@code 1.5}); anything else, a sign included, is null. */
  private static Duration number(String value, BigDecimal nanosPerUnit) {
    if (value == null) {
      return null;
    }
    String s = value.strip();
    if (s.isEmpty() || s.length() > 24 || s.equals(".")) {
      return null;
    }
    int dots = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        dots++;
      } else if (c < '0' || c > '9') {
        return null;
      }
    }
    if (dots > 1) {
      return null;
    }
    BigDecimal nanos = new BigDecimal(s).multiply(nanosPerUnit);
    return nanos.compareTo(BigDecimal.valueOf(MAX.toNanos())) > 0 ? MAX : Duration.ofNanos(nanos.longValue());
  }

  private static Duration cap(Duration d) {
    return d.compareTo(MAX) > 0 ? MAX : d;
  }
}
