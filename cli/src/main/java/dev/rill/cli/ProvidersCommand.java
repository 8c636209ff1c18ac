package dev.rill.cli;

import dev.rill.api.Capability;
import dev.rill.api.ModelCapabilities;
import dev.rill.api.ProviderInfo;
import dev.rill.runtime.DiscoveryProblem;
import dev.rill.runtime.ProviderRegistry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rill providers}: the plugins discovery found, and any plugin that failed to load. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    name = "providers",
    header = "List the discovered provider plugins.",
    description = "Lists the discovered provider plugins: id, display name, family, framing, capabilities, API key"
        + " variable and default base URL, then any plugin that failed to load. --json adds the model families that"
        + " lack part of the capabilities (models: pattern, lacks, source).")
final class ProvidersCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--json", description = "One JSON object per line: {\"type\":\"provider\",...}, then {\"type\":\"problem\",...}.")
  private boolean json;

  @Override
  public Integer call() {
    ProviderRegistry registry = ProviderRegistry.discover(ProvidersCommand.class.getClassLoader());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonLines lines = new JsonLines(out);
      for (ProviderInfo info : registry.infos()) {
        lines.line("provider", g -> {
          g.writeStringProperty("id", info.id());
          g.writeStringProperty("displayName", info.displayName());
          g.writeStringProperty("family", info.family());
          g.writeStringProperty("framing", info.framing().name());
          g.writeArrayPropertyStart("capabilities");
          for (Capability c : sorted(info)) {
            g.writeString(c.name());
          }
          g.writeEndArray();
          g.writeArrayPropertyStart("models");
          for (ModelCapabilities row : info.modelCapabilities()) {
            g.writeStartObject();
            g.writeStringProperty("pattern", row.pattern());
            g.writeArrayPropertyStart("lacks");
            for (Capability c : row.lacking().stream().sorted().toList()) {
              g.writeString(c.name());
            }
            g.writeEndArray();
            g.writeStringProperty("source", row.source());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeStringProperty("apiKeyEnv", info.apiKeyEnv());
          g.writeStringProperty("defaultBaseUrl", displayUrl(info.defaultBaseUrl()));
          g.writeNumberProperty("spiVersion", info.spiVersion());
        });
      }
      for (DiscoveryProblem p : registry.problems()) {
        lines.line("problem", g -> {
          g.writeStringProperty("service", p.service());
          g.writeStringProperty("message", p.message());
        });
      }
      return RillCommand.OK;
    }
    table(out, registry.infos());
    out.println();
    out.println(registry.infos().size() + " provider(s) discovered"
        + (registry.problems().isEmpty() ? "." : "; " + registry.problems().size() + " plugin(s) failed to load:"));
    for (DiscoveryProblem p : registry.problems()) {
      out.println("  problem (" + p.service() + "): " + p.message());
    }
    out.flush();
    return RillCommand.OK;
  }

  /**
   * A base URL as its template reads: a placeholder filled from a settings option ({@code {account-id}}) is stored
   * percent-encoded in the URI and shown with its braces.
   */
  static String displayUrl(java.net.URI uri) {
    return uri.toString().replace("%7B", "{").replace("%7D", "}");
  }

  private static void table(PrintWriter out, List<ProviderInfo> infos) {
    String[] head = {"ID", "NAME", "FAMILY", "FRAMING", "KEY VARIABLE", "DEFAULT BASE URL", "CAPABILITIES"};
    List<String[]> rows = new ArrayList<>();
    rows.add(head);
    for (ProviderInfo info : infos) {
      List<String> caps = new ArrayList<>();
      for (Capability c : sorted(info)) {
        caps.add(c.name().toLowerCase(Locale.ROOT));
      }
      rows.add(new String[] {
          info.id(), info.displayName(), info.family(), info.framing().name(),
          info.apiKeyEnv() == null ? "-" : info.apiKeyEnv(), displayUrl(info.defaultBaseUrl()), String.join(",", caps)
      });
    }
    int[] width = new int[head.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        sb.append(row[i]);
        if (i < row.length - 1) {
          sb.append(" ".repeat(width[i] - row[i].length() + 2));
        }
      }
      out.println(sb);
    }
  }

  private static List<Capability> sorted(ProviderInfo info) {
    List<Capability> caps = new ArrayList<>(info.capabilities());
    caps.sort(null);
    return caps;
  }
}
