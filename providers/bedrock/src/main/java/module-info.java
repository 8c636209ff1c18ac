/**
 * The Amazon Bedrock ConverseStream wire protocol family: {@code bedrock}, streamed as AWS binary event-stream
 * messages and authenticated with a Bedrock API key or AWS Signature Version 4. Only the provider class and its
 * credentials helper are exported; the encoder, signer, decoder and error classifier live in the unexported
 * {@code internal} package.
 */
module dev.rill.provider.bedrock {
  requires transitive dev.rill.api;
  requires dev.rill.provider.support;
  requires tools.jackson.core;

  exports dev.rill.provider.bedrock;

  provides dev.rill.api.StreamingProvider with dev.rill.provider.bedrock.BedrockProvider;
}
