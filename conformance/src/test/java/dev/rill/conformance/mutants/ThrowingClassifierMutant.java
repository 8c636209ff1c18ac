package dev.rill.conformance.mutants;

import dev.rill.api.ProviderError;
import dev.rill.conformance.internal.Jsons;
import dev.rill.conformance.reference.ReferenceProvider;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Defect: a JSON error body that does not parse makes the classifier throw (rule E3.3). */
public class ThrowingClassifierMutant extends ReferenceProvider {
  @Override
  public ProviderError classifyError(int status, Map<String, String> headers, byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.startsWith("{") && !Jsons.isSingleValue(text)) {
      throw new IllegalStateException("cannot parse the error body");
    }
    return super.classifyError(status, headers, body);
  }
}
