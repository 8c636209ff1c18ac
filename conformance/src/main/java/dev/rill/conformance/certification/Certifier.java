// Why one file of about 630 lines: one certification run in order (discover the plugins and their class loader,
// run each one's rules through the JUnit Platform, measure the performance rules with JMH, assemble the report), with
// its Builder; each step is a method reading the run's shared state. The listener, report and JMH run are classes
// of their own (CertificationReport, PerformanceRun).

package dev.rill.conformance.certification;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.rill.api.Capability;
import dev.rill.api.ProviderBundle;
import dev.rill.api.StreamingProvider;
import dev.rill.conformance.ConformanceEnvironment;
import dev.rill.conformance.ErrorCases;
import dev.rill.conformance.ProviderVerification;
import dev.rill.conformance.internal.GoldenSource;
import dev.rill.conformance.performance.PerformanceRun;
import dev.rill.conformance.performance.PerformanceSubject;
import dev.rill.conformance.report.RuleResult;
import dev.rill.conformance.report.RuleStatus;
import dev.rill.conformance.rules.RuleCatalogue;
import dev.rill.testkit.golden.Golden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The certification runner behind {@code rill certify}: discovers provider plugins (on the class path, and in extra
 * jars loaded in a child {@link URLClassLoader}), runs every rule of the kit for each through the JUnit Platform
 * Launcher, measures the performance rules with JMH against the kit's reference plugin in the same run, and returns a
 * {@link CertificationReport} (which can write {@code certification.json} and {@code certification.html}).
 *
 * <pre>{@code
 * CertificationReport report = Certifier.builder().jar(Path.of("acme-provider.jar")).quick(true)
 *     .progress(System.out::println).build().run();
 * report.write(Path.of("target/certification"));
 * System.exit(report.certified() ? 0 : 1);
 * }</pre>
 *
 * <p>Which providers: the ids given; else, when jars are given, every provider those jars contribute; else every
 * provider on the class path. Providers that share a provider class and borrow the goldens of the same sibling
 * (the rows of an OpenAI-compatible catalogue) are certified in full for the sibling and for the first row, and on
 * their H rules (id, services entry, base URL and key) for the others, which say whose full run they share.
 *
 * @since 0.1
 */
public final class Certifier {
  /** Provider options every provider is configured with (read by name; plugins ignore the ones they do not use). */
  public static final Map<String, String> DEFAULT_OPTIONS = Map.of("project", "rill-conformance");

  private final List<String> ids;
  private final Set<String> excluded;
  private final List<Path> jars;
  private final boolean quick;
  private final boolean performance;
  private final Consumer<String> progress;
  private final ClassLoader parent;
  private final Map<String, Map<String, String>> options;

  private Certifier(Builder b) {
    this.ids = List.copyOf(b.ids);
    this.excluded = Set.copyOf(b.excluded);
    this.jars = List.copyOf(b.jars);
    this.quick = b.quick;
    this.performance = b.performance;
    this.progress = b.progress;
    this.parent = b.parent != null ? b.parent : Certifier.class.getClassLoader();
    this.options = Map.copyOf(b.options);
  }

  /** A builder with no provider ids and no jars (every class-path provider), full settings, no progress. */
  public static Builder builder() {
    return new Builder();
  }

