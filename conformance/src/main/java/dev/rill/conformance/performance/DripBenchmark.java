package dev.rill.conformance.performance;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Rule P5.3: one op feeds a body holding one huge content delta to the framer one byte at a time. */
@State(Scope.Benchmark)
public class DripBenchmark {
  /** The subject key. */
  @Param("")
  public String key;

  /** The delta's length: {@code N} or {@code 4N}. */
  @Param({"N", "4N"})
  public String size;

  private PerformanceSubject subject;
  private byte[] body;

  /** Looks the subject up. */
  @Setup
  public void setUp() {
    subject = Subjects.get(key);
    body = size.equals("N") ? subject.hugeN() : subject.huge4N();
  }

  /** Drips the body once. */
  @Benchmark
  public int drip() {
    return OfflineDecode.dripped(subject.provider(), subject.request(), body);
  }
}
