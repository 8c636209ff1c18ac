package dev.rill.aws;

import dev.rill.runtime.Rill;

/** The AWS snippet of {@code docs/integrations.md}, compiled here (it reads the machine's AWS configuration). */
final class AwsSnippets {
  private AwsSnippets() {}

  static Rill client() {
    // snippet: aws
    Rill rill = Rill.builder()
        .credentials("bedrock", AwsSdkCredentialSource.defaultChain()) // env, profiles, SSO, web identity, ECS, EC2
        .option("bedrock", "region", "eu-central-1")
        .build();
    // end
    return rill;
  }
}
