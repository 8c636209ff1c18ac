package dev.rill.runtime.internal.transport;

import dev.rill.api.Redaction;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Keeps credential values out of HttpClient 5's header log. With an SLF4J binding at DEBUG, HttpClient 5.6 logs
 * every request header of an HTTP/1.1 exchange to {@code org.apache.hc.client5.http.headers}
 * ({@code HttpAsyncClientProtocolNegotiationStarter}'s {@code Http1StreamListener.onRequestHead}, which formats
 * each {@link Header} with {@code toString()}), so {@code Authorization: Bearer sk-...} appeared in full.
 *
 * <p>This interceptor, the last of the client's request interceptors, replaces every header that
 * {@link Redaction#isSensitiveHeader} names with a {@link Credential}: the same name and value, which HttpCore's
 * HTTP/1.1 writer puts on the wire ({@code BasicLineFormatter.formatHeader} reads {@code getName()} and
 * {@code getValue()}), and a {@code toString()} that shows {@code ***}, which is all the header log prints. It is
 * marked sensitive, so HTTP/2's HPACK encoder would index it as never-indexed.
 *
 * <p>What this does not cover, and what covers it: HTTP/2 copies headers into new {@code BasicHeader}s before its
 * own header log ({@code DefaultH2RequestConverter}), so {@link Http1WhileHeaderLogging} keeps HTTP/2 off while that
 * log could print; the wire log ({@code org.apache.hc.client5.http.wire}) is written by HttpClient's
 * {@code LoggingIOSession}, which HttpClient installs only when the client has no IOSession decorator of its own:
 * Rill's client always sets one ({@link CoalescingSession#decorator()}), and it must keep doing so.
 */
public final class CredentialHeaders implements HttpRequestInterceptor {
  /** The one instance: stateless. */
  public static final CredentialHeaders INSTANCE = new CredentialHeaders();

  private CredentialHeaders() {}

  @Override
  public void process(HttpRequest request, EntityDetails entity, HttpContext context) {
    Header[] headers = request.getHeaders();
    boolean changed = false;
    for (int i = 0; i < headers.length; i++) {
      Header h = headers[i];
      if (!(h instanceof Credential) && Redaction.isSensitiveHeader(h.getName())) {
        headers[i] = new Credential(h.getName(), h.getValue());
        changed = true;
      }
    }
    if (changed) {
      request.setHeaders(headers);
    }
  }

  /**
   * A header whose value goes on the wire but never into a log line: {@code toString()} is {@code name: ***}.
   *
   * @param name the header name
   * @param value the credential
   */
  public record Credential(String name, String value) implements Header {
    @Override public String getName() { return name; }
    @Override public String getValue() { return value; }
    @Override public boolean isSensitive() { return true; }

    @Override
    public String toString() {
      return name + ": " + Redaction.MASK;
    }
  }
}
