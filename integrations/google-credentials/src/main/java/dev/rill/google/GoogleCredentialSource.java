package dev.rill.google;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import dev.rill.api.Credential;
import dev.rill.api.CredentialSource;
import dev.rill.api.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Google's {@link GoogleCredentials} as a Rill {@link CredentialSource} of OAuth 2 access tokens
 * ({@link Credential.BearerToken}), for Vertex AI. Each fetch has the library mint a new token ({@code refresh()}: a
 * call to the token endpoint, the metadata server or the STS of workload identity federation; blocking, on Rill's
 * credential thread) and returns it with its expiry; Rill keeps it until shortly before that expiry (5 minutes by
 * default), so a one-hour token is fetched about once every 55 minutes, however many streams run.
 *
 * <pre>{@code
 * Rill rill = Rill.builder()
 *     .credentials("vertex", GoogleCredentialSource.applicationDefault())
 *     .option("vertex", "project", "my-project").option("vertex", "region", "europe-west4")
 *     .build();
 * }</pre>
 *
 * @since 0.2
 */
public final class GoogleCredentialSource implements CredentialSource {
  /** The scope Vertex AI accepts. */
  public static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";

  private final GoogleCredentials credentials;
  private final String name;

  private GoogleCredentialSource(GoogleCredentials credentials, String name) {
    this.credentials = credentials;
    this.name = name;
  }

  /**
   * Application Default Credentials ({@code GOOGLE_APPLICATION_CREDENTIALS}, gcloud's application-default login, the
   * metadata server), scoped to {@value #CLOUD_PLATFORM} where the kind needs a scope.
   *
   * @throws UncheckedIOException when no default credentials are found
   */
  public static GoogleCredentialSource applicationDefault() {
    try {
      return new GoogleCredentialSource(scoped(GoogleCredentials.getApplicationDefault()), "google-adc");
    } catch (IOException e) {
      throw new UncheckedIOException("no Google Application Default Credentials: " + e.getMessage(), e);
    }
  }

  /** Any Google credentials (a service account read from a stream, impersonated, external account...). */
  public static GoogleCredentialSource of(GoogleCredentials credentials) {
    Objects.requireNonNull(credentials, "credentials");
    return new GoogleCredentialSource(scoped(credentials), "google:" + credentials.getClass().getSimpleName());
  }

  private static GoogleCredentials scoped(GoogleCredentials c) {
    return c.createScopedRequired() ? c.createScoped(List.of(CLOUD_PLATFORM)) : c;
  }

  @Override
  public String name() {
    return name;
  }

  /** Mints a token; blocking, on the Rill thread that calls it. */
  @Override
  public CompletionStage<Credential> fetch() {
    try {
      credentials.refresh();
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    AccessToken token = credentials.getAccessToken();
    if (token == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("the credentials gave no access token"));
    }
    Instant expiry = token.getExpirationTime() == null ? null : token.getExpirationTime().toInstant();
    return CompletableFuture.completedFuture(new Credential.BearerToken(Secret.of(token.getTokenValue()), expiry));
  }

  @Override
  public String toString() {
    return "GoogleCredentialSource[" + name + "]";
  }
}
