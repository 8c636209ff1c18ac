package dev.rill.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler reporting the CPU time of the whole benchmark JVM (every thread: the caller, I/O threads, JIT and
 * GC) per operation, {@code cpu.ns/op}, and the share of one core it used, {@code cpu.cores}. With
 * {@code @OperationsPerInvocation} set to the events of a stream, that is CPU nanoseconds per event. The loopback
 * server runs in another process, so none of its CPU is counted.
 *
 * <pre>{@code -prof dev.rill.benchmarks.ProcessCpuProfiler}</pre>
 */
public final class ProcessCpuProfiler implements InternalProfiler {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private long cpuStart;
  private long wallStart;

  @Override
  public String getDescription() {
    return "CPU time of the whole benchmark JVM per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    cpuStart = OS.getProcessCpuTime();
    wallStart = System.nanoTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
      IterationParams iterationParams, IterationResult result) {
    long cpu = OS.getProcessCpuTime() - cpuStart;
    long wall = System.nanoTime() - wallStart;
    long ops = result.getMetadata().getAllOps();
    return List.of(
        new ScalarResult("cpu.ns/op", ops == 0 ? Double.NaN : (double) cpu / ops, "ns/op", AggregationPolicy.AVG),
        new ScalarResult("cpu.cores", wall == 0 ? Double.NaN : (double) cpu / wall, "cores", AggregationPolicy.AVG));
  }
}
