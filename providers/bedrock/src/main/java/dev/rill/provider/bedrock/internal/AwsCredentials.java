package dev.rill.provider.bedrock.internal;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderSettings;
import dev.rill.api.RillException;
import dev.rill.api.Secret;
import java.util.Objects;

/**
 * AWS credentials for SigV4, read from the provider settings' options. {@link #toString()} never shows the secret
 * key or the session token.
 *
 * @param accessKeyId the access key id ({@code AKIA...} or {@code ASIA...})
 * @param secretAccessKey the secret access key
 * @param sessionToken the session token of temporary credentials, or null
 */
public record AwsCredentials(String accessKeyId, Secret secretAccessKey, Secret sessionToken) {

  /** The option holding the access key id. */
  public static final String ACCESS_KEY_ID = "aws-access-key-id";
  /** The option holding the secret access key. */
  public static final String SECRET_ACCESS_KEY = "aws-secret-access-key";
  /** The option holding the session token. */
  public static final String SESSION_TOKEN = "aws-session-token";

  public AwsCredentials {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
  }

  /**
   * The credentials in {@code settings}' options.
   *
   * @throws RillException of kind {@link ErrorKind#AUTHENTICATION} naming what to set when the access key id or the
   *     secret key is missing
   */
  public static AwsCredentials from(ProviderSettings settings, String apiKeyEnv) {
    String id = option(settings, ACCESS_KEY_ID);
    String secret = option(settings, SECRET_ACCESS_KEY);
    if (id == null || secret == null) {
      String missing = id == null && secret == null ? "no credentials" : "no option '"
          + (id == null ? ACCESS_KEY_ID : SECRET_ACCESS_KEY) + "'";
      throw RillException.builder(ErrorKind.AUTHENTICATION).provider(settings.providerId())
          .message(missing + " for provider '" + settings.providerId() + "': set a Bedrock API key (the environment "
              + "variable " + apiKeyEnv + ", the system property rill.provider." + settings.providerId()
              + ".api-key, or the client's apiKey), or pass AWS credentials as the options " + ACCESS_KEY_ID + " and "
              + SECRET_ACCESS_KEY + " (and " + SESSION_TOKEN + " for temporary credentials), e.g. from "
              + "BedrockCredentials.fromEnvironment(System::getenv), which reads AWS_ACCESS_KEY_ID, "
              + "AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN")
          .build();
    }
    String token = option(settings, SESSION_TOKEN);
    return new AwsCredentials(id, Secret.of(secret), token == null ? null : Secret.of(token));
  }

  private static String option(ProviderSettings settings, String name) {
    return settings.option(name).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
  }

  @Override
  public String toString() {
    return "AwsCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***"
        + (sessionToken == null ? "" : ", sessionToken=***") + "]";
  }
}
