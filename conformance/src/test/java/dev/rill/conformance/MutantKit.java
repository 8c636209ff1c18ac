package dev.rill.conformance;

import dev.rill.api.StreamingProvider;
import dev.rill.conformance.internal.FramerFactory;
import dev.rill.conformance.internal.RuleCheck;
import dev.rill.conformance.internal.StreamOpener;
import dev.rill.conformance.reference.ReferenceErrorBodies;
import dev.rill.conformance.rules.RuleCatalogue;
import dev.rill.conformance.rules.RuleId;
import dev.rill.testkit.golden.Golden;
import java.lang.module.ModuleDescriptor;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The kit pointed at a mutant: a {@link ProviderVerification} whose plugin, framers, streams or other seams come from
 * a {@link Setup}. Each self-test declares a nested subclass so the JUnit launcher can instantiate it.
 */
abstract class MutantKit extends ProviderVerification {

  /**
   * What the kit runs against.
   *
   * @param provider the plugin (a mutant or the reference)
   * @param framers the framers offline replays use
   * @param streams how lifecycle rules open streams
   * @param moduleDescriptor an override for rule H0.2, or null for the real one
   * @param extraChecks rule implementations added to the kit's (to break rule H0)
   * @param withTck whether to run rule L4.1 (the Reactive Streams TCK), which is slow
   * @param enhanced whether to run rules L4.10 to L4.12 (the enhanced pipeline's scenarios), which are slow
   * @param http2 whether to run the lifecycle rules over HTTP/2 too (section L6; L6.10 to L6.12 only when
   *     {@code enhanced}): for the mutants that break the lifecycle, and the one that breaks HTTP/2 alone
   */
  record Setup(Supplier<StreamingProvider> provider, FramerFactory framers, StreamOpener streams,
      Supplier<Optional<ModuleDescriptor>> moduleDescriptor, Map<RuleId, RuleCheck> extraChecks, boolean withTck,
      boolean enhanced, boolean http2) {

    static Setup of(Supplier<StreamingProvider> provider) {
      return new Setup(provider, FramerFactory.STANDARD, StreamOpener.STANDARD, null, Map.of(), false, false, false);
    }

    Setup framers(FramerFactory f) {
      return new Setup(provider, f, streams, moduleDescriptor, extraChecks, withTck, enhanced, http2);
    }

    Setup streams(StreamOpener s) {
      return new Setup(provider, framers, s, moduleDescriptor, extraChecks, true, false, true);
    }

    /** Streams broken only in the enhanced pipeline (L4.10 to L4.12): the Reactive Streams TCK need not run. */
    Setup enhancedStreams(StreamOpener s) {
      return new Setup(provider, framers, s, moduleDescriptor, extraChecks, false, true, true);
    }

    /** Runs the HTTP/2 rules (L6) as well, for a plugin mutant that breaks the lifecycle or HTTP/2. */
    Setup overHttp2() {
      return new Setup(provider, framers, streams, moduleDescriptor, extraChecks, withTck, enhanced, true);
    }

    Setup moduleDescriptor(Supplier<Optional<ModuleDescriptor>> d) {
      return new Setup(provider, framers, streams, d, extraChecks, withTck, enhanced, http2);
    }

    Setup extraChecks(Map<RuleId, RuleCheck> c) {
      return new Setup(provider, framers, streams, moduleDescriptor, c, withTck, enhanced, http2);
    }
  }

  private final Setup setup;

  MutantKit(Setup setup) {
    this.setup = setup;
  }

  @Override
  protected StreamingProvider provider() {
    return setup.provider().get();
  }

  @Override
  protected List<ErrorCase> errorBodies() {
    return ReferenceErrorBodies.all();
  }

  @Override
  protected List<Golden> goldens() {
    return super.goldens();
  }

  @Override
  protected ConformanceEnvironment environment() {
    Properties p = new Properties();
    p.setProperty(ConformanceEnvironment.PREFIX + "tries", "15");
    p.setProperty(ConformanceEnvironment.PREFIX + "quiet-millis", "100");
    p.setProperty(ConformanceEnvironment.PREFIX + "timeout-millis", "5000");
    p.setProperty(ConformanceEnvironment.PREFIX + "decode-timeout-millis", "1000");
    p.setProperty(ConformanceEnvironment.PREFIX + "tck-timeout-millis", "200");
    p.setProperty(ConformanceEnvironment.PREFIX + "skip-stochastic", "true");
    String seed = System.getProperty(ConformanceEnvironment.PREFIX + "seed");
    if (seed != null) {
      p.setProperty(ConformanceEnvironment.PREFIX + "seed", seed);
    }
    // Slow rules run only for the mutants that target them: the Reactive Streams TCK (L4.1) for stream mutants, the
    // enhanced pipeline's scenarios (L4.10 to L4.12) for the mutants that break the enhanced pipeline, the HTTP/2
    // pass of the lifecycle rules (L6) for the mutants that break the lifecycle or HTTP/2.
    String rules = setup.withTck() ? "-L4.10,-L4.11,-L4.12" : setup.enhanced() ? "-L4.1" : "-L4.1,-L4.10,-L4.11,-L4.12";
    rules += !setup.http2() ? ",-L6" : setup.enhanced() ? "" : ",-L6.10,-L6.11,-L6.12";
    p.setProperty(ConformanceEnvironment.PREFIX + "rules", rules);
    return ConformanceEnvironment.from(p).withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(100),
        Duration.ofSeconds(1));
  }

  @Override
  FramerFactory framers() {
    return setup.framers();
  }

  @Override
  StreamOpener streams() {
    return setup.streams();
  }

  @Override
  Optional<ModuleDescriptor> moduleDescriptor() {
    return setup.moduleDescriptor() != null ? setup.moduleDescriptor().get() : super.moduleDescriptor();
  }

  @Override
  RuleCatalogue catalogue() {
    return RuleCatalogue.standard();
  }

  @Override
  Map<RuleId, RuleCheck> implementations() {
    Map<RuleId, RuleCheck> all = new HashMap<>(super.implementations());
    all.putAll(setup.extraChecks());
    return all;
  }
}
