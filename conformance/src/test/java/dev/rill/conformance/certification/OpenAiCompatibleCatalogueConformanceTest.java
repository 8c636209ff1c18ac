package dev.rill.conformance.certification;

import dev.rill.api.StreamingProvider;
import dev.rill.conformance.ConformanceEnvironment;
import dev.rill.conformance.ProviderVerification;
import dev.rill.provider.openai.OpenAiCompatibleProviders;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;

/**
 * Certifies every row of the OpenAI-compatible catalogue by its own id: one dynamic container per row. The rows share
 * one decoder ({@code OpenAiProvider}) and the {@code openai} goldens, which {@link OpenAiConformanceTest} runs in
 * full; here the first row (in id order) runs the rule set too (but for L4.1 and L4.9, the Reactive Streams TCK
 * and its stochastic rule, which depend only on the shared decoder and goldens), and every other row runs its H rules:
 * id and manifest (H0 to H0.4) and the base URL and key check through the runtime (H0.6). The other rules report
 * "not selected".
 */
class OpenAiCompatibleCatalogueConformanceTest {

  static List<StreamingProvider> rows() {
    return new OpenAiCompatibleProviders().providers().stream()
        .sorted(Comparator.comparing(p -> p.info().id())).toList();
  }

  @TestFactory
  Stream<DynamicContainer> everyRow(TestReporter reporter) {
    List<StreamingProvider> rows = rows();
    ConformanceEnvironment env = ConformanceEnvironment.fromSystemProperties();
    return rows.stream().map(p -> ProviderVerification.forProvider(p)
        .withEnvironment(env.withSelection(p == rows.get(0) ? List.of("-L4.1", "-L4.9") : List.of("H")))
        .asContainer(reporter));
  }
}
