/**
 * Google Application Default Credentials for Rill: {@link dev.rill.google.GoogleCredentialSource} turns
 * google-auth-library's {@code GoogleCredentials} (a service-account key, gcloud's user credentials, workload identity
 * federation, the metadata server of GCE, GKE and Cloud Run) into a {@link dev.rill.api.CredentialSource} of refreshed
 * access tokens for Vertex AI: Gemini ({@code vertex}) and Claude on Vertex ({@code vertex-anthropic}).
 */
module dev.rill.google {
  requires transitive dev.rill.runtime;
  requires transitive com.google.auth.oauth2;
  requires com.google.auth;

  exports dev.rill.google;
}
