package dev.rill.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    ProviderSettings settings = ProviderSettings.of("bedrock", URI.create("https://example.test"), Secret.of(KEY),
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
  void theProviderCodeIsScrubbedToo() {
    // A 401 whose error code echoes the key printed it as "[HTTP 401, code sk-...]" (twice under rill stream --json).
    RillException e = RillException.builder(ErrorKind.AUTHENTICATION).provider("openai").httpStatus(401)
        .providerCode(KEY).providerMessage("bad key").scrub(Secret.of(KEY)).build();
    assertThat(e.providerCode()).isEqualTo("***");
    assertThat(e.getMessage()).doesNotContain(KEY).contains("code ***");
  }

  @Test
  void theRedactionAppliesWhateverOrderTheFieldsAreSetIn() {
    ChatResponse partial = new ChatResponse("openai", "m", null, "said " + KEY, "", "", List.of(), null, null, 1,
        List.of(), List.of("skipped event: {\"key\":\"" + KEY + "\"}"), null, List.of());
    RillException e = RillException.builder(ErrorKind.MALFORMED_RESPONSE).redact(Redaction.of(Secret.of(KEY)))
        .message("m " + KEY).providerCode(KEY).providerMessage(KEY).rawEvent("data: " + KEY).partial(partial)
        .build();
    assertThat(e.getMessage()).doesNotContain(KEY);
    assertThat(e.detail()).isEqualTo("m ***");
    assertThat(e.providerCode()).isEqualTo("***");
    assertThat(e.providerMessage()).isEqualTo("***");
    assertThat(e.rawEvent()).isEqualTo("data: ***");
    assertThat(e.partial().warnings()).singleElement().asString().doesNotContain(KEY).contains("***");
    assertThat(e.partial().text()).as("the model's output is the user's data, kept as it is").contains(KEY);
    assertThat(e.toBuilder().build().getMessage()).doesNotContain(KEY);
  }

  @Test
  void aCauseWhoseMessageQuotesTheKeyIsReplacedByARedactedCopy() {
    IllegalStateException parser = new IllegalStateException("Unrecognized token '" + KEY + "': was expecting JSON");
    RuntimeException outer = new RuntimeException("wrapped", parser);
    RillException e = RillException.builder(ErrorKind.MALFORMED_RESPONSE).message("bad event").cause(outer)
        .scrub(Secret.of(KEY)).build();
    java.io.StringWriter trace = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(trace));
    assertThat(trace.toString()).doesNotContain(KEY).contains("java.lang.IllegalStateException (redacted): "
        + "Unrecognized token '***'").contains("java.lang.RuntimeException (redacted): wrapped");
    assertThat(((Redaction.RedactedThrowable) e.getCause()).originalClass()).isEqualTo("java.lang.RuntimeException");
    assertThat(e.getCause().getStackTrace()).isEqualTo(outer.getStackTrace());

    IllegalStateException clean = new IllegalStateException("nothing secret");
    assertThat(RillException.builder(ErrorKind.SERVER).cause(clean).scrub(Secret.of(KEY)).build().getCause())
        .as("a chain without the key is kept as it is").isSameAs(clean);
  }

  @Test
  void settingsGiveEveryCredentialTheyHoldButNotShortOptionValues() {
    ProviderSettings settings = ProviderSettings.of("bedrock", URI.create("https://example.test"), Secret.of(KEY),
        Map.of("X-Custom-Token", "Bearer tok-0123456789"),
        Map.of("aws-secret-access-key", "wJalrXUtnFEMI/K7MDENG", "max-tokens", "1000"));
    Redaction r = Redaction.of(settings);
    assertThat(r.apply("a " + KEY + " b tok-0123456789 c wJalrXUtnFEMI/K7MDENG d wJalrXUtnFEMI\\/K7MDENG e 1000"))
        .isEqualTo("a *** b *** c *** d *** e 1000");
    assertThat(r.toString()).doesNotContain(KEY);
    assertThat(Redaction.NONE.apply("x " + KEY)).contains(KEY);
  }

  @Test
  void bytesAreRedactedAcrossReadBoundariesKeepingTheReads() {
    Redaction r = Redaction.of(Secret.of("sk-canary-123"));
    byte[] body = "data: {\"error\":\"sk-canary-123 is bad; sk-canary-123\"}\n\n".getBytes(StandardCharsets.UTF_8);
    String whole = new String(r.apply(body), StandardCharsets.UTF_8);
    assertThat(whole).isEqualTo("data: {\"error\":\"*** is bad; ***\"}\n\n");
    for (int cut = 0; cut <= body.length; cut++) {
      for (int cut2 = cut; cut2 <= body.length; cut2 += 3) {
        List<byte[]> reads = r.applyToReads(List.of(java.util.Arrays.copyOfRange(body, 0, cut),
            java.util.Arrays.copyOfRange(body, cut, cut2), java.util.Arrays.copyOfRange(body, cut2, body.length)));
        assertThat(reads).hasSize(3);
        StringBuilder joined = new StringBuilder();
        reads.forEach(b -> joined.append(new String(b, StandardCharsets.UTF_8)));
        assertThat(joined.toString()).as("cuts %d, %d", cut, cut2).isEqualTo(whole);
      }
    }
  }

  @Test
  void aUriLosesItsUserInfoAndCredentialParameters() {
    HttpCall call = HttpCall.post(URI.create("https://user:pw-secret@example.test/v1?access_token=t0k&alt=sse"),
        Map.of(), new byte[0]);
    assertThat(call.toString()).doesNotContain("pw-secret").doesNotContain("t0k").contains("alt=sse")
        .contains("***@example.test");
  }

  @Test
  void anUnknownFinishReasonIsNeverStopByConstructionOfTheApi() {
    FinishReason other = FinishReason.of(FinishReason.Kind.OTHER, "zz_new_reason");
    assertThat(other.kind()).isNotEqualTo(FinishReason.Kind.STOP);
    assertThat(other.as(FinishReason.Kind.TOOL_CALLS).raw()).isEqualTo("zz_new_reason");
  }
}
