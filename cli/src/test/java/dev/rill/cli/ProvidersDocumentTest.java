package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.Capability;
import dev.rill.api.ProviderInfo;
import dev.rill.runtime.ProviderRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/providers.md's table is rendered from the providers discovered on the CLI's class path, so it cannot
 * drift from the plugins. Run with {@code -Drill.regenerate=true} to rewrite it; the text outside the markers
 * is kept.
 */
class ProvidersDocumentTest {
  static final String BEGIN = "<!-- BEGIN GENERATED: ProvidersDocumentTest -->";
  static final String END = "<!-- END GENERATED -->";

  @Test
  void docsProvidersListsEveryDiscoveredProvider() throws IOException {
    ProviderRegistry registry = ProviderRegistry.discover(getClass().getClassLoader());
    assertThat(registry.problems()).isEmpty();
    List<ProviderInfo> infos = registry.infos().stream()
        .sorted(Comparator.comparing(ProviderInfo::family).thenComparing(ProviderInfo::id)).toList();
    assertThat(infos).as("the issue asks for at least 47 providers").hasSizeGreaterThanOrEqualTo(47);

    StringBuilder table = new StringBuilder();
    table.append(BEGIN).append('\n');
    table.append(infos.size()).append(" providers in ")
        .append(infos.stream().map(ProviderInfo::family).distinct().count()).append(" wire protocol families.\n\n");
    table.append("| id | name | family | framing | key variable | default base URL | tools | reasoning | usage | images"
        + " | system | structured output |\n");
    table.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (ProviderInfo i : infos) {
      table.append("| `").append(i.id()).append("` | ").append(i.displayName()).append(" | ").append(i.family())
          .append(" | ").append(i.framing().name().toLowerCase(Locale.ROOT).replace('_', '-')).append(" | ")
          .append(i.apiKeyEnv() == null ? "none" : "`" + i.apiKeyEnv() + "`").append(" | ")
          .append(ProvidersCommand.displayUrl(i.defaultBaseUrl())).append(" | ")
          .append(mark(i, Capability.TOOLS)).append(" | ").append(mark(i, Capability.REASONING)).append(" | ")
          .append(mark(i, Capability.USAGE_IN_STREAM)).append(" | ").append(mark(i, Capability.IMAGES)).append(" | ")
          .append(mark(i, Capability.SYSTEM_PROMPT)).append(" | ").append(mark(i, Capability.STRUCTURED_OUTPUT))
          .append(" |\n");
    }
    table.append("\nModel families that lack part of their provider's capabilities (`ModelCapabilities` rows, first match"
        + " wins; a model no row names has the provider's full set). The runtime refuses a request these models"
        + " cannot serve before sending it.\n\n");
    table.append("| provider | model pattern | lacks | source |\n|---|---|---|---|\n");
    for (ProviderInfo i : infos) {
      for (dev.rill.api.ModelCapabilities row : i.modelCapabilities()) {
        table.append("| `").append(i.id()).append("` | `").append(row.pattern()).append("` | ")
            .append(row.lacking().stream().map(Enum::name).sorted().collect(Collectors.joining(", "))).append(" | ")
            .append(row.source().replace("|", "\\|")).append(" |\n");
      }
    }
    table.append(END);

    Path doc = repositoryRoot().resolve("docs/providers.md");
    String current = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";
    int b = current.indexOf(BEGIN);
    int e = current.indexOf(END);
    String expected = b >= 0 && e > b
        ? current.substring(0, b) + table + current.substring(e + END.length())
        : current + "\n" + table + "\n";
    if (Boolean.getBoolean("rill.regenerate")) {
      Files.writeString(doc, expected, StandardCharsets.UTF_8);
      current = expected;
    }
    assertThat(current).as("docs/providers.md is stale: run ./mvnw -pl cli test -Dtest=ProvidersDocumentTest "
        + "-Drill.regenerate=true").isEqualTo(expected);
    assertThat(infos.stream().map(ProviderInfo::family).collect(Collectors.toSet()))
        .contains("openai-chat", "openai-responses", "anthropic-messages", "gemini", "ollama", "cohere-v2",
            "bedrock-eventstream");
  }

  private static String mark(ProviderInfo i, Capability c) {
    return i.has(c) ? "yes" : "";
  }

  private static Path repositoryRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("mvnw"))) {
      p = p.getParent();
    }
    return p == null ? Path.of("..").toAbsolutePath() : p;
  }
}
