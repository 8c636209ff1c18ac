package dev.rill.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A credential, such as an API key, that never shows itself: {@link #toString()} prints {@code Secret[***]},
 * so a secret inside a record, an exception or a log line stays hidden. Only {@link #reveal()} gives the
 * value, for the one place that must put it on the wire.
 *
 * @since 0.1
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps a non-blank credential. */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a secret must not be blank");
    }
    return new Secret(value.strip());
  }

  /** The credential itself. Put it on the wire; never into a message or a log. */
  public String reveal() {
    return value;
  }

  /** Whether {@code text} contains this secret; used to check that nothing leaks it. */
  public boolean isIn(CharSequence text) {
    return text != null && text.toString().contains(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other
        && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0x5ec4e7;
  }

  @Override
  public String toString() {
    return "Secret[***]";
  }
}
