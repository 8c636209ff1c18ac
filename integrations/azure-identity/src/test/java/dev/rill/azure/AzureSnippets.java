package dev.rill.azure;

import dev.rill.runtime.Rill;

/** The Azure snippet of {@code docs/integrations.md}, compiled here (it reads the machine's Azure configuration). */
final class AzureSnippets {
  private AzureSnippets() {}

  static Rill client() {
    // snippet: azure
    AzureTokenSource entra = AzureTokenSource.defaultAzureCredential();
    Rill rill = Rill.builder()
        .credentials("azure-openai", entra) // sent as Authorization: Bearer, refreshed before it expires
        .credentials("azure-openai-responses", entra)
        .option("azure-openai", "resource", "my-resource")
        .option("azure-openai-responses", "resource", "my-resource")
        .build();
    // end
    return rill;
  }
}
