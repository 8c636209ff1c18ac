package dev.rill.conformance.performance;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The subjects of a performance run, by key, for the JMH benchmarks of this package: JMH instantiates its state
 * classes itself, in the same JVM ({@code forks(0)}), and they look their subject up here by their {@code key}
 * parameter.
 */
final class Subjects {
  private static final Map<String, PerformanceSubject> BY_KEY = new ConcurrentHashMap<>();

  private Subjects() {}

  static void put(String key, PerformanceSubject subject) {
    BY_KEY.put(key, subject);
  }

  static PerformanceSubject get(String key) {
    PerformanceSubject s = BY_KEY.get(key);
    if (s == null) {
      throw new IllegalStateException("no performance subject '" + key + "' (run the benchmarks through PerformanceRun)");
    }
    return s;
  }

  static void clear() {
    BY_KEY.clear();
  }
}
