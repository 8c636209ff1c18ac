package dev.rill.testkit.property;

/**
 * A property that failed: the message names the seed, the first failing case and the smallest one shrinking found,
 * and how to replay that case. Its cause is the smallest case's failure.
 */
public final class PropertyFailure extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final transient Seed seed;
  private final transient Object value;

  PropertyFailure(String message, Seed seed, Object value, Throwable cause) {
    super(message, cause);
    this.seed = seed;
    this.value = value;
  }

  /** The smallest failing value (the edge case, when an edge case failed). */
  public Object value() {
    return value;
  }

  /** The seed that replays the failing case alone ({@code <run>:<case>}), or null when an edge case failed. */
  public Seed seed() {
    return seed;
  }
}
