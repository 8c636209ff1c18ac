package dev.rill.conformance.internal;

import dev.rill.api.Capability;
import dev.rill.api.ChatRequest;
import dev.rill.api.Framing;
import dev.rill.api.ProviderInfo;
import dev.rill.api.StreamingProvider;
import dev.rill.conformance.ConformanceEnvironment;
import dev.rill.conformance.ErrorCase;
import dev.rill.conformance.rules.RuleCatalogue;
import dev.rill.conformance.rules.RuleId;
import dev.rill.testkit.golden.Golden;
import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;

/**
 * Everything a rule check needs about the plugin under test: the provider, its goldens and error bodies, the
 * environment, and the framers and streams to use. Offline decodes of the goldens are computed once and shared.
 */
public final class RuleContext {
  private final StreamingProvider provider;
  private final List<Golden> goldens;
  private final List<ErrorCase> errorBodies;
  private final Set<Capability> capabilities;
  private final ConformanceEnvironment environment;
  private final FramerFactory framers;
  private final StreamOpener streams;
  private final Supplier<Optional<ModuleDescriptor>> moduleDescriptor;
  private final RuleCatalogue catalogue;
  private final Set<RuleId> implemented;
  private final Map<String, String> options;
  private final Map<String, Replay.Outcome> baselines = new ConcurrentHashMap<>();
  private volatile String seedUsed;

  public RuleContext(StreamingProvider provider, List<Golden> goldens, List<ErrorCase> errorBodies,
      Set<Capability> capabilities, ConformanceEnvironment environment, FramerFactory framers, StreamOpener streams,
      Supplier<Optional<ModuleDescriptor>> moduleDescriptor, RuleCatalogue catalogue, Set<RuleId> implemented) {
    this(provider, goldens, errorBodies, capabilities, environment, framers, streams, moduleDescriptor, catalogue,
        implemented, Map.of());
  }

  public RuleContext(StreamingProvider provider, List<Golden> goldens, List<ErrorCase> errorBodies,
      Set<Capability> capabilities, ConformanceEnvironment environment, FramerFactory framers, StreamOpener streams,
      Supplier<Optional<ModuleDescriptor>> moduleDescriptor, RuleCatalogue catalogue, Set<RuleId> implemented,
      Map<String, String> options) {
    this.options = Map.copyOf(options);
    this.provider = provider;
    this.goldens = List.copyOf(goldens);
    this.errorBodies = List.copyOf(errorBodies);
    this.capabilities = Set.copyOf(capabilities);
    this.environment = environment;
    this.framers = framers;
    this.streams = streams;
    this.moduleDescriptor = moduleDescriptor;
    this.catalogue = catalogue;
    this.implemented = Set.copyOf(implemented);
  }

  public StreamingProvider provider() { return provider; }

  public ProviderInfo info() { return provider.info(); }

  public String id() { return provider.info().id(); }

  public Framing framing() { return provider.info().framing(); }

  public List<Golden> goldens() { return goldens; }

  public List<ErrorCase> errorBodies() { return errorBodies; }

  public Set<Capability> capabilities() { return capabilities; }

  public ConformanceEnvironment environment() { return environment; }

  public FramerFactory framers() { return framers; }

  public StreamOpener streams() { return streams; }

  public Optional<ModuleDescriptor> moduleDescriptor() { return moduleDescriptor.get(); }

  public RuleCatalogue catalogue() { return catalogue; }

  public Set<RuleId> implemented() { return implemented; }

  /** The provider options the runtime is configured with (e.g. a project id the plugin requires). */
  public Map<String, String> options() { return options; }

  /** Records that a property ran with {@code seed}, for the report. */
  public void usedSeed(String seed) { this.seedUsed = seed; }

  /** The seed of the last property run, or null; cleared by the caller between rules. */
  public String takeSeed() {
    String s = seedUsed;
    seedUsed = null;
    return s;
  }

  /** The request a golden answers, with the model spec {@code <id>:<model>}. */
  public ChatRequest request(Golden g) {
    String model = g.model() != null && !g.model().isBlank() ? g.model() : "conformance-model";
    String prompt = g.prompt() != null && !g.prompt().isBlank() ? g.prompt() : "conformance";
    return ChatRequest.builder(id() + ":" + model).user(prompt).build();
  }

  /** The offline decode of a golden's whole body, computed once. */
  public Replay.Outcome baseline(Golden g) {
    return baselines.computeIfAbsent(g.name(), n -> Replay.run(provider, request(g), g.wire(), framers));
  }

  /** Replays {@code body} as the answer to golden {@code g}'s request. */
  public Replay.Outcome replay(Golden g, byte[] body) {
    return Replay.run(provider, request(g), body, framers);
  }

  /** The goldens, aborting the rule when there are none. */
  public List<Golden> requireGoldens() {
    if (goldens.isEmpty()) {
      Assumptions.abort("the plugin ships no golden transcripts for '" + id() + "'");
    }
    return goldens;
  }

  /** Goldens that expect success and whose baseline decode ends properly. */
  public List<Golden> cleanGoldens() {
    List<Golden> out = new ArrayList<>();
    for (Golden g : goldens) {
      Replay.Outcome o = baseline(g);
      if (!g.expect().expectsError() && o.ended()) {
        out.add(g);
      }
    }
    return out;
  }

  /** {@link #cleanGoldens()}, aborting with {@code why} when there are none. */
  public List<Golden> requireCleanGoldens(String why) {
    List<Golden> out = cleanGoldens();
    if (out.isEmpty()) {
      Assumptions.abort("no golden of '" + id() + "' completes cleanly offline" + (why.isEmpty() ? "" : ": " + why));
    }
    return out;
  }

  /** Aborts unless the framing is a text framing (SSE or NDJSON). */
  public void requireTextFraming(String rule) {
    if (!TextWire.supports(framing())) {
      Assumptions.abort(rule + " rewrites text bodies; framing " + framing() + " is not SSE or NDJSON");
    }
  }

  /** The text model of a golden's body. */
  public TextWire textWire(Golden g) {
    return TextWire.parse(framing(), g.wire());
  }
}
