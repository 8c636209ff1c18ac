package dev.rill.api;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where a provider's {@link Credential} comes from when it is not a fixed key: a token endpoint, a cloud SDK's
 * credentials chain, a secrets vault. The runtime asks it for a credential when it has none, or when the one it holds
 * nears its {@linkplain Credential#expiresAt() expiry}; it caches the answer, keeps one fetch in flight per source,
 * and turns a failed fetch into a {@link RillException} of kind {@link ErrorKind#AUTHENTICATION} that names
 * {@link #name()} (never a secret).
 *
 * <p>The runtime calls {@link #fetch()} on a thread of its own, never on an I/O thread, so an implementation may block
 * (as the AWS, Google and Azure libraries do) and return a completed stage, or return a stage that completes later.
 *
 * <pre>{@code
 * Rill rill = Rill.builder().credentials("vertex-gemini", myTokenSource).build();
 * }</pre>
 *
 * @since 0.2
 */
public interface CredentialSource {

  /** A short name for messages, such as {@code google-adc} or {@code aws-sdk:ProfileCredentialsProvider}. */
  String name();

  /**
   * Fetches a current credential. Called on a runtime thread that may block; a failed stage (or a thrown exception)
   * fails the requests waiting for it.
   */
  CompletionStage<Credential> fetch();

  /** A source that always answers {@code credential}. */
  static CredentialSource of(String name, Credential credential) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(credential, "credential");
    return new CredentialSource() {
      @Override public String name() { return name; }
      @Override public CompletionStage<Credential> fetch() { return CompletableFuture.completedFuture(credential); }
      @Override public String toString() { return "CredentialSource[" + name + "]"; }
    };
  }
}
