package dev.rill.provider.bedrock;

import dev.rill.api.Capability;
import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.Framing;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderError;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.Secret;
import dev.rill.api.StreamDecoder;
import dev.rill.api.StreamingProvider;
import dev.rill.provider.bedrock.internal.AwsCredentials;
import dev.rill.provider.bedrock.internal.BedrockModels;
import dev.rill.provider.bedrock.internal.ConverseErrorClassifier;
import dev.rill.provider.bedrock.internal.ConverseRequestEncoder;
import dev.rill.provider.bedrock.internal.ConverseStreamDecoder;
import dev.rill.provider.bedrock.internal.Endpoints;
import dev.rill.provider.bedrock.internal.SigV4Signer;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Amazon Bedrock through the Converse API, streamed: {@code POST https://bedrock-runtime.<region>.amazonaws.com/model/
 * <model id>/converse-stream}, answered as AWS binary event-stream messages. Provider id {@code bedrock}, wire family
 * {@code bedrock-eventstream}. The model is the Bedrock model id or inference profile, e.g.
 * {@code bedrock:anthropic.claude-3-5-haiku-20241022-v1:0} or {@code bedrock:us.amazon.nova-micro-v1:0}.
 *
 * <p><b>Region.</b> The option {@code region} (default {@value Endpoints#DEFAULT_REGION}) picks the regional endpoint
 * and the SigV4 scope. The plugin reads no environment: pass {@code AWS_REGION} as that option, for instance with
 * {@link BedrockCredentials#fromEnvironment}. A base URL set in the settings (a proxy, a VPC endpoint, a test server)
 * replaces the regional host; the path stays the same.
 *
 * <p><b>Credentials</b>, in this order:
 * <ol>
 *   <li>a Bedrock API key, which the runtime resolves like any provider key (environment variable
 *       {@value #API_KEY_ENV}, system property {@code rill.provider.bedrock.api-key}, or the client's
 *       {@code apiKey("bedrock", ...)}), sent as {@code Authorization: Bearer <key>};
 *   <li>otherwise AWS Signature Version 4 (service {@code bedrock}) with the settings'
 *       {@link dev.rill.api.Credential.AwsCredentials} when the client has them (a {@link dev.rill.api.CredentialSource}
 *       such as {@code rill-aws-credentials}' adapter of the AWS SDK's credentials chain, refreshed before they
 *       expire), else with the options {@code aws-access-key-id},
 *       {@code aws-secret-access-key} and, for temporary credentials, {@code aws-session-token}
 *       ({@link BedrockCredentials#fromEnvironment} reads them from {@code AWS_ACCESS_KEY_ID},
 *       {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN}). The signed headers are {@code host},
 *       {@code x-amz-date}, {@code x-amz-content-sha256} and {@code x-amz-security-token}; the signature is in
 *       {@code authorization}. Extra headers from the settings are added but not signed.
 * </ol>
 * With neither, {@link #prepare} fails with {@link ErrorKind#AUTHENTICATION} naming what to set. The secret key never
 * appears in a message or a {@code toString()} of this plugin; note that the runtime's {@link ProviderSettings} record
 * prints its options as given.
 *
 * <p>Body, stream decoding and error classification: see {@code ConverseRequestEncoder},
 * {@code ConverseStreamDecoder} (the stream ends on the {@code metadata} event that carries the usage) and
 * {@code ConverseErrorClassifier} in the internal package. Stateless and thread-safe; the constructor does nothing.
 *
 * @since 0.1
 */
public final class BedrockProvider implements StreamingProvider {

  /** The provider id. */
  public static final String ID = "bedrock";
  /** The environment variable holding a Bedrock API key. */
  public static final String API_KEY_ENV = "AWS_BEARER_TOKEN_BEDROCK";
  /** The SigV4 service name. */
  public static final String SIGNING_SERVICE = "bedrock";

  private static final ProviderInfo INFO = ProviderInfo.builder(ID, "Amazon Bedrock")
      .family("bedrock-eventstream")
      .defaultBaseUrl(Endpoints.regionalBase(Endpoints.DEFAULT_REGION))
      .apiKeyEnv(API_KEY_ENV)
      .framing(Framing.AWS_EVENT_STREAM)
      .capabilities(Capability.TEXT, Capability.TOOLS, Capability.REASONING, Capability.USAGE_IN_STREAM,
          Capability.IMAGES, Capability.SYSTEM_PROMPT, Capability.FINISH_REASON)
      .models(BedrockModels.ROWS)
      .build();

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final ConverseRequestEncoder ENCODER = new ConverseRequestEncoder(ID);
  private static final ConverseErrorClassifier CLASSIFIER = new ConverseErrorClassifier();

  private final Clock clock;

  /** Creates the provider; no I/O. */
  public BedrockProvider() {
    this(Clock.systemUTC());
  }

  /** A provider whose SigV4 signatures are dated by {@code clock}; for tests. */
  BedrockProvider(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public ProviderInfo info() {
    return INFO;
  }

  @Override
  public HttpCall prepare(ChatRequest request, ProviderSettings settings) {
    String region = Endpoints.region(settings);
    URI base = settings.baseUrl().equals(INFO.defaultBaseUrl()) ? Endpoints.regionalBase(region) : settings.baseUrl();
    URI uri = Endpoints.converseStream(base, request.model());
    Optional<Secret> key = settings.key();
    AwsCredentials credentials = key.isPresent() ? null
        : settings.credential() instanceof dev.rill.api.Credential.AwsCredentials aws
            ? new AwsCredentials(aws.accessKeyId(), aws.secretAccessKey(), aws.sessionToken())
            : AwsCredentials.from(settings, API_KEY_ENV);
    byte[] body = ENCODER.encode(request);
    Map<String, String> fixed = new LinkedHashMap<>();
    fixed.put("content-type", "application/json");
    fixed.put("accept", Framing.AWS_EVENT_STREAM.mediaType());
    if (key.isPresent()) {
      fixed.put("authorization", "Bearer " + key.get().reveal());
      return HttpCall.post(uri, Endpoints.headers(fixed, settings), body);
    }
    Map<String, String> headers = Endpoints.headers(fixed, settings);
    Map<String, String> signed = new LinkedHashMap<>();
    signed.put("host", Endpoints.host(uri));
    signed.put(SigV4Signer.X_AMZ_DATE, AMZ_DATE.format(clock.instant()));
    String payloadHash = SigV4Signer.sha256Hex(body);
    signed.put("x-amz-content-sha256", payloadHash);
    if (credentials.sessionToken() != null) {
      signed.put("x-amz-security-token", credentials.sessionToken().reveal());
    }
    SigV4Signer.Signature signature = new SigV4Signer(SIGNING_SERVICE, region).sign("POST", uri.getRawPath(),
        uri.getRawQuery(), signed, payloadHash, credentials.accessKeyId(), credentials.secretAccessKey().reveal());
    signed.put("authorization", signature.authorization());
    for (Map.Entry<String, String> h : signed.entrySet()) {
      headers.keySet().removeIf(name -> name.equalsIgnoreCase(h.getKey()));
      headers.put(h.getKey(), h.getValue());
    }
    return HttpCall.post(uri, headers, body);
  }

  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new ConverseStreamDecoder(ID, request.model());
  }

  @Override
  public ProviderError classifyError(int status, Map<String, String> headers, byte[] body) {
    return CLASSIFIER.classify(status, headers, body);
  }
}
