package dev.rill.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A credential a provider puts on the wire: an {@link ApiKey}, an expiring {@link BearerToken} (a Vertex AI or
 * Microsoft Entra ID access token) or {@link AwsCredentials} for Signature Version 4. Every secret part is a
 * {@link Secret}, so no {@code toString()} shows it, and {@link Redaction#of(ProviderSettings)} takes each one out of
 * texts.
 *
 * <p>A credential that {@linkplain #expiresAt() expires} is never used past that instant: the runtime asks its
 * {@link CredentialSource} for a new one ahead of time.
 *
 * @since 0.2
 */
public sealed interface Credential permits Credential.ApiKey, Credential.BearerToken, Credential.AwsCredentials {

  /** When this credential stops being valid; empty when it does not expire. */
  Optional<Instant> expiresAt();

  /**
   * The secret a provider sends as a key or bearer token ({@link ApiKey}'s key, {@link BearerToken}'s token); empty
   * for {@link AwsCredentials}, which are used to sign.
   */
  Optional<Secret> bearerSecret();

  /** Every value of this credential that must never be shown (for {@link Redaction}). */
  List<Secret> secrets();

  /** An API key, which does not expire. */
  static ApiKey apiKey(String key) {
    return new ApiKey(Secret.of(key));
  }

  /** A bearer token valid until {@code expiresAt} (null for a token without a known expiry). */
  static BearerToken bearerToken(String token, Instant expiresAt) {
    return new BearerToken(Secret.of(token), expiresAt);
  }

  /**
   * A static API key.
   *
   * @param key the key
   */
  record ApiKey(Secret key) implements Credential {
    public ApiKey {
      Objects.requireNonNull(key, "key");
    }

    @Override
    public Optional<Instant> expiresAt() {
      return Optional.empty();
    }

    @Override
    public Optional<Secret> bearerSecret() {
      return Optional.of(key);
    }

    @Override
    public List<Secret> secrets() {
      return List.of(key);
    }
  }

  /**
   * An OAuth 2 access token sent as {@code Authorization: Bearer <token>}.
   *
   * @param token the token
   * @param expiry when it expires, or null when unknown (then it is treated as not expiring)
   */
  record BearerToken(Secret token, Instant expiry) implements Credential {
    public BearerToken {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public Optional<Instant> expiresAt() {
      return Optional.ofNullable(expiry);
    }

    @Override
    public Optional<Secret> bearerSecret() {
      return Optional.of(token);
    }

    @Override
    public List<Secret> secrets() {
      return List.of(token);
    }
  }

  /**
   * AWS credentials for Signature Version 4: long-term ({@code AKIA...}) or temporary ({@code ASIA...} with a session
   * token). The access key id is not secret to AWS but is redacted like the rest.
   *
   * @param accessKeyId the access key id
   * @param secretAccessKey the secret access key
   * @param sessionToken the session token of temporary credentials, or null
   * @param expiry when temporary credentials expire, or null
   */
  record AwsCredentials(String accessKeyId, Secret secretAccessKey, Secret sessionToken, Instant expiry)
      implements Credential {
    public AwsCredentials {
      Objects.requireNonNull(accessKeyId, "accessKeyId");
      if (accessKeyId.isBlank()) {
        throw new IllegalArgumentException("the access key id must not be blank");
      }
      Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /** The session token, for temporary credentials. */
    public Optional<Secret> session() {
      return Optional.ofNullable(sessionToken);
    }

    @Override
    public Optional<Instant> expiresAt() {
      return Optional.ofNullable(expiry);
    }

    @Override
    public Optional<Secret> bearerSecret() {
      return Optional.empty();
    }

    @Override
    public List<Secret> secrets() {
      List<Secret> all = new ArrayList<>(3);
      all.add(Secret.of(accessKeyId));
      all.add(secretAccessKey);
      if (sessionToken != null) {
        all.add(sessionToken);
      }
      return List.copyOf(all);
    }

    @Override
    public String toString() {
      return "AwsCredentials[accessKeyId=" + Redaction.MASK + ", secretAccessKey=" + Redaction.MASK
          + (sessionToken == null ? "" : ", sessionToken=" + Redaction.MASK) + ", expiry=" + expiry + "]";
    }
  }
}
