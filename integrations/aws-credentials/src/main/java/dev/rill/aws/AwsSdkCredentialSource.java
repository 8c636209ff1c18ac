package dev.rill.aws;

import dev.rill.api.Credential;
import dev.rill.api.CredentialSource;
import dev.rill.api.Secret;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * An AWS SDK v2 {@link AwsCredentialsProvider} as a Rill {@link CredentialSource}: each fetch asks the provider
 * ({@code resolveCredentials()}, which may block on a profile file, an SSO cache, STS or a container or instance
 * metadata endpoint; Rill calls it on its credential thread) and hands Bedrock's SigV4 signer the access key id, the
 * secret key, the session token and the expiry. Rill caches the answer until shortly before that expiry; the SDK's
 * providers cache on their own too, so a refresh costs a call to the endpoint only when the SDK's copy is due.
 *
 * <pre>{@code
 * Rill rill = Rill.builder()
 *     .credentials("bedrock", AwsSdkCredentialSource.defaultChain())
 *     .option("bedrock", "region", "eu-central-1")
 *     .build();
 * }</pre>
 *
 * @since 0.2
 */
public final class AwsSdkCredentialSource implements CredentialSource {
  private final AwsCredentialsProvider provider;
  private final String name;

  private AwsSdkCredentialSource(AwsCredentialsProvider provider) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.name = "aws-sdk:" + provider.getClass().getSimpleName();
  }

  /** The SDK's default chain ({@link DefaultCredentialsProvider}), as the AWS CLI and SDK clients resolve it. */
  public static AwsSdkCredentialSource defaultChain() {
    return new AwsSdkCredentialSource(DefaultCredentialsProvider.builder().build());
  }

  /** Any SDK credentials provider: a profile, a role to assume, a container or instance role, your own. */
  public static AwsSdkCredentialSource of(AwsCredentialsProvider provider) {
    return new AwsSdkCredentialSource(provider);
  }

  @Override
  public String name() {
    return name;
  }

  /** Asks the provider; blocking, on the Rill thread that calls it. */
  @Override
  public CompletionStage<Credential> fetch() {
    return CompletableFuture.completedFuture(convert(provider.resolveCredentials()));
  }

  /** The Rill form of SDK credentials. */
  static Credential.AwsCredentials convert(AwsCredentials c) {
    Secret token = c instanceof AwsSessionCredentials s && s.sessionToken() != null && !s.sessionToken().isBlank()
        ? Secret.of(s.sessionToken()) : null;
    return new Credential.AwsCredentials(c.accessKeyId(), Secret.of(c.secretAccessKey()), token,
        c.expirationTime().orElse(null));
  }

  @Override
  public String toString() {
    return "AwsSdkCredentialSource[" + name + "]";
  }
}
