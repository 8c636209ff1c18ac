package dev.rill.testkit.property;

/**
 * One body and a partition of its bytes into reads.
 *
 * @param body the body (a golden, a recording, or the bytes themselves)
 * @param partition how its bytes are cut into reads
 * @param <B> the type of the body
 */
public record Split<B>(B body, Partition partition) {
  @Override
  public String toString() {
    return (body instanceof byte[] b ? Show.bytes(b) : String.valueOf(body)) + ": " + partition;
  }
}
