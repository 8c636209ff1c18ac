package dev.rill.conformance.internal;

import dev.rill.conformance.rules.RuleId;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registry of rule implementations, keyed by rule id. Rule H0 checks it against the catalogue, so a rule
 * cannot be listed without a check, nor checked without being listed.
 */
public final class RuleChecks {
  private RuleChecks() {}

  /** Every implementation the kit has, plus {@code extra} ones defined elsewhere (the Reactive Streams TCK run). */
  public static Map<RuleId, RuleCheck> standard(Map<RuleId, RuleCheck> extra) {
    Map<RuleId, RuleCheck> checks = new TreeMap<>();
    HarnessChecks.register(checks);
    CapabilityChecks.register(checks);
    WireChecks.register(checks);
    SequenceChecks.register(checks);
    ErrorChecks.register(checks);
    LifecycleChecks.register(checks);
    ResourceChecks.register(checks);
    EnhancedChecks.register(checks);
    PerformanceChecks.register(checks);
    checks.putAll(extra);
    return Collections.unmodifiableMap(checks);
  }

  /** The module descriptor shipped beside {@code type}, if any (for rule H0.2). */
  public static java.util.Optional<java.lang.module.ModuleDescriptor> moduleDescriptorOf(Class<?> type) {
    return HarnessChecks.descriptorOf(type);
  }
}
