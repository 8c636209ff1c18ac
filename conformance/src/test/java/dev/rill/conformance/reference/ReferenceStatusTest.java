package dev.rill.conformance.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderError;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reference plugin answers a redirect and a 402 as every shipped plugin does (see the cli's StatusAgreementTest). */
class ReferenceStatusTest {

  @Test
  void aRedirectIsTheSharedRedirectErrorAndPaymentRequiredIsQuotaExhausted() {
    ReferenceProvider p = new ReferenceProvider();
    Map<String, String> headers = Map.of("location", "https://elsewhere.test/v1");
    assertThat(p.classifyError(307, headers, "<html/>".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(ProviderError.redirect(307, headers));
    assertThat(p.classifyError(402, Map.of(), new byte[0]).kind()).isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
  }
}
