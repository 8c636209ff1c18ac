package dev.rill.runtime.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.message.BasicLineFormatter;
import org.apache.hc.core5.util.CharArrayBuffer;
import org.junit.jupiter.api.Test;

/** Credential headers keep their value for the wire and show {@code ***} to anything that prints them. */
class CredentialHeadersTest {

  @Test
  void sensitiveHeadersAreSwappedForCredentialsInPlace() {
    BasicHttpRequest request = new BasicHttpRequest("POST", "/v1/chat/completions");
    request.addHeader("Accept", "text/event-stream");
    request.addHeader("Authorization", "Bearer sk-live-123");
    request.addHeader("x-goog-api-key", "AIza-456");
    request.addHeader("anthropic-version", "2023-06-01");
    CredentialHeaders.INSTANCE.process(request, null, null);

    Header[] headers = request.getHeaders();
    assertThat(Arrays.stream(headers).map(Header::getName))
        .containsExactly("Accept", "Authorization", "x-goog-api-key", "anthropic-version");
    assertThat(headers[1]).isInstanceOf(CredentialHeaders.Credential.class);
    assertThat(headers[1].getValue()).isEqualTo("Bearer sk-live-123");
    assertThat(headers[1].toString()).isEqualTo("Authorization: ***");
    assertThat(headers[2].toString()).isEqualTo("x-goog-api-key: ***");
    assertThat(headers[2].isSensitive()).isTrue();
    assertThat(headers[3].toString()).isEqualTo("anthropic-version: 2023-06-01");

    CharArrayBuffer line = new CharArrayBuffer(64);
    BasicLineFormatter.INSTANCE.formatHeader(line, headers[1]);
    assertThat(line.toString()).as("what HttpCore's HTTP/1.1 writer puts on the wire")
        .isEqualTo("Authorization: Bearer sk-live-123");

    CredentialHeaders.INSTANCE.process(request, null, null);
    assertThat(request.getHeaders()[1]).as("idempotent").isSameAs(headers[1]);
  }

  @Test
  void withoutAnSlf4jBindingHttp2IsLeftAlone() {
    Object attachment = new Object();
    assertThat(Http1WhileHeaderLogging.headerLoggingEnabled()).isFalse();
    assertThat(Http1WhileHeaderLogging.attachment(attachment)).isSameAs(attachment);
  }
}
