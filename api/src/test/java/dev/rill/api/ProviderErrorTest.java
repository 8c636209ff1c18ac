package dev.rill.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared status table, redirects and retry delays. */
class ProviderErrorTest {

  @Test
  void paymentRequiredIsQuotaExhausted() {
    assertThat(ProviderError.kindForStatus(402)).isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
    assertThat(ErrorKind.QUOTA_EXHAUSTED.retryableByDefault()).isFalse();
  }

  @Test
  void aRedirectIsNotFollowedAndSaysTheBaseUrlIsProbablyWrong() {
    for (int status : new int[] {301, 302, 303, 307, 308}) {
      ProviderError e = ProviderError.redirect(status, Map.of("location", "https://api.example.test/v2/chat?key=sk-1"));
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(e.message()).contains("HTTP " + status).contains("does not follow").contains("base URL is probably wrong")
          .contains("https://api.example.test/v2/chat?key=***").doesNotContain("sk-1");
      assertThat(e.retryAfter()).isNull();
    }
    assertThat(ProviderError.redirect(302, Map.of()).message()).contains("base URL is probably wrong");
    assertThat(ProviderError.redirect(302, Map.of("Location", "/elsewhere")).message()).contains("to /elsewhere");
  }

  @Test
  void theDefaultClassifierAnswersARedirectTheSharedWay() {
    StreamingProvider p = new StreamingProvider() {
      @Override public ProviderInfo info() { return ProviderInfo.builder("x", "X").build(); }
      @Override public HttpCall prepare(ChatRequest request, ProviderSettings settings) { return null; }
      @Override public StreamDecoder newDecoder(ChatRequest request) { return null; }
    };
    assertThat(p.classifyError(307, Map.of("location", "https://b.test/"), new byte[0]))
        .isEqualTo(ProviderError.redirect(307, Map.of("location", "https://b.test/")));
  }

  @Test
  void aNegativeRetryDelayIsNoDelayAtAllSoTheBackOffApplies() {
    assertThat(new ProviderError(ErrorKind.RATE_LIMITED, null, null, Duration.ofSeconds(-5)).retryAfter()).isNull();
    assertThat(new ProviderError(ErrorKind.RATE_LIMITED, null, null, Duration.ZERO).retryAfter())
        .isEqualTo(Duration.ZERO);
  }
}