  /** A provider that could not be certified because it was not found or did not load. */
  public static final class UnknownProviderException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UnknownProviderException(String message) {
      super(message);
    }
  }

  /** Runs the certification; throws {@link UnknownProviderException} for an unknown id or an empty selection. */
  public CertificationReport run() {
    Instant started = Instant.now();
    URLClassLoader child = jars.isEmpty() ? null : new URLClassLoader(urls(jars), parent);
    ClassLoader loader = child != null ? child : parent;
    Thread thread = Thread.currentThread();
    ClassLoader previousContext = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      List<Discovered> all = discover(loader);
      List<Discovered> chosen = choose(all, child);
      List<Planned> plan = plan(chosen);
      List<ProviderCertification> certified = execute(plan);
      return new CertificationReport(started, Instant.now(), quick, kitVersion(), catalogueVersion(),
          certified.stream().sorted(Comparator.comparing(ProviderCertification::id)).toList(),
          jars.stream().map(p -> p.toAbsolutePath().toString()).toList());
    } finally {
      thread.setContextClassLoader(previousContext);
      if (child != null) {
        try {
          child.close();
        } catch (IOException e) {
          // nothing to do
        }
      }
    }
  }

  // ---------------------------------------------------------------- discovery

  private record Discovered(StreamingProvider provider, URL location) {
    String id() {
      return provider.info().id();
    }
  }

  private static URL[] urls(List<Path> jars) {
    URL[] out = new URL[jars.size()];
    for (int i = 0; i < jars.size(); i++) {
      Path p = jars.get(i);
      if (!Files.isRegularFile(p)) {
        throw new UnknownProviderException("no jar at " + p);
      }
      try {
        out[i] = p.toUri().toURL();
      } catch (MalformedURLException e) {
        throw new UnknownProviderException("bad jar path " + p + ": " + e.getMessage());
      }
    }
    return out;
  }

  private List<Discovered> discover(ClassLoader loader) {
    Map<String, Discovered> byId = new TreeMap<>();
    Consumer<StreamingProvider> add = p -> byId.putIfAbsent(p.info().id(), new Discovered(p, location(p.getClass())));
    ServiceLoader.load(StreamingProvider.class, loader).stream().forEach(p -> {
      try {
        add.accept(p.get());
      } catch (ServiceConfigurationError | RuntimeException e) {
        progress.accept("warning: a provider did not load: " + e.getMessage());
      }
    });
    ServiceLoader.load(ProviderBundle.class, loader).stream().forEach(p -> {
      try {
        p.get().providers().forEach(add);
      } catch (ServiceConfigurationError | RuntimeException e) {
        progress.accept("warning: a provider bundle did not load: " + e.getMessage());
      }
    });
    return new ArrayList<>(byId.values());
  }

  private List<Discovered> choose(List<Discovered> all, URLClassLoader child) {
    List<Discovered> chosen = new ArrayList<>();
    if (!ids.isEmpty()) {
      for (String id : new TreeSet<>(ids)) {
        Discovered d = all.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow(() ->
            new UnknownProviderException("no provider '" + id + "' was discovered; known: "
                + all.stream().map(Discovered::id).toList()));
        chosen.add(d);
      }
    } else if (child != null) {
      for (Discovered d : all) {
        if (d.provider().getClass().getClassLoader() == child) {
          chosen.add(d);
        }
      }
      if (chosen.isEmpty()) {
        throw new UnknownProviderException("the jars " + jars + " contribute no provider (no META-INF/services/"
            + StreamingProvider.class.getName() + " or " + ProviderBundle.class.getName() + " entry)");
      }
    } else {
      chosen.addAll(all);
    }
    for (String id : excluded) {
      if (all.stream().noneMatch(x -> x.id().equals(id))) {
        throw new UnknownProviderException("--exclude " + id + ": no such provider was discovered");
      }
    }
    chosen.removeIf(d -> excluded.contains(d.id()));
    if (chosen.isEmpty()) {
      throw new UnknownProviderException("no provider left to certify");
    }
    return chosen;
  }

  // ---------------------------------------------------------------- planning

  /**
   * One provider's place in the run.
   *
   * @param sharedWith for a catalogue row checked on its H rules only: whose full runs it shares
   * @param tckSharedWith for a provider whose decoder and goldens a sibling in the run shares: the sibling, on which
   *     the Reactive Streams TCK rules (L4.1, L4.9) ran
   */
  private record Planned(Discovered d, ProviderVerification.Configured verification, List<Golden> goldens,
      String goldenOwner, String sharedWith, String tckSharedWith) {}

  private List<Planned> plan(List<Discovered> chosen) {
    ConformanceEnvironment base = environment();
    List<Planned> out = new ArrayList<>();
    Map<String, String> firstRow = new LinkedHashMap<>(); // class + golden owner -> the row run (almost) in full
    for (Discovered d : chosen) {
      StreamingProvider p = d.provider();
      List<Golden> goldens = GoldenSource.forProvider(p);
      String owner = goldens.isEmpty() ? p.info().id() : goldens.get(0).providerId();
      boolean ownerInRun = !owner.equals(p.info().id()) && chosen.stream().anyMatch(x -> x.id().equals(owner));
      String sharedWith = null;
      String tckSharedWith = null;
      if (ownerInRun) {
        boolean sameClass = chosen.stream().anyMatch(x -> x.id().equals(owner)
            && x.provider().getClass() == p.getClass());
        String group = p.getClass().getName() + "|" + owner;
        if (sameClass && firstRow.containsKey(group)) {
          sharedWith = owner + " and " + firstRow.get(group);
        } else {
          if (sameClass) {
            firstRow.put(group, p.info().id());
          }
          tckSharedWith = owner;
        }
      }
      ConformanceEnvironment env = sharedWith != null ? base.withSelection(List.of("H"))
          : tckSharedWith != null ? base.withSelection(List.of("-L4.1", "-L4.9")) : base;
      Map<String, String> opts = new LinkedHashMap<>(DEFAULT_OPTIONS);
      opts.putAll(options.getOrDefault(p.info().id(), Map.of()));
      ProviderVerification.Configured v = ProviderVerification.forProvider(p).withGoldens(goldens)
          .withErrorBodies(ErrorCases.generic()).withOptions(opts).withEnvironment(env);
      out.add(new Planned(d, v, goldens, owner, sharedWith, tckSharedWith));
    }
    return out;
  }

  private ConformanceEnvironment environment() {
    ConformanceEnvironment env = ConformanceEnvironment.fromSystemProperties();
    if (quick && System.getProperty(ConformanceEnvironment.PREFIX + "tries") == null) {
      env = env.withTries(15);
    }
    if (quick) {
      // a smoke run: the stochastic rules (they may give a false pass anyway) run in the kit's own build
      boolean skip = System.getProperty(ConformanceEnvironment.PREFIX + "skip-stochastic") == null
          || env.skipStochastic();
      long tck = System.getProperty(ConformanceEnvironment.PREFIX + "tck-timeout-millis") == null ? 200
          : env.tckTimeoutMillis();
      env = env.withStochastic(skip, tck);
      if (System.getProperty(ConformanceEnvironment.PREFIX + "quiet-millis") == null) {
        env = env.withTimeouts(env.timeout(), java.time.Duration.ofMillis(100), env.decodeTimeout());
      }
    }
    return env;
  }

  // ---------------------------------------------------------------- execution

  private List<ProviderCertification> execute(List<Planned> plan) {
    CertificationTests.plan(plan.stream().map(p -> (ProviderVerification) p.verification()).toList());
    Progress listener = new Progress(plan, progress);
    try {
      LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
          .selectors(selectClass(CertificationTests.class))
          .filters(EngineFilter.includeEngines("junit-jupiter"))
          .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
          .configurationParameter("junit.platform.output.capture.stdout", "false")
          .build();
      LauncherFactory.create().execute(request, listener);
    } finally {
      CertificationTests.plan(List.of());
    }
    Map<String, List<PerformanceRun.Measurement>> measured = new LinkedHashMap<>();
    List<Planned> measuredPlan = plan.stream().filter(p -> p.sharedWith() == null).toList();
    if (performance && !measuredPlan.isEmpty()) {
      PerformanceRun.Settings settings = quick ? PerformanceRun.Settings.quick() : PerformanceRun.Settings.full();
      List<PerformanceSubject> subjects = new ArrayList<>();
      for (Planned p : measuredPlan) {
        Map<String, String> opts = new LinkedHashMap<>(DEFAULT_OPTIONS);
        opts.putAll(options.getOrDefault(p.d().id(), Map.of()));
        subjects.add(PerformanceSubject.of(p.d().provider(), opts, settings.hugeChars()));
      }
      List<List<PerformanceRun.Measurement>> results = PerformanceRun.measure(subjects, settings,
          line -> progress.accept("performance: " + line));
      for (int i = 0; i < subjects.size(); i++) {
        measured.put(subjects.get(i).id(), results.get(i));
      }
    }
    List<ProviderCertification> out = new ArrayList<>();
    for (Planned p : plan) {
      out.add(certification(p, listener.millis(p.d().id()), measured.getOrDefault(p.d().id(), List.of())));
    }
    return out;
  }

  private ProviderCertification certification(Planned p, long millis, List<PerformanceRun.Measurement> perf) {
    StreamingProvider provider = p.d().provider();
    Map<String, RuleResult> byRule = new LinkedHashMap<>();
    for (RuleResult r : p.verification().results()) {
      RuleResult result = r;
      if (p.sharedWith() != null && r.status() == RuleStatus.SKIPPED_NOT_SELECTED) {
        result = new RuleResult(r.providerId(), r.ruleId(), r.level(), r.testName(), r.status(), "shares the decoder ("
            + provider.getClass().getSimpleName() + ") and goldens of '" + p.goldenOwner() + "'; the full rule set "
            + "ran for " + p.sharedWith(), r.seed(), r.duration());
      } else if (p.tckSharedWith() != null && r.status() == RuleStatus.SKIPPED_NOT_SELECTED) {
        result = new RuleResult(r.providerId(), r.ruleId(), r.level(), r.testName(), r.status(), "the Reactive "
            + "Streams TCK rules depend only on the decoder and goldens, shared with '" + p.tckSharedWith()
            + "', where they ran", r.seed(), r.duration());
      }
      byRule.put(r.ruleId().toString(), result);
    }
    for (PerformanceRun.Measurement m : perf) {
      byRule.put(m.rule().toString(), m.toRuleResult(provider.info().id(), java.time.Duration.ZERO));
    }
    if (perf.isEmpty() && p.sharedWith() == null && !performance) {
      for (String id : List.of("P5.1", "P5.2", "P5.3", "P5.4")) {
        RuleResult r = byRule.get(id);
        if (r != null) {
          byRule.put(id, new RuleResult(r.providerId(), r.ruleId(), r.level(), r.testName(),
              RuleStatus.SKIPPED_NOT_SELECTED, "performance rules switched off for this run", null, r.duration()));
        }
      }
    }
    List<RuleResult> ordered = new ArrayList<>();
    RuleCatalogue.standard().rules().forEach(rule -> {
      RuleResult r = byRule.get(rule.id().toString());
      if (r != null) {
        ordered.add(r);
      }
    });
    List<String> caps = provider.info().capabilities().stream().map(Capability::name).sorted().toList();
    return new ProviderCertification(provider.info().id(), provider.info().displayName(), provider.info().family(),
        provider.info().framing().name(), provider.getClass().getName(), pluginVersion(provider.getClass()),
        p.d().location() == null ? "unknown" : p.d().location().toString(), caps, p.goldenOwner(), p.goldens().size(),
        fixtureHash(p.goldens()), p.sharedWith(), ordered, perf, millis);
  }

  /**
   * Prints a line per rule group as it finishes ({@code [2/8] anthropic  W: wire decoding...  11 pass 0 fail 1 skipped
   * 2.3 s}), then one per provider with its totals, so a run of a minute or more is never silent.
   */
  private static final class Progress implements TestExecutionListener {
    private static final java.util.regex.Pattern RULE_TEST =
        java.util.regex.Pattern.compile("^(?:required|optional|stochastic|untested)_([A-Z])\\d.*");

    private final Consumer<String> out;
    private final int total;
    private final Map<String, Long> millis = new ConcurrentHashMap<>();
    private int index;
    private String provider;
    private long start;
    private int pass;
    private int fail;
    private int skip;
    private final List<String> failed = new ArrayList<>();
    private final Set<String> ids;
    private char group;
    private long groupStart;
    private int groupPass;
    private int groupFail;
    private int groupSkip;

    Progress(List<Planned> plan, Consumer<String> out) {
      this.out = out;
      this.total = plan.size();
      this.ids = new java.util.HashSet<>(plan.stream().map(p -> p.d().id()).toList());
    }

    long millis(String id) {
      return millis.getOrDefault(id, 0L);
    }

    @Override
    public void executionStarted(TestIdentifier t) {
      if (t.isContainer() && ids.contains(t.getDisplayName())) {
        index++;
        provider = t.getDisplayName();
        start = System.nanoTime();
        pass = fail = skip = 0;
        failed.clear();
        group = 0;
      } else if (t.isTest()) {
        enterGroup(groupOf(t));
      }
    }

    @Override
    public void executionSkipped(TestIdentifier t, String reason) {
      if (t.isTest()) {
        enterGroup(groupOf(t));
        skip++;
        groupSkip++;
      }
    }

    @Override
    public void executionFinished(TestIdentifier t, TestExecutionResult result) {
      if (t.isTest()) {
        switch (result.getStatus()) {
          case SUCCESSFUL -> {
            pass++;
            groupPass++;
          }
          case ABORTED -> {
            skip++;
            groupSkip++;
          }
          case FAILED -> {
            fail++;
            groupFail++;
            failed.add(t.getDisplayName());
          }
        }
        return;
      }
      if (t.isContainer() && ids.contains(t.getDisplayName())) {
        endGroup();
        long ms = (System.nanoTime() - start) / 1_000_000;
        millis.put(t.getDisplayName(), ms);
        out.accept(String.format(java.util.Locale.ROOT, "[%d/%d] %-24s %3d pass %2d fail %3d skipped  %5.1f s%s",
            index, total, t.getDisplayName(), pass, fail, skip, ms / 1000.0,
            failed.isEmpty() ? "" : "  FAILED: " + String.join(", ", failed)));
      }
    }

    private static char groupOf(TestIdentifier t) {
      java.util.regex.Matcher m = RULE_TEST.matcher(t.getDisplayName());
      return m.matches() ? m.group(1).charAt(0) : '?';
    }

    /** A test of {@code next}'s group starts: the group before it, if another, is done. */
    private void enterGroup(char next) {
      if (next == group || provider == null) {
        return;
      }
      endGroup();
      group = next;
      groupStart = System.nanoTime();
      groupPass = groupFail = groupSkip = 0;
    }

    private void endGroup() {
      if (group == 0) {
        return;
      }
      String title = group == '?' ? "other checks" : dev.rill.conformance.rules.RuleDocs.groupTitle(group);
      out.accept(String.format(java.util.Locale.ROOT, "[%d/%d] %-24s   %-40s %3d pass %2d fail %3d skipped  %5.1f s",
          index, total, provider, title.length() > 40 ? title.substring(0, 39) + "\u2026" : title, groupPass, groupFail,
          groupSkip, (System.nanoTime() - groupStart) / 1e9));
      group = 0;
    }
  }

  // ---------------------------------------------------------------- versions and hashes

  static URL location(Class<?> type) {
    CodeSource s = type.getProtectionDomain() == null ? null : type.getProtectionDomain().getCodeSource();
    return s == null ? null : s.getLocation();
  }

  static String pluginVersion(Class<?> type) {
    Package pkg = type.getPackage();
    if (pkg != null && pkg.getImplementationVersion() != null) {
      return pkg.getImplementationVersion();
    }
    URL location = location(type);
    if (location != null && location.getPath().endsWith(".jar")) {
      try (JarFile jar = new JarFile(Path.of(location.toURI()).toFile())) {
        var manifest = jar.getManifest();
        String v = manifest == null ? null : manifest.getMainAttributes().getValue("Implementation-Version");
        if (v != null) {
          return v;
        }
        return Path.of(location.toURI()).getFileName().toString();
      } catch (IOException | java.net.URISyntaxException e) {
        return "unknown";
      }
    }
    return location == null ? "unknown" : "classes (" + location.getPath() + ")";
  }

  /** The kit's version, from its jar's Maven metadata. */
  public static String kitVersion() {
    try (InputStream in = Certifier.class.getResourceAsStream(
        "/META-INF/maven/dev.rill/rill-conformance/pom.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "unknown");
      }
    } catch (IOException e) {
      // fall through
    }
    String v = Certifier.class.getPackage().getImplementationVersion();
    return v != null ? v : "development";
  }

  /** The catalogue's version: its rule count and the SHA-256 of {@code rules.tsv}. */
  public static String catalogueVersion() {
    try (InputStream in = RuleCatalogue.class.getResourceAsStream(RuleCatalogue.RESOURCE)) {
      byte[] tsv = Objects.requireNonNull(in, "rules.tsv").readAllBytes();
      return RuleCatalogue.standard().rules().size() + " rules, sha256:" + sha256(tsv).substring(0, 12);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String fixtureHash(List<Golden> goldens) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Golden g : goldens) {
        md.update(g.name().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(g.wire());
        md.update((byte) 0);
        md.update(g.expect().toString().getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Builds a {@link Certifier}. */
  public static final class Builder {
    private final List<String> ids = new ArrayList<>();
    private final Set<String> excluded = new java.util.HashSet<>();
    private final List<Path> jars = new ArrayList<>();
    private boolean quick;
    private boolean performance = true;
    private Consumer<String> progress = line -> { };
    private ClassLoader parent;
    private final Map<String, Map<String, String>> options = new LinkedHashMap<>();

    private Builder() {}

    /** Certifies this provider id (repeatable); without any, see the class comment. */
    public Builder provider(String id) {
      ids.add(Objects.requireNonNull(id, "id"));
      return this;
    }

    /** Leaves this provider out (repeatable), e.g. one with a known failure under investigation. */
    public Builder exclude(String id) {
      excluded.add(Objects.requireNonNull(id, "id"));
      return this;
    }

    /** Loads plugins from this jar too (repeatable), in a child class loader. */
    public Builder jar(Path jar) {
      jars.add(Objects.requireNonNull(jar, "jar"));
      return this;
    }

    /** Short JMH settings and fewer property tries: a CI smoke run. */
    public Builder quick(boolean on) {
      this.quick = on;
      return this;
    }

    /** Whether to run the JMH performance rules (default true). */
    public Builder performance(boolean on) {
      this.performance = on;
      return this;
    }

    /** Where progress lines go. */
    public Builder progress(Consumer<String> sink) {
      this.progress = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /** The class loader plugins are discovered in (default: the kit's); jars are loaded as its children. */
    public Builder parent(ClassLoader loader) {
      this.parent = loader;
      return this;
    }

    /** A provider option for one provider, added to {@link #DEFAULT_OPTIONS}. */
    public Builder option(String providerId, String name, String value) {
      options.computeIfAbsent(providerId, k -> new LinkedHashMap<>()).put(name, value);
      return this;
    }

    /** The runner. */
    public Certifier build() {
      return new Certifier(this);
    }
  }
}
