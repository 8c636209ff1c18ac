package dev.rill.conformance.certification;

import dev.rill.api.ErrorKind;
import dev.rill.api.StreamingProvider;
import dev.rill.conformance.ErrorCase;
import dev.rill.conformance.ErrorCases;
import dev.rill.conformance.ProviderVerification;
import dev.rill.provider.bedrock.BedrockProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Certifies the Bedrock plugin (AWS event-stream, so W1.11 applies) with its goldens and documented error responses. */
class BedrockConformanceTest extends ProviderVerification {
  @Override
  protected StreamingProvider provider() {
    return new BedrockProvider();
  }

  @Override
  protected List<ErrorCase> errorBodies() {
    List<ErrorCase> cases = new ArrayList<>(ErrorCases.generic());
    // https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html#API_runtime_ConverseStream_Errors
    cases.add(ErrorCase.of("throttling", 429, "{\"message\":\"Too many requests, please wait before trying again.\"}",
        ErrorKind.RATE_LIMITED).withHeaders(Map.of("x-amzn-errortype",
        "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/")).withCode("ThrottlingException"));
    cases.add(ErrorCase.of("access-denied", 403, "{\"message\":\"You don't have access to the model with the specified "
        + "model ID.\"}", ErrorKind.PERMISSION).withHeaders(Map.of("x-amzn-errortype",
        "AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/")));
    return cases;
  }
}
