package dev.rill.conformance.certification;

import dev.rill.conformance.ProviderVerification;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;

/**
 * The test class the {@link Certifier} launches on the JUnit Platform: one dynamic container per provider of the
 * current plan, each holding that provider's rule tests. Not meant to be run on its own (without a plan it has no
 * tests).
 */
public final class CertificationTests {
  private static volatile List<ProviderVerification> plan = List.of();

  /** For the launcher. */
  public CertificationTests() {}

  static void plan(List<ProviderVerification> verifications) {
    plan = List.copyOf(verifications);
  }

  /** Every planned provider's rules. */
  @TestFactory
  Stream<DynamicContainer> certify(TestReporter reporter) {
    return plan.stream().map(v -> v.asContainer(reporter));
  }
}
