/**
 * Azure Identity for Rill: {@link dev.rill.azure.AzureTokenSource} turns a {@code TokenCredential}
 * ({@code DefaultAzureCredential}, a managed identity, a service principal, workload identity, the Azure CLI...) into a
 * {@link dev.rill.api.CredentialSource} of Microsoft Entra ID tokens for Azure OpenAI ({@code azure-openai}) and
 * Azure OpenAI Responses ({@code azure-openai-responses}).
 */
module dev.rill.azure {
  requires transitive dev.rill.runtime;
  requires transitive com.azure.core;
  requires com.azure.identity;

  exports dev.rill.azure;
}
