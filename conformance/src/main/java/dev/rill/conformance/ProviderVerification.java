package dev.rill.conformance;

import dev.rill.api.Capability;
import dev.rill.api.StreamingProvider;
import dev.rill.conformance.internal.FramerFactory;
import dev.rill.conformance.internal.GoldenSource;
import dev.rill.conformance.internal.RuleCheck;
import dev.rill.conformance.internal.RuleChecks;
import dev.rill.conformance.internal.RuleContext;
import dev.rill.conformance.internal.StreamOpener;
import dev.rill.conformance.report.RuleResult;
import dev.rill.conformance.report.RuleStatus;
import dev.rill.conformance.rules.Level;
import dev.rill.conformance.rules.Rule;
import dev.rill.conformance.rules.RuleCatalogue;
import dev.rill.conformance.rules.RuleId;
import dev.rill.testkit.golden.Golden;
import java.lang.module.ModuleDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;
import org.opentest4j.TestAbortedException;

/**
 * The conformance kit's base class: a plugin's test extends it, supplies {@link #provider()}, and inherits every
 * rule of the catalogue as a test, like the Reactive Streams TCK's {@code PublisherVerification}.
 *
 * <pre>{@code
 * class AcmeProviderConformanceTest extends ProviderVerification {
 *   @Override protected StreamingProvider provider() { return new AcmeProvider(); }
 * }
 * }</pre>
 *
 * <p>The tests are generated from the rule catalogue ({@link RuleCatalogue#standard()}), one dynamic test per rule,
 * named {@code <level>_<id>_<name>} (for example {@code required_W1_6_sentinelMatchedExactly}), so names, the report
 * and the rules document cannot drift apart. A rule that needs a capability or framing the plugin does not declare
 * is aborted with {@code capability X not declared}; an untested rule is aborted with its reason; an optional rule
 * that does not hold is aborted, not failed. Every result is published as a JUnit report entry
 * ({@link RuleResult#toJson()} under {@code rill.rule.<id>}), which {@code rill certify} collects.
 *
 * <p>Overridable: {@link #goldens()} (the plugin's golden transcripts), {@link #errorBodies()} (recorded error
 * responses and the kinds they must get), {@link #capabilities()} (what the rules may assume), and
 * {@link #environment()} (timeouts, tries and seed, from {@code rill.conformance.*} system properties).
 *
 * @since 0.1
 */
public abstract class ProviderVerification {

  /** The plugin under test; may return a new instance on each call. */
  protected abstract StreamingProvider provider();

  /**
   * The golden transcripts the rules replay; by default the plugin's own, from its class loader, or, for a provider
   * that ships none, those of the provider of the same family in the same jar (a catalogue row shares its
   * family's goldens and decoder; rule H0.4 checks the sibling).
   */
  protected List<Golden> goldens() {
    return GoldenSource.forProvider(provider());
  }

  /**
   * Provider options the runtime is configured with for every rule that goes through it, e.g.
   * {@code Map.of("project", "conformance-project")} for a plugin that requires a project id. Default: none.
   */
  protected Map<String, String> providerOptions() {
    return Map.of();
  }

  /**
   * Recorded error responses with the kind (and provider code) each must be classified as, for rule E3.2. The
   * default is the shared generic table ({@link ErrorCases#generic()}); override with the provider's documented or
   * recorded error bodies, e.g. a quota 429 that must be QUOTA_EXHAUSTED.
   */
  protected List<ErrorCase> errorBodies() {
    return ErrorCases.generic();
  }

  /** The capabilities the rules may rely on; by default the ones the plugin declares. */
  protected Set<Capability> capabilities() {
    return provider().info().capabilities();
  }

  /** Timeouts, property tries and seed; by default from the {@code rill.conformance.*} system properties. */
  protected ConformanceEnvironment environment() {
    return ConformanceEnvironment.fromSystemProperties();
  }

  // ---- seams for the kit's own tests (mutant framers and streams); package-private on purpose

  FramerFactory framers() {
    return FramerFactory.STANDARD;
  }

  StreamOpener streams() {
    return StreamOpener.STANDARD;
  }

  Optional<ModuleDescriptor> moduleDescriptor() {
    return RuleChecks.moduleDescriptorOf(provider().getClass());
  }

  RuleCatalogue catalogue() {
    return RuleCatalogue.standard();
  }

  Map<RuleId, RuleCheck> implementations() {
    return RuleChecks.standard(Map.of(RuleId.parse("L4.1"), ReactiveStreamsTck::check,
        RuleId.parse("L4.9"), ReactiveStreamsTck::serialSignals));
  }

  // ---- the generated tests

  private final List<RuleResult> results = Collections.synchronizedList(new ArrayList<>());

  /** Every rule of the catalogue, one dynamic test each. */
  @TestFactory
  Stream<DynamicTest> rules(TestReporter reporter) {
    StreamingProvider provider = provider();
    ConformanceEnvironment env = environment();
    Map<RuleId, RuleCheck> checks = implementations();
    RuleCatalogue catalogue = catalogue();
    RuleContext ctx = new RuleContext(provider, goldens(), errorBodies(), capabilities(), env, framers(), streams(),
        this::moduleDescriptor, catalogue, checks.keySet(), providerOptions());
    reporter.publishEntry("rill.provider", provider.info().id());
    reporter.publishEntry("rill.environment", env.toString());
    return catalogue.rules().stream().map(rule -> DynamicTest.dynamicTest(rule.testName(),
        () -> run(rule, checks.get(rule.id()), ctx, reporter)));
  }

