/**
 * The AWS SDK v2 credentials chain for Rill: {@link dev.rill.aws.AwsSdkCredentialSource} turns any
 * {@code AwsCredentialsProvider} (the default chain: environment, profiles, SSO, web identity, container and instance
 * roles) into a {@link dev.rill.api.CredentialSource} of {@link dev.rill.api.Credential.AwsCredentials}, which the
 * Bedrock plugin signs with its own SigV4 signer.
 */
module dev.rill.aws {
  requires transitive dev.rill.runtime;
  requires transitive software.amazon.awssdk.auth;
  requires software.amazon.awssdk.identity.spi;

  exports dev.rill.aws;
}
