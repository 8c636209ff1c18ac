package dev.rill.provider.support;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Retry delays from response headers: {@code retry-after-ms} (milliseconds), {@code retry-after} (seconds or an
 * HTTP date, counted from the response's {@code date} header when there is one), and duration strings such as
 * OpenAI's {@code x-ratelimit-reset-*} ({@code 1s}, {@code 6m0s}, {@code 20ms}). Header names are matched ignoring
 * case. Every parser returns null for what it cannot read, never a negative delay, and nothing over a year.
 *
 * @since 0.1
 */
public final class RetryDelays {

  /** The longest delay read: anything beyond is taken as garbage. */
  public static final Duration MAX = Duration.ofDays(365);

  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
  private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000L);
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|h|m|s)");

  private RetryDelays() {}

  /** {@code retry-after-ms}, else {@code retry-after}; null when neither gives a delay. */
  public static Duration fromHeaders(Map<String, String> headers) {
    return fromHeaders(headers, Clock.systemUTC());
  }

  /**
   * {@code retry-after-ms}, else {@code retry-after} (seconds, or an HTTP date counted from the {@code date} header,
   * else from {@code clock}); null when neither gives a delay.
   */
  public static Duration fromHeaders(Map<String, String> headers, Clock clock) {
    if (headers == null || headers.isEmpty()) {
      return null;
    }
    Duration ms = millis(header(headers, "retry-after-ms"));
    if (ms != null) {
      return ms;
    }
    String after = header(headers, "retry-after");
    Duration seconds = seconds(after);
    if (seconds != null) {
      return seconds;
    }
    Instant at = httpDate(after);
    return at == null ? null : until(responseTime(headers, clock), at);
  }

  /** A header's value, stripped, looked up ignoring case; null when absent. */
  public static String header(Map<String, String> headers, String name) {
    if (headers == null) {
      return null;
    }
    String v = headers.get(name);
    if (v == null) {
      for (Map.Entry<String, String> e : headers.entrySet()) {
        if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
          v = e.getValue();
          break;
        }
      }
    }
    return v == null ? null : v.strip();
  }

  /** A non-negative decimal number of milliseconds ({@code 1500}, {@code 20.5}); else null. */
  public static Duration millis(String value) {
    return decimal(value, NANOS_PER_MILLI);
  }

  /** A non-negative decimal number of seconds ({@code 20}, {@code 1.5}); else null. */
  public static Duration seconds(String value) {
    return decimal(value, NANOS_PER_SECOND);
  }

  /** An HTTP date (RFC 1123, {@code Wed, 21 Oct 2026 07:28:00 GMT}), or null. */
  public static Instant httpDate(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** When the response was sent: its {@code date} header, else the clock's now. */
  public static Instant responseTime(Map<String, String> headers, Clock clock) {
    Instant date = httpDate(header(headers, "date"));
    return date != null ? date : clock.instant();
  }

  /** The delay from {@code now} until {@code at}; zero when {@code at} is past, null when over {@link #MAX}. */
  public static Duration until(Instant now, Instant at) {
    Duration d = Duration.between(now, at);
    if (d.isNegative()) {
      return Duration.ZERO;
    }
    return d.compareTo(MAX) > 0 ? null : d;
  }

  /**
   * A duration string of number-unit parts ({@code h}, {@code m}, {@code s}, {@code ms}, {@code us}/{@code µs},
   * {@code ns}), as Go prints them: {@code 1s}, {@code 6m0s}, {@code 20ms}, {@code 1h2m3.5s}; null if it is not one.
   */
  public static Duration goDuration(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    Matcher m = DURATION_PART.matcher(value);
    int at = 0;
    double nanos = 0;
    while (at < value.length()) {
      if (!m.find(at) || m.start() != at) {
        return null;
      }
      double n = Double.parseDouble(m.group(1));
      nanos += n * switch (m.group(2)) {
        case "h" -> 3_600e9;
        case "m" -> 60e9;
        case "s" -> 1e9;
        case "ms" -> 1e6;
        case "us", "µs" -> 1e3;
        default -> 1;
      };
      at = m.end();
    }
    if (nanos > MAX.toNanos()) {
      return null;
    }
    return Duration.ofNanos(Math.round(nanos));
  }

  private static Duration decimal(String value, BigDecimal nanosPerUnit) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    if (v.isEmpty() || v.length() > 24) {
      return null;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if ((c < '0' || c > '9') && c != '.') {
        return null;
      }
    }
    try {
      BigDecimal nanos = new BigDecimal(v).multiply(nanosPerUnit);
      if (nanos.compareTo(BigDecimal.valueOf(MAX.toNanos())) > 0) {
        return null;
      }
      return Duration.ofNanos(nanos.longValue());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
