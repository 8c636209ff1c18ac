package dev.rill.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rill's one redaction rule: which header, query parameter and option names carry a credential, and how the values
 * of known credentials are taken out of a text or a body. Every {@code toString()}, exception message, provider
 * code, raw event, warning, log line, recorded transcript and CLI output goes through it, so a key a provider echoes
 * back never reaches a user's logs or files.
 *
 * <p>An instance holds the credential values of one call (a key, the values of sensitive headers and options) and
 * replaces every occurrence of each with {@value #MASK}, longest first, in texts and in bytes (UTF-8). The static
 * predicates ({@link #isSensitiveHeader}, {@link #isSensitiveQueryParameter}, {@link #isSensitiveOption}) decide by
 * name alone, for values Rill never has to know. An instance's {@code toString()} never shows the values.
 *
 * <pre>{@code
 * Redaction r = Redaction.of(settings);
 * String safe = r.apply(providerMessage);
 * }</pre>
 *
 * @since 0.1
 */
public final class Redaction {

  /** What a credential is replaced with. */
  public static final String MASK = "***";

  /** Redacts nothing (no credential known); the name-based predicates still apply where they are used. */
  public static final Redaction NONE = new Redaction(List.of());

  /** The shortest option or header value redacted from texts: shorter ones ("100", "true") are not credentials. */
  static final int MIN_OPTION_VALUE = 8;

  private static final Set<String> SENSITIVE_HEADERS = Set.of(
      "authorization", "proxy-authorization", "x-api-key", "api-key", "x-goog-api-key", "cookie", "set-cookie",
      "x-amz-security-token", "x-auth-token", "ocp-apim-subscription-key");

  private static final Set<String> SENSITIVE_QUERY = Set.of("key", "api-key", "api_key", "apikey", "access_token",
      "token", "sig", "signature", "x-amz-signature", "x-amz-security-token", "x-amz-credential");

  private final List<String> values;
  private final List<byte[]> bytes;

  private Redaction(Collection<String> secrets) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String s : secrets) {
      if (s != null && !s.isEmpty()) {
        distinct.add(s);
        if (s.indexOf('/') >= 0) {
          distinct.add(s.replace("/", "\\/")); // as a JSON writer may escape it
        }
      }
    }
    List<String> sorted = new ArrayList<>(distinct);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    this.values = List.copyOf(sorted);
    List<byte[]> b = new ArrayList<>(sorted.size());
    for (String v : sorted) {
      b.add(v.getBytes(StandardCharsets.UTF_8));
    }
    this.bytes = List.copyOf(b);
  }

  /** A redaction of these secrets (nulls ignored). */
  public static Redaction of(Secret... secrets) {
    List<String> v = new ArrayList<>(secrets.length);
    for (Secret s : secrets) {
      if (s != null) {
        v.add(s.reveal());
      }
    }
    return v.isEmpty() ? NONE : new Redaction(v);
  }

  /**
   * A redaction of every credential a call's settings hold: the API key, every secret of the
   * {@link ProviderSettings#credential() credential} (a token, an AWS access key id, secret key and session token), the values of headers that
   * {@link #isSensitiveHeader} names (and the token after an {@code Authorization} scheme such as {@code Bearer}),
   * and the values of options that {@link #isSensitiveOption} names. Header and option values shorter than
   * {@value #MIN_OPTION_VALUE} characters are left alone: they are not credentials (an option named
   * {@code max-tokens} holds a number).
   */
  public static Redaction of(ProviderSettings settings) {
    List<String> v = new ArrayList<>();
    if (settings.apiKey() != null) {
      v.add(settings.apiKey().reveal());
    }
    if (settings.credential() != null) {
      for (Secret s : settings.credential().secrets()) {
        v.add(s.reveal());
      }
    }
    for (Map.Entry<String, String> h : settings.headers().entrySet()) {
      if (isSensitiveHeader(h.getKey())) {
        addCredential(v, h.getValue());
      }
    }
    for (Map.Entry<String, String> o : settings.options().entrySet()) {
      if (isSensitiveOption(o.getKey())) {
        addCredential(v, o.getValue());
      }
    }
    return v.isEmpty() ? NONE : new Redaction(v);
  }

  private static void addCredential(List<String> into, String value) {
    if (value == null) {
      return;
    }
    String v = value.strip();
    if (v.length() >= MIN_OPTION_VALUE) {
      into.add(v);
      int space = v.indexOf(' ');
      if (space > 0 && v.length() - space - 1 >= MIN_OPTION_VALUE) {
        into.add(v.substring(space + 1).strip()); // "Bearer <token>": the token alone may be echoed
      }
    }
  }

  /** This redaction and {@code other}'s, together. */
  public Redaction and(Redaction other) {
    if (other == null || other.values.isEmpty()) {
      return this;
    }
    if (values.isEmpty()) {
      return other;
    }
    List<String> all = new ArrayList<>(values);
    all.addAll(other.values);
    return new Redaction(all);
  }

  /** Whether this redaction knows no credential value. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** {@code text} with every occurrence of every credential replaced by {@value #MASK}; null stays null. */
  public String apply(String text) {
    if (text == null || values.isEmpty()) {
      return text;
    }
    String out = text;
    for (String v : values) {
      if (out.contains(v)) {
        out = out.replace(v, MASK);
      }
    }
    return out;
  }

  /** The texts, each through {@link #apply(String)}. */
  public List<String> apply(List<String> texts) {
    if (values.isEmpty() || texts.isEmpty()) {
      return texts;
    }
    List<String> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(apply(t));
    }
    return out;
  }

  /**
   * A copy of {@code response} whose warnings are redacted. Its content (text, reasoning, tool calls) is the model's
   * output and is kept as it is.
   */
  public ChatResponse apply(ChatResponse response) {
    if (response == null || values.isEmpty() || !leaksAny(response.warnings())) {
      return response;
    }
    return new ChatResponse(response.provider(), response.model(), response.responseId(), response.text(),
        response.reasoning(), response.refusal(), response.toolCalls(), response.usage(), response.finishReason(),
        response.chunkCount(), response.choices(), apply(response.warnings()), response.timing(),
        response.reasoningBlocks());
  }

  /**
   * {@code t} itself when no message in its cause chain holds a credential; otherwise a copy of the chain, each link a
   * {@link RedactedThrowable} with the original class name, the redacted message and the original stack trace, so
   * that a stack trace printed or logged never shows the key (a parser's message may quote the bytes it choked on).
   */
  public Throwable apply(Throwable t) {
    if (t == null || values.isEmpty() || !chainLeaks(t)) {
      return t;
    }
    return copy(t, 0);
  }

  private boolean chainLeaks(Throwable t) {
    int depth = 0;
    for (Throwable c = t; c != null && depth < 64; c = c.getCause(), depth++) {
      if (leaks(c.getMessage()) || leaks(c.toString())) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  private Throwable copy(Throwable t, int depth) {
    Throwable cause = t.getCause();
    Throwable copiedCause = cause == null || cause == t || depth >= 64 ? null : copy(cause, depth + 1);
    RedactedThrowable r = new RedactedThrowable(t.getClass().getName(), apply(t.getMessage()), copiedCause);
    r.setStackTrace(t.getStackTrace());
    return r;
  }

  /**
   * A throwable standing in for one whose message held a credential: the original's class name, its message with
   * the credentials redacted, its stack trace and (redacted the same way) its cause.
   */
  public static final class RedactedThrowable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String originalClass;

    RedactedThrowable(String originalClass, String message, Throwable cause) {
      super(message, cause);
      this.originalClass = originalClass;
    }

    /** The class name of the throwable this one stands in for. */
    public String originalClass() {
      return originalClass;
    }

    @Override
    public String toString() {
      String m = getLocalizedMessage();
      return originalClass + " (redacted)" + (m == null ? "" : ": " + m);
    }
  }

  /** {@code body} with every occurrence of every credential's UTF-8 bytes replaced by {@value #MASK}. */
  public byte[] apply(byte[] body) {
    if (body == null || bytes.isEmpty()) {
      return body;
    }
    return concat(applyToReads(List.of(body)));
  }

  /**
   * A body that arrived as {@code reads}, redacted without losing its read structure: every occurrence of a
   * credential, within a read or across reads, becomes {@value #MASK} in the read where it starts, and its bytes in
   * later reads are dropped. The result has as many reads as the input (some may become shorter, or empty).
   */
  public List<byte[]> applyToReads(List<byte[]> reads) {
    if (bytes.isEmpty()) {
      return reads;
    }
    byte[] all = concat(reads);
    boolean[] start = new boolean[all.length + 1];
    int[] skipUntil = new int[all.length + 1];
    boolean found = false;
    int i = 0;
    while (i < all.length) {
      int len = matchAt(all, i);
      if (len > 0) {
        start[i] = true;
        skipUntil[i] = i + len;
        found = true;
        i += len;
      } else {
        i++;
      }
    }
    if (!found) {
      return reads;
    }
    byte[] mask = MASK.getBytes(StandardCharsets.US_ASCII);
    List<byte[]> out = new ArrayList<>(reads.size());
    int pos = 0;
    int skipping = 0; // absolute position up to which bytes belong to an occurrence already masked
    for (byte[] read : reads) {
      int end = pos + read.length;
      ByteArrayOutputStream b = new ByteArrayOutputStream(read.length);
      for (int p = pos; p < end; p++) {
        if (p < skipping) {
          continue;
        }
        if (start[p]) {
          b.write(mask, 0, mask.length);
          skipping = skipUntil[p];
          continue;
        }
        b.write(all[p]);
      }
      out.add(b.toByteArray());
      pos = end;
    }
    return out;
  }

  /** Whether {@code text} contains any credential this redaction knows. */
  public boolean leaks(CharSequence text) {
    if (text == null) {
      return false;
    }
    String s = text.toString();
    for (String v : values) {
      if (s.contains(v)) {
        return true;
      }
    }
    return false;
  }

  private boolean leaksAny(List<String> texts) {
    for (String t : texts) {
      if (leaks(t)) {
        return true;
      }
    }
    return false;
  }

  private int matchAt(byte[] all, int at) {
    for (byte[] v : bytes) { // longest first
      if (v.length > 0 && at + v.length <= all.length
          && Arrays.equals(all, at, at + v.length, v, 0, v.length)) {
        return v.length;
      }
    }
    return 0;
  }

  private static byte[] concat(List<byte[]> reads) {
    int n = 0;
    for (byte[] r : reads) {
      n += r.length;
    }
    byte[] all = new byte[n];
    int at = 0;
    for (byte[] r : reads) {
      System.arraycopy(r, 0, all, at, r.length);
      at += r.length;
    }
    return all;
  }

  /**
   * Whether a header carries a credential: {@code Authorization}, {@code Proxy-Authorization}, {@code x-api-key},
   * {@code api-key}, {@code x-goog-api-key}, {@code Cookie}, {@code Set-Cookie}, {@code x-amz-security-token},
   * {@code x-auth-token}, {@code Ocp-Apim-Subscription-Key}, and any name ending in {@code -api-key} or
   * {@code -token}. Case is ignored.
   */
  public static boolean isSensitiveHeader(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return SENSITIVE_HEADERS.contains(lower) || lower.endsWith("-api-key") || lower.endsWith("-token");
  }

  /**
   * Whether a URL query parameter carries a credential ({@code key} as Gemini takes it, {@code api-key},
   * {@code access_token}, a pre-signed URL's signature...). Case is ignored.
   */
  public static boolean isSensitiveQueryParameter(String name) {
    return SENSITIVE_QUERY.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Whether a provider option's value is a credential: its name mentions a secret, token, key, password or credential.
   */
  public static boolean isSensitiveOption(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.contains("secret") || n.contains("token") || n.contains("password") || n.contains("key")
        || n.contains("credential");
  }

  @Override
  public String toString() {
    return "Redaction[" + values.size() + " value(s)]";
  }
}
