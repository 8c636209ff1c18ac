package dev.rill.google;

import dev.rill.runtime.Rill;

/** The Google snippet of {@code docs/integrations.md}, compiled here (it reads the machine's Google configuration). */
final class GoogleSnippets {
  private GoogleSnippets() {}

  static Rill client() {
    // snippet: google
    GoogleCredentialSource google = GoogleCredentialSource.applicationDefault();
    Rill rill = Rill.builder()
        .credentials("vertex", google) // one source for both providers: one token, fetched once
        .credentials("vertex-anthropic", google)
        .option("vertex", "project", "my-project")
        .option("vertex-anthropic", "project", "my-project")
        .build();
    // end
    return rill;
  }
}
