package dev.rill.runtime;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.Credential;
import dev.rill.api.CredentialSource;
import java.time.Duration;

/** The credential snippets of {@code docs/integrations.md}, compiled here and run by {@code CredentialSnippetsTest}. */
final class CredentialSnippets {
  private CredentialSnippets() {}

  static Rill client(CredentialSource tokenSource, String baseUrl) {
    // snippet: credential source
    Rill rill = Rill.builder()
        .credentials("line", tokenSource) // fetched off the I/O threads, cached, refreshed before it expires
        .credentialRefreshAhead(Duration.ofMinutes(5))
        .build();
    // end
    rill.close();
    return Rill.builder().discover(false).register(new LineProvider()).baseUrl("line", baseUrl)
        .credentials("line", tokenSource).build();
  }

  static ChatResponse perTenant(Rill rill, ChatRequest request, String tenantKey, String tenantId) {
    // snippet: per-call override
    StreamOptions tenant = StreamOptions.basicBuilder()
        .credential("line", Credential.apiKey(tenantKey)) // this call's key for this provider (never a fallback's)
        .header("line", "X-Tenant", tenantId)
        .build();
    ChatResponse answer = rill.call(request, tenant);
    // end
    return answer;
  }
}
