package dev.rill.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.provider.openai.internal.AzureEndpoint;
import dev.rill.provider.openai.internal.CompatibleCatalogue;
import dev.rill.provider.openai.internal.CompatibleEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code CATALOGUE.md} is generated from the catalogue data: this test renders it and fails when the file is stale.
 * Run with {@code -Drill.regenerate=true} to rewrite it.
 */
class CatalogueDocumentTest {

  private static final String REGENERATE =
      "./mvnw -B -o -q -pl providers/openai test -Dtest=CatalogueDocumentTest -Drill.regenerate=true";

  static Path file() {
    return Path.of(System.getProperty("basedir", ".")).resolve("CATALOGUE.md");
  }

  @Test
  void catalogueMarkdownIsUpToDate() throws IOException {
    String rendered = render(CompatibleCatalogue.ENDPOINTS);
    Path file = file();
    if (Boolean.getBoolean("rill.regenerate")) {
      Files.writeString(file, rendered, StandardCharsets.UTF_8);
    }
    assertThat(file).as("CATALOGUE.md is missing; regenerate it with: " + REGENERATE).exists();
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .as("CATALOGUE.md is stale; regenerate it with: " + REGENERATE).isEqualTo(rendered);
  }

  @Test
  void theRenderingListsEveryRowOnce() {
    String rendered = render(CompatibleCatalogue.ENDPOINTS);
    for (CompatibleEndpoint row : CompatibleCatalogue.ENDPOINTS) {
      assertThat(rendered).contains("| `" + row.id() + "` |", "**`" + row.id() + "`**", row.source());
    }
    assertThat(rendered).contains("`azure-openai`", AzureEndpoint.DEFAULT_API_VERSION);
  }

  static String render(List<CompatibleEndpoint> rows) {
    StringBuilder md = new StringBuilder();
    md.append("# OpenAI chat-completions providers\n\n");
    md.append("<!-- Generated from CompatibleCatalogue by CatalogueDocumentTest; do not edit. Regenerate with:\n");
    md.append("     ").append(REGENERATE).append(" -->\n\n");
    md.append("The `rill-provider-openai` jar contributes `openai` (OpenAI itself), `azure-openai` and the ")
        .append(rows.size()).append(" OpenAI-compatible servers below, all of family `openai-chat`: requests go to ")
        .append("`POST {base URL}/chat/completions` with `\"stream\": true` and the answer is decoded by one ")
        .append("decoder. Each row was checked against the provider's own documentation page, named in the last ")
        .append("column; the notes say what that page states.\n\n");
    md.append("A base URL part in braces (`{account-id}`) is filled from the settings option of that name. ")
        .append("Local servers (plain `http` on localhost) need no key; a configured key is still sent.\n\n");
    md.append("| id | name | base URL | key variable | request | checked against |\n");
    md.append("|---|---|---|---|---|---|\n");
    for (CompatibleEndpoint row : rows) {
      md.append("| `").append(row.id()).append("` | ").append(cell(row.displayName())).append(" | `")
          .append(row.baseUrl()).append("` | ").append(key(row)).append(" | ").append(dialect(row)).append(" | ")
          .append(row.source()).append(" |\n");
    }
    md.append("\n## Notes\n\n");
    for (CompatibleEndpoint row : rows) {
      md.append("- **`").append(row.id()).append("`** (").append(row.displayName()).append("): ")
          .append(row.notes()).append('\n');
    }
    md.append("\n## Azure OpenAI (`azure-openai`)\n\n");
    md.append("Not a catalogue row: its URLs and auth differ. Key variable `").append(AzureOpenAiProvider.API_KEY_ENV)
        .append("`, sent as `api-key: <key>` (option `auth=bearer` sends `Authorization: Bearer` for an Entra ID ")
        .append("token). The model is the deployment name.\n\n");
    md.append("| option `api-version` | request |\n|---|---|\n");
    md.append("| dated, default `").append(AzureEndpoint.DEFAULT_API_VERSION).append("` | `POST https://{resource}")
        .append(".openai.azure.com/openai/deployments/{deployment}/chat/completions?api-version={version}`, ")
        .append("`max_tokens` |\n");
    md.append("| `v1` | `POST https://{resource}.openai.azure.com/openai/v1/chat/completions` (model = deployment), ")
        .append("`max_completion_tokens` |\n");
    md.append("| `preview` | as `v1`, with `?api-version=preview` |\n\n");
    md.append("Option `resource` is required unless the base URL is overridden. Checked against ")
        .append("https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference (GA data-plane inference ")
        .append("version 2024-10-21) and https://learn.microsoft.com/en-us/azure/ai-foundry/openai/latest (v1: ")
        .append("`api-version` v1 or preview, v1 when absent).\n");
    return md.toString();
  }

  private static String key(CompatibleEndpoint row) {
    if (row.apiKeyEnv() == null) {
      return "none (local)";
    }
    return "`" + row.apiKeyEnv() + "`" + (row.dialect().keyRequired() ? "" : " (optional)");
  }

  private static String dialect(CompatibleEndpoint row) {
    String options = row.requiredOptions().isEmpty() ? ""
        : ", option " + String.join(", ", row.requiredOptions().stream().map(o -> "`" + o + "`").toList());
    return "`" + row.dialect().maxTokensField() + "`" + (row.dialect().streamUsageOption() ? ", `stream_options`" : "")
        + options;
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
