package dev.rill.conformance.certification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.Capability;
import dev.rill.api.StreamingProvider;
import dev.rill.conformance.ProviderVerification;
import dev.rill.provider.gemini.VertexGeminiProvider;
import dev.rill.testkit.golden.GoldenTranscripts;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Certifies Gemini on Vertex AI with its own goldens (every rule, H0.4 included since the vertex goldens show the
 * REASONING it declares); the plugin needs the option project.
 */
class VertexConformanceTest extends ProviderVerification {
  @Override
  protected StreamingProvider provider() {
    return new VertexGeminiProvider();
  }

  @Override
  protected Map<String, String> providerOptions() {
    return Map.of("project", "rill-conformance");
  }

  @Test
  void aVertexGoldenShowsTheReasoningItDeclares() {
    StreamingProvider vertex = provider();
    assertThat(vertex.info().capabilities()).contains(Capability.REASONING);
    assertThat(GoldenTranscripts.list("vertex", VertexGeminiProvider.class.getClassLoader()))
        .as("vertex goldens").anySatisfy(g -> assertThat(g.expect().reasoning()).isNotEmpty());
  }
}
