package dev.rill.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.CredentialSource;
import dev.rill.api.Credential;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import org.junit.jupiter.api.Test;

/** The credential snippets of {@code docs/integrations.md} run over loopback. */
class CredentialSnippetsTest {

  @Test
  void theSourceAndTheOverrideReachTheWire() {
    try (WireServer server = WireServer.start()) {
      server.fallback(Response.sseData("t:ok", "[DONE]"));
      CredentialSource source = CredentialSource.of("fixed", Credential.bearerToken("tok-snippet-0123456789", null));
      try (Rill rill = CredentialSnippets.client(source, server.baseUri().toString())) {
        ChatRequest request = ChatRequest.builder("line:m").user("hi").build();
        assertThat(rill.call(request).text()).isEqualTo("ok");
        assertThat(CredentialSnippets.perTenant(rill, request, "sk-tenant-0123456789", "acme").text()).isEqualTo("ok");
      }
      assertThat(server.requests().get(0).header("authorization")).isEqualTo("Bearer tok-snippet-0123456789");
      assertThat(server.requests().get(1).header("authorization")).isEqualTo("Bearer sk-tenant-0123456789");
      assertThat(server.requests().get(1).header("x-tenant")).isEqualTo("acme");
    }
  }
}
