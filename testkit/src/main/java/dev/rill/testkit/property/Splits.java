package dev.rill.testkit.property;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Splits of a fixed list of bodies, as a {@link Gen}: a body (shrinking towards the first), then one of its
 * {@link Partitions}, shaped alike for every body. The bodies' interesting cut points are found once.
 *
 * <pre>{@code
 * Splits<Golden> splits = Splits.of(goldens, Golden::wire, p -> p.emptyReads(true).maxCuts(40));
 * Property.forAll(splits).examples(splits.edgeCases()).tries(200).check(s -> ...);
 * }</pre>
 *
 * @param <B> the type of the bodies
 */
public final class Splits<B> implements Gen<Split<B>> {
  private final List<B> bodies;
  private final List<Partitions> partitions;

  private Splits(List<B> bodies, List<Partitions> partitions) {
    this.bodies = bodies;
    this.partitions = partitions;
  }

  /**
   * Splits of {@code bodies}, whose bytes {@code bytes} gives, with partitions as {@code shape} sets them up (from
   * {@link Partitions#of}'s defaults).
   */
  public static <B> Splits<B> of(List<B> bodies, Function<? super B, byte[]> bytes, UnaryOperator<Partitions> shape) {
    if (bodies.isEmpty()) {
      throw new IllegalArgumentException("no bodies to split");
    }
    List<B> copy = List.copyOf(bodies);
    return new Splits<>(copy, copy.stream().map(b -> shape.apply(Partitions.of(bytes.apply(b)))).toList());
  }

  @Override
  public Split<B> generate(Choices c) {
    int i = (int) c.draw(bodies.size() - 1);
    return new Split<>(bodies.get(i), partitions.get(i).generate(c));
  }

  /** Every body's {@link Partitions#edgeCases() edge cases}. */
  public List<Split<B>> edgeCases() {
    List<Split<B>> out = new ArrayList<>();
    for (int i = 0; i < bodies.size(); i++) {
      for (Partition p : partitions.get(i).edgeCases()) {
        out.add(new Split<>(bodies.get(i), p));
      }
    }
    return out;
  }
}
