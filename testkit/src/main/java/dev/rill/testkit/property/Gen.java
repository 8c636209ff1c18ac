package dev.rill.testkit.property;

import java.util.List;
import java.util.function.Function;

/**
 * A generator of values of {@code T} from {@link Choices}. A generator is a plain function of the choices, so values
 * compose by calling other generators in a lambda ({@code c -> new Pair(a.generate(c), b.generate(c))}); every value
 * shrinks, through its choices, whatever the composition. See {@link Gens} for the common ones.
 *
 * @param <T> the type of the values
 */
@FunctionalInterface
public interface Gen<T> {
  /** A value drawn from {@code choices}. */
  T generate(Choices choices);

  /** This generator's values passed through {@code f}. */
  default <R> Gen<R> map(Function<? super T, ? extends R> f) {
    return c -> f.apply(generate(c));
  }

  /** A value of the generator that {@code f} picks for this generator's value. */
  default <R> Gen<R> flatMap(Function<? super T, Gen<R>> f) {
    return c -> f.apply(generate(c)).generate(c);
  }

  /** Lists of {@code min} to {@code max} of this generator's values; they shrink to fewer elements. */
  default Gen<List<T>> list(int min, int max) {
    return Gens.lists(this, min, max);
  }
}
