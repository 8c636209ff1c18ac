package dev.rill.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialTest {
  static final URI BASE = URI.create("https://example.invalid/");
  static final Credential.AwsCredentials AWS = new Credential.AwsCredentials("ASIAEXAMPLEKEYID1234",
      Secret.of("secret/access+key-0123456789"), Secret.of("session-token-0123456789"),
      Instant.parse("2026-01-01T01:00:00Z"));

  @Test
  void aKeyAloneBecomesAnApiKeyCredentialAndABearerTokenGivesTheKey() {
    ProviderSettings keyOnly = ProviderSettings.of("p", BASE, Secret.of("sk-0123456789"));
    assertThat(keyOnly.credential()).isEqualTo(new Credential.ApiKey(Secret.of("sk-0123456789")));

    ProviderSettings token = keyOnly.withCredential(Credential.bearerToken("tok-0123456789", Instant.EPOCH));
    assertThat(token.apiKey()).isEqualTo(Secret.of("tok-0123456789"));
    assertThat(token.requireKey("X")).isEqualTo(Secret.of("tok-0123456789"));
  }

  @Test
  void awsCredentialsLeaveNoKeyAndAKeyPluginSaysWhy() {
    ProviderSettings aws = ProviderSettings.of("p", BASE, null).withCredential(AWS);
    assertThat(aws.apiKey()).isNull();
    assertThat(aws.findCredential()).contains(AWS);
    assertThatThrownBy(() -> aws.requireKey("P_KEY")).isInstanceOfSatisfying(RillException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
      assertThat(e.getMessage()).contains("AwsCredentials");
    });
  }

  @Test
  void disagreeingKeyAndCredentialAreRefused() {
    assertThatThrownBy(() -> new ProviderSettings("p", BASE, Secret.of("sk-a-0123456789"), Map.of(), Map.of(),
        Credential.apiKey("sk-b-0123456789"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noToStringShowsASecretAndRedactionCoversEveryPart() {
    ProviderSettings aws = ProviderSettings.of("p", BASE, null).withCredential(AWS);
    assertThat(aws.toString() + AWS).doesNotContain("ASIAEXAMPLEKEYID1234").doesNotContain("secret/access")
        .doesNotContain("session-token").contains("credential=AwsCredentials");
    Redaction r = Redaction.of(aws);
    assertThat(r.apply("id ASIAEXAMPLEKEYID1234 key secret\\/access+key-0123456789 token session-token-0123456789"))
        .isEqualTo("id *** key *** token ***");
    ProviderSettings bearer = aws.withCredential(Credential.bearerToken("ya29.token-0123456789", null));
    assertThat(Redaction.of(bearer).apply("echo ya29.token-0123456789")).isEqualTo("echo ***");
    assertThat(bearer.toString()).doesNotContain("ya29");
  }

  @Test
  void headersAddedPerCallReplaceTheClientsIgnoringCase() {
    ProviderSettings s = ProviderSettings.of("p", BASE, null, Map.of("X-Tenant", "a", "X-Other", "o"), Map.of());
    assertThat(s.withHeaders(Map.of("x-tenant", "b")).headers()).containsOnly(
        Map.entry("x-tenant", "b"), Map.entry("X-Other", "o"));
  }

  @Test
  void aFixedSourceAnswersItsCredential() throws Exception {
    CredentialSource source = CredentialSource.of("fixed", AWS);
    assertThat(source.fetch().toCompletableFuture().get()).isSameAs(AWS);
    assertThat(source.name()).isEqualTo("fixed");
  }
}