  /**
   * This verification's rule tests as one dynamic container named after the provider id, for a test that certifies
   * several providers (a catalogue) from one {@code @TestFactory}:
   *
   * <pre>{@code
   * @TestFactory
   * Stream<DynamicContainer> catalogue(TestReporter reporter) {
   *   return new AcmeBundle().providers().stream()
   *       .map(p -> ProviderVerification.forProvider(p).asContainer(reporter));
   * }
   * }</pre>
   */
  public final DynamicContainer asContainer(TestReporter reporter) {
    return DynamicContainer.dynamicContainer(provider().info().id(), rules(reporter));
  }

  /** A verification of {@code provider} with the kit's defaults, configured with its {@code with...} methods. */
  public static Configured forProvider(StreamingProvider provider) {
    return new Configured(provider, null, ErrorCases.generic(), Map.of(), null);
  }

  /**
   * A {@link ProviderVerification} configured by values rather than by overriding: for catalogues (one per row) and
   * for the certification runner. Immutable; each {@code with...} returns a copy.
   */
  public static final class Configured extends ProviderVerification {
    private final StreamingProvider provider;
    private final List<Golden> goldens;
    private final List<ErrorCase> errorBodies;
    private final Map<String, String> options;
    private final ConformanceEnvironment environment;

    private Configured(StreamingProvider provider, List<Golden> goldens, List<ErrorCase> errorBodies,
        Map<String, String> options, ConformanceEnvironment environment) {
      this.provider = java.util.Objects.requireNonNull(provider, "provider");
      this.goldens = goldens == null ? null : List.copyOf(goldens);
      this.errorBodies = List.copyOf(errorBodies);
      this.options = Map.copyOf(options);
      this.environment = environment;
    }

    /** A copy that replays these goldens instead of the plugin's own. */
    public Configured withGoldens(List<Golden> value) {
      return new Configured(provider, value, errorBodies, options, environment);
    }

    /** A copy with these recorded error bodies (rule E3.2). */
    public Configured withErrorBodies(List<ErrorCase> value) {
      return new Configured(provider, goldens, value, options, environment);
    }

    /** A copy with these provider options. */
    public Configured withOptions(Map<String, String> value) {
      return new Configured(provider, goldens, errorBodies, value, environment);
    }

    /** A copy with this environment instead of the system properties'. */
    public Configured withEnvironment(ConformanceEnvironment value) {
      return new Configured(provider, goldens, errorBodies, options, value);
    }

    @Override
    protected StreamingProvider provider() {
      return provider;
    }

    @Override
    protected List<Golden> goldens() {
      return goldens != null ? goldens : super.goldens();
    }

    @Override
    protected List<ErrorCase> errorBodies() {
      return errorBodies;
    }

    @Override
    protected Map<String, String> providerOptions() {
      return options;
    }

    @Override
    protected ConformanceEnvironment environment() {
      return environment != null ? environment : super.environment();
    }
  }

  /** The results of the rules run so far by this instance, in run order. */
  public List<RuleResult> results() {
    synchronized (results) {
      return List.copyOf(results);
    }
  }

  private void run(Rule rule, RuleCheck check, RuleContext ctx, TestReporter reporter) throws Throwable {
    long start = System.nanoTime();
    ctx.takeSeed();
    RuleStatus status = RuleStatus.PASS;
    String message = "";
    try {
      String skip = skipReason(rule, ctx);
      if (skip != null) {
        status = rule.level() == Level.UNTESTED ? RuleStatus.SKIPPED_UNTESTED
            : skip.startsWith("capability") || skip.startsWith("framing") ? RuleStatus.SKIPPED_CAPABILITY
            : RuleStatus.SKIPPED_NOT_SELECTED;
        message = skip;
        Assumptions.abort(skip);
      }
      if (check == null) {
        status = RuleStatus.FAIL;
        message = "the kit has no implementation of rule " + rule.id() + " (see rule H0)";
        throw new AssertionError(message);
      }
      try {
        check.check(ctx);
      } catch (TestAbortedException e) {
        status = RuleStatus.SKIPPED_NOT_APPLICABLE;
        message = e.getMessage();
        throw e;
      } catch (AssertionError | Exception e) {
        message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (rule.level() == Level.OPTIONAL) {
          status = RuleStatus.SKIPPED_OPTIONAL;
          Assumptions.abort("optional rule §" + rule.id() + " does not hold: " + message);
        }
        status = RuleStatus.FAIL;
        throw new AssertionError("§" + rule.id() + " " + rule.statement() + "\nPlugin '" + ctx.id() + "': "
            + message + "\nIf this fails, check: " + rule.hint(), e);
      }
    } finally {
      RuleResult result = new RuleResult(ctx.id(), rule.id(), rule.level(), rule.testName(), status, message,
          ctx.takeSeed(), Duration.ofNanos(System.nanoTime() - start));
      results.add(result);
      reporter.publishEntry(result.entryKey(), result.toJson());
    }
  }

  private static String skipReason(Rule rule, RuleContext ctx) {
    if (rule.level() == Level.UNTESTED) {
      return "untested: " + rule.reason();
    }
    if (!ctx.environment().selects(rule.id())) {
      return "not selected by " + ConformanceEnvironment.PREFIX + "rules=" + ctx.environment().selection();
    }
    if (rule.level() == Level.STOCHASTIC && ctx.environment().skipStochastic()) {
      return "not selected: stochastic rules are skipped (" + ConformanceEnvironment.PREFIX + "skip-stochastic)";
    }
    Optional<Capability> capability = rule.requirement().neededCapability();
    if (capability.isPresent() && !ctx.capabilities().contains(capability.get())) {
      return "capability " + capability.get() + " not declared";
    }
    if (rule.requirement().neededFraming().isPresent() && rule.requirement().framing() != ctx.framing()) {
      return "framing " + rule.requirement().framing() + " not declared (the plugin's framing is " + ctx.framing()
          + ")";
    }
    return null;
  }
}
