package dev.rill.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rill.api.Capability;
import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.Framing;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.RillException;
import dev.rill.api.Secret;
import dev.rill.api.StreamingProvider;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class BedrockProviderTest {

  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final String TOKEN = "FQoGZXIvYXdzEXAMPLEtoken";
  private static final URI DEFAULT_BASE = URI.create("https://bedrock-runtime.us-east-1.amazonaws.com");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);

  private final BedrockProvider provider = new BedrockProvider(CLOCK);
  private final ChatRequest request = ChatRequest.builder("anthropic.claude-3-haiku-20240307-v1:0").user("Hi").build();

  private static ProviderSettings settings(Secret key, Map<String, String> options) {
    return ProviderSettings.of("bedrock", DEFAULT_BASE, key, Map.of(), options);
  }

  private static Map<String, String> awsOptions(boolean withToken) {
    Map<String, String> o = new HashMap<>();
    o.put("aws-access-key-id", "AKIDEXAMPLE");
    o.put("aws-secret-access-key", SECRET);
    if (withToken) {
      o.put("aws-session-token", TOKEN);
    }
    return o;
  }

  @Test
  void info() {
    ProviderInfo info = provider.info();
    assertThat(info.id()).isEqualTo("bedrock");
    assertThat(info.displayName()).isEqualTo("Amazon Bedrock");
    assertThat(info.family()).isEqualTo("bedrock-eventstream");
    assertThat(info.defaultBaseUrl()).isEqualTo(DEFAULT_BASE);
    assertThat(info.apiKeyEnv()).isEqualTo("AWS_BEARER_TOKEN_BEDROCK");
    assertThat(info.framing()).isEqualTo(Framing.AWS_EVENT_STREAM);
    assertThat(info.capabilities()).containsExactlyInAnyOrder(Capability.TEXT, Capability.TOOLS, Capability.REASONING,
        Capability.USAGE_IN_STREAM, Capability.IMAGES, Capability.SYSTEM_PROMPT, Capability.FINISH_REASON);
    assertThat(info.spiVersion()).isEqualTo(StreamingProvider.SPI_VERSION);
    assertThat(info.capabilitiesFor("us.amazon.titan-text-express-v1")).doesNotContain(Capability.SYSTEM_PROMPT);
    assertThat(info.capabilitiesFor("meta.llama3-8b-instruct-v1:0")).doesNotContain(Capability.TOOLS);
    assertThat(info.capabilitiesFor("anthropic.claude-3-5-haiku-20241022-v1:0")).doesNotContain(Capability.IMAGES);
    assertThat(info.capabilitiesFor("us.anthropic.claude-sonnet-4-5-20250929-v1:0")).isEqualTo(info.capabilities());
    assertThat(info.capabilitiesFor("us.amazon.nova-2-lite-v1:0")).contains(Capability.REASONING);
    // families whose inference parameters have no reasoning field do not take reasoning options
    for (String model : List.of("us.meta.llama3-3-70b-instruct-v1:0", "meta.llama4-maverick-17b-instruct-v1:0",
        "mistral.mistral-large-2407-v1:0", "mistral.mixtral-8x7b-instruct-v0:1", "cohere.command-r-plus-v1:0",
        "us.deepseek.r1-v1:0", "anthropic.claude-3-5-sonnet-20240620-v1:0", "amazon.nova-lite-v1:0",
        "us.amazon.nova-pro-v1:0")) {
      assertThat(info.capabilitiesFor(model)).as(model).doesNotContain(Capability.REASONING).contains(Capability.TEXT);
    }
  }

  @Test
  void anApiKeyIsSentAsBearer() {
    HttpCall call = provider.prepare(request, settings(Secret.of("bedrock-api-key-123"), Map.of()));
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.uri()).isEqualTo(URI.create("https://bedrock-runtime.us-east-1.amazonaws.com/model/"
        + "anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream"));
    assertThat(call.headers()).containsExactly(Map.entry("content-type", "application/json"),
        Map.entry("accept", "application/vnd.amazon.eventstream"),
        Map.entry("authorization", "Bearer bedrock-api-key-123"));
    assertThat(call.bodyText()).isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}");
    assertThat(call.toString()).doesNotContain("bedrock-api-key-123");
  }

  /**
   * SigV4 with the suite's example credentials at the suite's date. The expected signatures were computed by an
   * independent implementation (Python hashlib/hmac, following botocore's rule of URI-encoding the sent path once
   * more, so {@code v1%3A0} is signed as {@code v1%253A0}), not by this plugin.
   */
  @Test
  void withoutAKeyTheCallIsSignedWithSigV4() {
    HttpCall call = provider.prepare(request, settings(null, awsOptions(false)));
    String payloadHash = "45e583fed2564dc00e823303d7609f8587af7f685b993cb0f998afc0d480b01d";
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("content-type", "application/json");
    expected.put("accept", "application/vnd.amazon.eventstream");
    expected.put("host", "bedrock-runtime.us-east-1.amazonaws.com");
    expected.put("x-amz-date", "20150830T123600Z");
    expected.put("x-amz-content-sha256", payloadHash);
    expected.put("authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/bedrock/aws4_request, "
        + "SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
        + "Signature=720d222a697352d798e46eba9101055616872c12e77cc390cf41a4b12e9a4b93");
    assertThat(call.headers()).containsExactlyEntriesOf(expected);
    assertThat(call.toString()).doesNotContain(SECRET).doesNotContain("Signature=");
  }

  @Test
  void aSessionTokenIsSentAndSigned() {
    HttpCall call = provider.prepare(request, settings(null, awsOptions(true)));
    assertThat(call.headers()).containsEntry("x-amz-security-token", TOKEN);
    assertThat(call.headers().get("authorization")).endsWith(
        "SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, "
            + "Signature=c29bb1f91de27b5cdbce1a067166c18409f7785dccd8e8c387df8171e5f59f0d");
    assertThat(call.withoutCredentials().headers().get("x-amz-security-token")).isEqualTo("***");
    assertThat(call.toString()).doesNotContain(TOKEN).doesNotContain(SECRET);
  }

  /** The same vectors with the credential in the settings (SPI 2, as a CredentialSource delivers it): same bytes. */
  @Test
  void awsCredentialsInTheSettingsSignLikeTheOptions() {
    ProviderSettings s = settings(null, Map.of()).withCredential(new dev.rill.api.Credential.AwsCredentials(
        "AKIDEXAMPLE", Secret.of(SECRET), Secret.of(TOKEN), Instant.parse("2015-08-30T13:36:00Z")));
    HttpCall call = provider.prepare(request, s);
    assertThat(call.headers()).isEqualTo(provider.prepare(request, settings(null, awsOptions(true))).headers());
    assertThat(call.headers().get("authorization")).endsWith(
        "Signature=c29bb1f91de27b5cdbce1a067166c18409f7785dccd8e8c387df8171e5f59f0d");
    assertThat(s.toString()).doesNotContain(SECRET).doesNotContain(TOKEN).doesNotContain("AKIDEXAMPLE");
  }

  @Test
  void theRegionPicksTheEndpointAndTheScope() {
    Map<String, String> options = awsOptions(false);
    options.put("region", "eu-west-3");
    HttpCall call = provider.prepare(ChatRequest.builder(
        "arn:aws:bedrock:eu-west-3:123456789012:inference-profile/eu.anthropic.claude-3-7-sonnet-20250219-v1:0")
        .user("Hi").build(), settings(null, options));
    assertThat(call.uri().toString()).isEqualTo("https://bedrock-runtime.eu-west-3.amazonaws.com/model/"
        + "arn%3Aaws%3Abedrock%3Aeu-west-3%3A123456789012%3Ainference-profile%2Feu.anthropic.claude-3-7-sonnet-20250219"
        + "-v1%3A0/converse-stream");
    assertThat(call.headers().get("host")).isEqualTo("bedrock-runtime.eu-west-3.amazonaws.com");
    assertThat(call.headers().get("authorization")).contains("/20150830/eu-west-3/bedrock/aws4_request");
    RillException bad = catchThrowableOfType(RillException.class, () -> provider.prepare(request,
        settings(Secret.of("k"), Map.of("region", "EU West"))));
    assertThat(bad.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
  }

  @Test
  void anOverriddenBaseKeepsItsHostAndPortInTheSignature() {
    ProviderSettings s = ProviderSettings.of("bedrock", URI.create("http://127.0.0.1:8089/proxy/"), null,
        Map.of("X-Trace", "1"), awsOptions(false));
    HttpCall call = provider.prepare(request, s);
    assertThat(call.uri().toString()).isEqualTo("http://127.0.0.1:8089/proxy/model/"
        + "anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream");
    assertThat(call.headers()).containsEntry("host", "127.0.0.1:8089").containsEntry("X-Trace", "1");
  }

  @Test
  void missingCredentialsNameWhatToSet() {
    RillException none = catchThrowableOfType(RillException.class, () -> provider.prepare(request,
        settings(null, Map.of())));
    assertThat(none.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
    assertThat(none.getMessage()).contains("AWS_BEARER_TOKEN_BEDROCK").contains("aws-access-key-id")
        .contains("aws-secret-access-key");
    RillException noSecret = catchThrowableOfType(RillException.class, () -> provider.prepare(request,
        settings(null, Map.of("aws-access-key-id", "AKIDEXAMPLE"))));
    assertThat(noSecret.getMessage()).contains("no option 'aws-secret-access-key'");
    RillException noId = catchThrowableOfType(RillException.class, () -> provider.prepare(request,
        settings(null, Map.of("aws-secret-access-key", SECRET))));
    assertThat(noId.getMessage()).contains("no option 'aws-access-key-id'").doesNotContain(SECRET);
  }

  @Test
  void credentialsFromTheEnvironmentHideTheSecret() {
    Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", SECRET,
        "AWS_SESSION_TOKEN", TOKEN, "AWS_DEFAULT_REGION", "us-west-2", "AWS_REGION", " ");
    Map<String, String> options = BedrockCredentials.fromEnvironment(env::get);
    assertThat(options).containsExactly(Map.entry("aws-access-key-id", "AKIDEXAMPLE"),
        Map.entry("aws-secret-access-key", SECRET), Map.entry("aws-session-token", TOKEN),
        Map.entry("region", "us-west-2"));
    assertThat(options.toString()).doesNotContain(SECRET).doesNotContain(TOKEN).contains("AKIDEXAMPLE");
    assertThat(BedrockCredentials.fromEnvironment(name -> null)).isEmpty();
    HttpCall call = provider.prepare(request, settings(null, options));
    assertThat(call.uri().getHost()).isEqualTo("bedrock-runtime.us-west-2.amazonaws.com");
  }

  @Test
  void discoveredThroughServiceLoader() {
    List<String> ids = ServiceLoader.load(StreamingProvider.class).stream().map(p -> p.get().info().id()).toList();
    assertThat(ids).contains("bedrock");
  }

  @Test
  void eachStreamGetsAFreshDecoder() {
    assertThat(provider.newDecoder(request)).isNotSameAs(provider.newDecoder(request));
  }

  @Test
  void classifyErrorReadsTheErrorTypeHeader() {
    var e = provider.classifyError(429, Map.of("x-amzn-errortype", "ThrottlingException:http://internal.amazon.com/"),
        "{\"message\":\"Too many requests, please wait before trying again.\"}".getBytes());
    assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(e.code()).isEqualTo("ThrottlingException");
  }
}
