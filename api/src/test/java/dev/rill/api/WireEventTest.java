package dev.rill.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireEventTest {

  @Test
  void blankMeansEmptyOrOnlyJsonWhitespace() {
    assertThat(WireEvent.ofText("").isBlank()).isTrue();
    assertThat(WireEvent.ofText(" \t\r\n").isBlank()).isTrue();
    assertThat(WireEvent.ofText(" {}").isBlank()).isFalse();
    assertThat(WireEvent.ofText("\u00a0").isBlank()).as("NBSP is not JSON whitespace").isFalse();
    assertThat(WireEvent.ofText("\f").isBlank()).as("form feed is not JSON whitespace").isFalse();
  }

  @Test
  void blankLooksOnlyAtItsOwnSliceOfTheArray() {
    byte[] shared = "x  y".getBytes(StandardCharsets.US_ASCII);
    assertThat(WireEvent.of(WireEvent.MESSAGE, null, shared, 1, 2, 2).isBlank()).isTrue();
    assertThat(WireEvent.of(WireEvent.MESSAGE, null, shared, 0, 2, 2).isBlank()).isFalse();
  }

  @Test
  void dataEqualsMatchesSentinelsExactly() {
    assertThat(WireEvent.ofText("[DONE]").dataEquals("[DONE]")).isTrue();
    assertThat(WireEvent.ofText("[DONE] ").dataEquals("[DONE]")).isFalse();
  }
}
