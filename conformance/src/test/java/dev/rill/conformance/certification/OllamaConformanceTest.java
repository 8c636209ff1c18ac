package dev.rill.conformance.certification;

import dev.rill.api.ErrorKind;
import dev.rill.api.StreamingProvider;
import dev.rill.conformance.ErrorCase;
import dev.rill.conformance.ErrorCases;
import dev.rill.conformance.ProviderVerification;
import dev.rill.provider.ollama.OllamaProvider;
import java.util.ArrayList;
import java.util.List;

/** Certifies the Ollama plugin (NDJSON) with its own goldens and documented error bodies. */
class OllamaConformanceTest extends ProviderVerification {
  @Override
  protected StreamingProvider provider() {
    return new OllamaProvider();
  }

  @Override
  protected List<ErrorCase> errorBodies() {
    List<ErrorCase> cases = new ArrayList<>(ErrorCases.generic());
    // https://github.com/ollama/ollama/blob/main/docs/api.md#errors
    cases.add(ErrorCase.of("model-not-found", 404, "{\"error\":\"model 'llama9' not found\"}", ErrorKind.NOT_FOUND));
    return cases;
  }
}
