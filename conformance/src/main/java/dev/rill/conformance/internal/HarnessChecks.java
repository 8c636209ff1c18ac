package dev.rill.conformance.internal;

import dev.rill.api.Capability;
import dev.rill.api.ProviderBundle;
import dev.rill.api.ProviderInfo;
import dev.rill.api.StreamingProvider;
import dev.rill.conformance.rules.RuleId;
import dev.rill.testkit.golden.Expectation;
import dev.rill.testkit.golden.Golden;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Assumptions;

/** Rules H0 to H0.4: the catalogue itself and the plugin's manifest. */
final class HarnessChecks {
  private static final String SERVICES = "META-INF/services/";
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]*");
  private static final Map<Capability, Predicate<Expectation>> SHOWN_BY = Map.of(
      Capability.TEXT, e -> !e.text().isEmpty(),
      Capability.TOOLS, e -> !e.toolCalls().isEmpty(),
      Capability.REASONING, e -> !e.reasoning().isEmpty(),
      Capability.USAGE_IN_STREAM, e -> e.usage() != null,
      Capability.FINISH_REASON, e -> e.finishReason() != null);

  private HarnessChecks() {}

  static void register(Map<RuleId, RuleCheck> checks) {
    checks.put(RuleId.parse("H0"), HarnessChecks::catalogueAndImplementationsAgree);
    checks.put(RuleId.parse("H0.1"), HarnessChecks::servicesEntryPresent);
    checks.put(RuleId.parse("H0.2"), HarnessChecks::moduleProvidesTheClass);
    checks.put(RuleId.parse("H0.3"), HarnessChecks::idAndSpiVersionValid);
    checks.put(RuleId.parse("H0.4"), HarnessChecks::goldenForEveryCapability);
    checks.put(RuleId.parse("H0.6"), HarnessChecks::requestReachesBaseUrlWithKey);
  }

  static void catalogueAndImplementationsAgree(RuleContext ctx) {
    Set<RuleId> catalogue = new TreeSet<>(ctx.catalogue().ids());
    Set<RuleId> implemented = new TreeSet<>(ctx.implemented());
    Set<RuleId> missing = new TreeSet<>();
    for (RuleId id : catalogue) {
      boolean needsCheck = ctx.catalogue().rule(id).level() != dev.rill.conformance.rules.Level.UNTESTED;
      if (needsCheck && !implemented.contains(id)) {
        missing.add(id);
      }
    }
    Set<RuleId> orphans = new TreeSet<>(implemented);
    orphans.removeAll(catalogue);
    Set<RuleId> untestedButImplemented = new TreeSet<>();
    for (RuleId id : implemented) {
      if (catalogue.contains(id) && ctx.catalogue().rule(id).level() == dev.rill.conformance.rules.Level.UNTESTED) {
        untestedButImplemented.add(id);
      }
    }
    if (!missing.isEmpty() || !orphans.isEmpty() || !untestedButImplemented.isEmpty()) {
      throw new AssertionError("catalogue and implementations disagree: rules without an implementation " + missing
          + ", implementations without a rule " + orphans + ", untested rules that have an implementation "
          + untestedButImplemented);
    }
  }

  static void servicesEntryPresent(RuleContext ctx) {
    Class<?> type = ctx.provider().getClass();
    ClassLoader loader = loaderOf(type);
    Set<String> listed = serviceEntries(loader, StreamingProvider.class.getName());
    StreamingProvider direct = null;
    if (listed.contains(type.getName())) {
      direct = loadListed(loader, type);
      if (direct.info().id().equals(ctx.id())) {
        return;
      }
    }
    if (instanceFromBundles(loader, type, ctx.id()) != null) {
      return;
    }
    if (direct != null) {
      throw new AssertionError("ServiceLoader made a " + type.getName() + " with id '" + direct.info().id()
          + "' but the plugin under test has id '" + ctx.id() + "', and no listed ProviderBundle contributes one");
    }
    throw new AssertionError(type.getName() + " is not listed in " + SERVICES + StreamingProvider.class.getName()
        + " (nor contributed by a listed ProviderBundle); the class path lists " + listed);
  }

  /** The instance of {@code type} with id {@code id} that a listed ProviderBundle contributes, or null. */
  static StreamingProvider instanceFromBundles(ClassLoader loader, Class<?> type, String id) {
    for (String bundle : serviceEntries(loader, ProviderBundle.class.getName())) {
      for (ServiceLoader.Provider<ProviderBundle> p : ServiceLoader.load(ProviderBundle.class, loader).stream()
          .filter(p -> p.type().getName().equals(bundle)).toList()) {
        for (StreamingProvider sp : p.get().providers()) {
          if (sp.getClass() == type && sp.info().id().equals(id)) {
            return sp;
          }
        }
      }
    }
    return null;
  }

  static StreamingProvider loadListed(ClassLoader loader, Class<?> type) {
    try {
      for (ServiceLoader.Provider<StreamingProvider> p : ServiceLoader.load(StreamingProvider.class, loader).stream()
          .filter(p -> p.type() == type).toList()) {
        return p.get();
      }
    } catch (ServiceConfigurationError e) {
      throw new AssertionError("ServiceLoader cannot instantiate " + type.getName() + ": " + e.getMessage(), e);
    }
    throw new AssertionError("ServiceLoader does not offer " + type.getName() + " although "
        + SERVICES + StreamingProvider.class.getName() + " lists it (another loader?)");
  }

  static Set<String> serviceEntries(ClassLoader loader, String service) {
    Set<String> out = new LinkedHashSet<>();
    try {
      Enumeration<URL> files = loader.getResources(SERVICES + service);
      while (files.hasMoreElements()) {
        try (InputStream in = files.nextElement().openStream();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            int hash = line.indexOf('#');
            String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!name.isEmpty()) {
              out.add(name);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SERVICES + service, e);
    }
    return out;
  }

  private static ClassLoader loaderOf(Class<?> type) {
    ClassLoader l = type.getClassLoader();
    return l != null ? l : ClassLoader.getSystemClassLoader();
  }

  static void moduleProvidesTheClass(RuleContext ctx) {
    Optional<ModuleDescriptor> descriptor = ctx.moduleDescriptor();
    if (descriptor.isEmpty()) {
      Assumptions.abort("the plugin ships no module-info.class: a class-path-only plugin");
    }
    String type = ctx.provider().getClass().getName();
    ModuleDescriptor d = descriptor.get();
    boolean direct = d.provides().stream().anyMatch(p -> p.service().equals(StreamingProvider.class.getName())
        && p.providers().contains(type));
    if (direct) {
      return;
    }
    boolean viaBundle = d.provides().stream().anyMatch(p -> p.service().equals(ProviderBundle.class.getName()))
        && !serviceEntries(loaderOf(ctx.provider().getClass()), StreamingProvider.class.getName()).contains(type);
    if (!viaBundle) {
      throw new AssertionError("module " + d.name() + " does not declare 'provides " + StreamingProvider.class.getName()
          + " with " + type + "'; it provides " + d.provides());
    }
  }

  /** The module descriptor shipped beside the class (in its jar or class directory), if any. */
  static Optional<ModuleDescriptor> descriptorOf(Class<?> type) {
    if (type.getModule().isNamed() && type.getModule().getDescriptor() != null) {
      return Optional.of(type.getModule().getDescriptor());
    }
    CodeSource source = type.getProtectionDomain() == null ? null : type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return Optional.empty();
    }
    try {
      Path location = Path.of(source.getLocation().toURI());
      if (Files.isDirectory(location)) {
        Path info = location.resolve("module-info.class");
        if (!Files.isRegularFile(info)) {
          return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(info)) {
          return Optional.of(ModuleDescriptor.read(in));
        }
      }
      try (JarFile jar = new JarFile(location.toFile())) {
        ZipEntry entry = jar.getEntry("module-info.class");
        if (entry == null) {
          return Optional.empty();
        }
        try (InputStream in = jar.getInputStream(entry)) {
          return Optional.of(ModuleDescriptor.read(in));
        }
      }
    } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
      throw new AssertionError("cannot read the module descriptor beside " + type.getName() + ": " + e, e);
    }
  }

  static void idAndSpiVersionValid(RuleContext ctx) {
    List<String> problems = new ArrayList<>();
    ProviderInfo first = ctx.provider().info();
    ProviderInfo second = ctx.provider().info();
    if (!first.equals(second)) {
      problems.add("info() changed between two calls: " + first + " then " + second);
    }
    if (!ID.matcher(first.id()).matches()) {
      problems.add("id '" + first.id() + "' is not lower-case letters, digits, '-' or '.'");
    }
    if (first.displayName().isBlank()) {
      problems.add("the display name is blank");
    }
    if (first.family().isBlank()) {
      problems.add("the family is blank");
    }
    if (first.spiVersion() != StreamingProvider.SPI_VERSION) {
      problems.add("spiVersion is " + first.spiVersion() + " but this kit and API define "
          + StreamingProvider.SPI_VERSION);
    }
    Class<?> type = ctx.provider().getClass();
    StreamingProvider other = null;
    if (serviceEntries(loaderOf(type), StreamingProvider.class.getName()).contains(type.getName())) {
      other = loadListed(loaderOf(type), type);
    }
    if (other == null || !other.info().id().equals(first.id())) {
      StreamingProvider fromBundle = instanceFromBundles(loaderOf(type), type, first.id());
      other = fromBundle != null ? fromBundle : other;
    }
    if (other != null && !other.info().equals(first)) {
      problems.add("another instance made by ServiceLoader describes itself differently: " + other.info());
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(String.join("; ", problems));
    }
  }

  static void goldenForEveryCapability(RuleContext ctx) {
    List<Golden> goldens = ctx.goldens();
    if (goldens.isEmpty()) {
      throw new AssertionError("no golden transcripts found for '" + ctx.id() + "' under META-INF/rill/transcripts/"
          + ctx.id() + "/ (with an index.txt listing them)");
    }
    List<String> problems = new ArrayList<>();
    String sibling = goldens.stream().map(Golden::providerId).filter(id -> !id.equals(ctx.id())).findFirst()
        .orElse(null);
    boolean shared = sibling != null && GoldenSource.siblings(ctx.provider()).stream()
        .anyMatch(p -> p.info().id().equals(sibling));
    for (Golden g : goldens) {
      if (!g.providerId().equals(ctx.id()) && !(shared && g.providerId().equals(sibling))) {
        problems.add("golden " + g.name() + " is for provider '" + g.providerId() + "', which is neither '" + ctx.id()
            + "' nor a provider of family '" + ctx.info().family() + "' in the same jar");
      }
      if (g.framing() != ctx.framing()) {
        problems.add("golden " + g.name() + " is framed " + g.framing() + " but the plugin declares " + ctx.framing());
      }
    }
    for (Capability c : ctx.capabilities()) {
      Predicate<Expectation> shows = SHOWN_BY.get(c);
      if (shows != null && goldens.stream().noneMatch(g -> shows.test(g.expect()))) {
        problems.add("capability " + c + " is declared but no golden " + (sharedNote(goldens, ctx)) + "shows it");
      }
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(String.join("; ", problems));
    }
  }

  /** The base path rule H0.6 configures, under the loopback server's address. */
  static final String BASE_PATH = "/rill-conformance/base/v9";

  static void requestReachesBaseUrlWithKey(RuleContext ctx) throws InterruptedException {
    Golden g = ctx.requireCleanGoldens("H0.6 replays one through the runtime").get(0);
    try (Loopback lb = new Loopback(ctx.provider(), ctx.environment(), ctx.streams(), ctx.options(), BASE_PATH)) {
      Loopback.Result r = lb.run(ctx.request(g), lb.ok(g.wire()));
      List<dev.rill.testkit.server.RecordedRequest> requests = lb.server().requests();
      if (requests.size() != 1) {
        throw new AssertionError("one call made " + requests.size() + " requests to the base URL "
            + lb.server().baseUri() + BASE_PATH.substring(1) + (r.error() != null ? "; it failed with " + r.error() : ""));
      }
      dev.rill.testkit.server.RecordedRequest q = requests.get(0);
      List<String> problems = new ArrayList<>();
      String path = q.path();
      int query = path.indexOf('?');
      String bare = query < 0 ? path : path.substring(0, query);
      if (!(bare.equals(BASE_PATH) || bare.startsWith(BASE_PATH + "/") || bare.startsWith(BASE_PATH + ":"))) {
        problems.add("the request went to " + path + ", not under the base URL's path " + BASE_PATH);
      }
      String key = Loopback.KEY;
      boolean credential = false;
      for (Map.Entry<String, String> h : q.headers().entrySet()) {
        if (h.getValue().contains(key)) {
          if (dev.rill.api.HttpCall.isSensitiveHeader(h.getKey())) {
            credential = true;
          } else {
            problems.add("the key is in header '" + h.getKey() + "', which HttpCall.isSensitiveHeader does not name: "
                + "it would be logged");
          }
        }
      }
      if (query >= 0) {
        for (String param : path.substring(query + 1).split("&")) {
          int eq = param.indexOf('=');
          String name = eq < 0 ? param : param.substring(0, eq);
          String value = eq < 0 ? "" : java.net.URLDecoder.decode(param.substring(eq + 1), StandardCharsets.UTF_8);
          if (value.contains(key)) {
            if (name.equalsIgnoreCase("key") || name.equalsIgnoreCase("api-key")) {
              credential = true;
            } else {
              problems.add("the key is in query parameter '" + name + "', which is not redacted from logged URLs");
            }
          }
        }
      }
      if (bare.contains(key)) {
        problems.add("the key is in the request path");
      }
      if (q.bodyText().contains(key)) {
        problems.add("the key is in the request body");
      }
      if (ctx.info().apiKeyEnv() != null && !credential) {
        problems.add("the configured key (for " + ctx.info().apiKeyEnv() + ") was not sent in any credential header");
      }
      String diff = Outcomes.chunkDifference(ctx.baseline(g).chunks(), r.chunks());
      if (r.error() != null || diff != null) {
        problems.add("through the runtime, " + g.name() + (r.error() != null ? " failed: " + r.error()
            : " gave other chunks than offline: " + diff));
      }
      if (!problems.isEmpty()) {
        throw new AssertionError(String.join("; ", problems));
      }
    }
  }

  private static String sharedNote(List<Golden> goldens, RuleContext ctx) {
    return goldens.stream().anyMatch(g -> !g.providerId().equals(ctx.id())) ? "(of '" + goldens.get(0).providerId()
        + "', whose goldens it shares) " : "of '" + ctx.id() + "' (" + goldens.stream().map(Golden::name).toList()
        + ") ";
  }
}
