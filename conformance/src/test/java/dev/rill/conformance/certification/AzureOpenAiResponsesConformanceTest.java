package dev.rill.conformance.certification;

import dev.rill.api.ErrorKind;
import dev.rill.api.StreamingProvider;
import dev.rill.conformance.ErrorCase;
import dev.rill.conformance.ConformanceEnvironment;
import dev.rill.conformance.ErrorCases;
import dev.rill.conformance.ProviderVerification;
import dev.rill.provider.openairesponses.AzureOpenAiResponsesProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Certifies Azure OpenAI through the Responses plugin (it shares the openai-responses goldens and decoder). */
class AzureOpenAiResponsesConformanceTest extends ProviderVerification {
  @Override
  protected StreamingProvider provider() {
    return new AzureOpenAiResponsesProvider();
  }

  /**
   * Every rule but L4.1 and L4.9 (the Reactive Streams TCK and its stochastic rule): they depend only on the decoder
   * and the goldens, which this provider shares with 'openai-responses', whose test runs them.
   */
  @Override
  protected ConformanceEnvironment environment() {
    return ConformanceEnvironment.fromSystemProperties().withSelection(List.of("-L4.1", "-L4.9"));
  }
}
