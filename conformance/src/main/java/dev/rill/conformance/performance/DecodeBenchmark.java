package dev.rill.conformance.performance;

import dev.rill.api.ChatRequest;
import dev.rill.api.StreamingProvider;
import dev.rill.conformance.reference.ReferenceProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rules P5.1 and P5.2: one op decodes a whole stream body offline (framer and decoder). The key names the subject;
 * a key ending in {@value PerformanceRun#REFERENCE_SUFFIX} decodes the subject's reference body with the kit's
 * reference plugin.
 */
@State(Scope.Benchmark)
public class DecodeBenchmark {
  /** The subject key. */
  @Param("")
  public String key;

  private StreamingProvider provider;
  private ChatRequest request;
  private byte[] body;

  /** Looks the subject up. */
  @Setup
  public void setUp() {
    boolean reference = key.endsWith(PerformanceRun.REFERENCE_SUFFIX);
    PerformanceSubject s = Subjects.get(reference ? key.substring(0, key.length()
        - PerformanceRun.REFERENCE_SUFFIX.length()) : key);
    provider = reference ? new ReferenceProvider() : s.provider();
    request = reference ? PerformanceSubject.REFERENCE_REQUEST : s.request();
    body = reference ? s.referenceBody() : s.body();
  }

  /** Decodes the body once. */
  @Benchmark
  public int decode() {
    return OfflineDecode.whole(provider, request, body);
  }
}
