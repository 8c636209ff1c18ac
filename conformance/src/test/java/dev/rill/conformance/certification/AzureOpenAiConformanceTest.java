package dev.rill.conformance.certification;

import dev.rill.api.ErrorKind;
import dev.rill.api.StreamingProvider;
import dev.rill.conformance.ErrorCase;
import dev.rill.conformance.ConformanceEnvironment;
import dev.rill.conformance.ErrorCases;
import dev.rill.conformance.ProviderVerification;
import dev.rill.provider.openai.AzureOpenAiProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Certifies Azure OpenAI chat completions (it shares the openai goldens and decoder; deployment URLs, api-key). */
class AzureOpenAiConformanceTest extends ProviderVerification {
  @Override
  protected StreamingProvider provider() {
    return new AzureOpenAiProvider();
  }

  /**
   * Every rule but L4.1 and L4.9 (the Reactive Streams TCK and its stochastic rule): they depend only on the decoder
   * and the goldens, which this provider shares with 'openai', whose test runs them.
   */
  @Override
  protected ConformanceEnvironment environment() {
    return ConformanceEnvironment.fromSystemProperties().withSelection(List.of("-L4.1", "-L4.9"));
  }
}
