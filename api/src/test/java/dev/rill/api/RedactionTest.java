package dev.rill.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Credentials never show in a toString(). */
class RedactionTest {
  static final String KEY = "sk-live-abcdefghijklmnop";

  @Test
  void aSecretHidesItself() {
    Secret s = Secret.of(KEY);
    assertThat(s.toString()).isEqualTo("Secret[***]");
    assertThat(s.reveal()).isEqualTo(KEY);
    assertThat(s).isEqualTo(Secret.of(" " + KEY + " "));
  }

  @Test
  void settingsRedactTheKeySensitiveHeadersAndCredentialOptions() {
    ProviderSettings settings = new ProviderSettings("bedrock", URI.create("https://example.test"), Secret.of(KEY),
        Map.of("X-Api-Key", KEY, "X-Trace", "visible"),
        Map.of("aws-secret-access-key", KEY, "aws-session-token", KEY, "region", "us-east-1"));
    String text = settings.toString();
    assertThat(text).doesNotContain(KEY).contains("visible").contains("us-east-1");
  }

  @Test
  void anHttpCallRedactsCredentialHeadersAndKeyQueryParameters() {
    HttpCall call = HttpCall.post(URI.create("https://example.test/v1/models/x:stream?alt=sse&key=" + KEY),
        Map.of("Authorization", "Bearer " + KEY, "x-goog-api-key", KEY, "anthropic-version", "2023-06-01"),
        "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(call.toString()).doesNotContain(KEY).contains("anthropic-version").contains("alt=sse");
    assertThat(call.withoutCredentials().headers().get("Authorization")).isEqualTo("***");
    assertThat(call.withoutCredentials().uri().toString()).doesNotContain(KEY);
  }

  @Test
  void anExceptionScrubsAnEchoedKey() {
    RillException e = RillException.builder(ErrorKind.AUTHENTICATION).provider("openai")
        .providerMessage("Incorrect API key provided: " + KEY).message("HTTP 401: " + KEY)
        .scrub(Secret.of(KEY)).build();
    assertThat(e.getMessage()).doesNotContain(KEY);
    assertThat(e.toString()).doesNotContain(KEY);
    assertThat(e.providerMessage()).doesNotContain(KEY);
  }

  @Test
  void anUnknownFinishReasonIsNeverStopByConstructionOfTheApi() {
    FinishReason other = FinishReason.of(FinishReason.Kind.OTHER, "zz_new_reason");
    assertThat(other.kind()).isNotEqualTo(FinishReason.Kind.STOP);
    assertThat(other.as(FinishReason.Kind.TOOL_CALLS).raw()).isEqualTo("zz_new_reason");
  }
}
