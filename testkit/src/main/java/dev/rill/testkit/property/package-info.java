/**
 * Seeded property checks: {@link dev.rill.testkit.property.Gen generators} over a recorded sequence of choices, a
 * {@link dev.rill.testkit.property.Property runner} that prints the seed and the failing case, replays one case
 * ({@code -Drill.property.seed=<seed>:<case>}) and shrinks a failure to a smallest one (fewer and smaller choices:
 * fewer cuts of a {@link dev.rill.testkit.property.Partition}, fewer mutations, shorter strings), and the
 * {@link dev.rill.testkit.property.Partitions partitions} of a body into reads that Rill's re-chunking properties use.
 *
 * <p>Why Rill has its own (not jqwik, not Jazzer's {@code @FuzzTest}): docs/architecture.md, "Property checks".
 */
package dev.rill.testkit.property;
