package dev.rill.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.DefaultAzureCredentialBuilder;
import dev.rill.api.Credential;
import dev.rill.api.CredentialSource;
import dev.rill.api.Secret;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An Azure {@link TokenCredential} as a Rill {@link CredentialSource} of Microsoft Entra ID tokens
 * ({@link Credential.BearerToken}) for the scope {@value #COGNITIVE_SERVICES}, which Azure OpenAI accepts. Each fetch
 * asks the credential ({@code getTokenSync}: blocking, on Rill's credential thread; the credential may answer from
 * its own cache) and returns the token with its expiry; Rill keeps it until shortly before that expiry. The Azure
 * plugins send a bearer token as {@code Authorization: Bearer <token>} instead of {@code api-key}.
 *
 * <pre>{@code
 * Rill rill = Rill.builder()
 *     .credentials("azure-openai", AzureTokenSource.defaultAzureCredential())
 *     .option("azure-openai", "resource", "my-resource")
 *     .build();
 * }</pre>
 *
 * @since 0.2
 */
public final class AzureTokenSource implements CredentialSource {
  /** The Entra ID scope of Azure AI services, Azure OpenAI included. */
  public static final String COGNITIVE_SERVICES = "https://cognitiveservices.azure.com/.default";

  private final TokenCredential credential;
  private final TokenRequestContext request;
  private final String name;

  private AzureTokenSource(TokenCredential credential, List<String> scopes, String name) {
    this.credential = Objects.requireNonNull(credential, "credential");
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("at least one scope is needed");
    }
    this.request = new TokenRequestContext().setScopes(List.copyOf(scopes));
    this.name = name;
  }

  /**
   * {@code DefaultAzureCredential}: environment variables, workload identity, managed identity, the Azure CLI,
   * PowerShell and developer tools, in Azure Identity's order.
   */
  public static AzureTokenSource defaultAzureCredential() {
    return new AzureTokenSource(new DefaultAzureCredentialBuilder().build(), List.of(COGNITIVE_SERVICES),
        "azure:DefaultAzureCredential");
  }

  /** Any credential, for {@value #COGNITIVE_SERVICES}. */
  public static AzureTokenSource of(TokenCredential credential) {
    return of(credential, List.of(COGNITIVE_SERVICES));
  }

  /** Any credential, for these scopes (a sovereign cloud's, for instance). */
  public static AzureTokenSource of(TokenCredential credential, List<String> scopes) {
    return new AzureTokenSource(credential, scopes, "azure:" + credential.getClass().getSimpleName());
  }

  @Override
  public String name() {
    return name;
  }

  /** Asks the credential for a token; blocking, on the Rill thread that calls it. */
  @Override
  public CompletionStage<Credential> fetch() {
    AccessToken token = credential.getTokenSync(request);
    if (token == null || token.getToken() == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("the credential gave no token"));
    }
    return CompletableFuture.completedFuture(new Credential.BearerToken(Secret.of(token.getToken()),
        token.getExpiresAt() == null ? null : token.getExpiresAt().toInstant()));
  }

  @Override
  public String toString() {
    return "AzureTokenSource[" + name + "]";
  }
}
