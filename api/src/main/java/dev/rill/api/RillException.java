package dev.rill.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one exception Rill raises: unchecked, with an {@link ErrorKind} and everything a caller needs to act.
 *
 * <p>It carries the provider and model, the HTTP status and the provider's own code and message when there
 * was a response, whether a retry may help and after how long, and the {@link #partial() partial response}
 * received before the failure, so nothing already streamed is lost. {@link #getMessage()} says all of that
 * in one line. It never contains an API key: the runtime gives the builder the call's {@link Redaction}, which
 * takes every credential out of the message, the provider's code and message, the raw event, the partial
 * response's warnings and the messages of the cause chain when the exception is built.
 *
 * <p>An HTTP 404 is not a transport failure: it arrives here as {@link ErrorKind#NOT_FOUND} with its status.
 *
 * @since 0.1
 */
public final class RillException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The longest raw event text kept. */
  public static final int MAX_RAW_EVENT = 4_096;

  private final ErrorKind kind;
  private final String provider;
  private final String model;
  private final int httpStatus;
  private final String providerCode;
  private final String providerMessage;
  private final transient Duration retryAfter;
  private final boolean retryable;
  private final transient ChatResponse partial;
  private final TimeoutPhase timeoutPhase;
  private final Limit limit;
  private final String rawEvent;
  private final int attempts;
  private final String detail;

  private RillException(Builder b) {
    super(null, b.cause, true, true);
    this.kind = b.kind;
    this.provider = b.provider;
    this.model = b.model;
    this.httpStatus = b.httpStatus;
    this.providerCode = b.providerCode;
    this.providerMessage = b.providerMessage;
    this.retryAfter = b.retryAfter;
    this.retryable = b.retryable != null ? b.retryable : b.kind.retryableByDefault();
    this.partial = b.partial;
    this.timeoutPhase = b.timeoutPhase;
    this.limit = b.limit;
    this.rawEvent = b.rawEvent;
    this.attempts = b.attempts;
    this.detail = b.message;
  }

  /** Starts a builder for an error of {@code kind}. */
  public static Builder builder(ErrorKind kind) {
    return new Builder(kind);
  }

  /** A builder seeded with this exception, to add context such as the partial response. */
  public Builder toBuilder() {
    Builder b = new Builder(kind);
    b.provider = provider;
    b.model = model;
    b.httpStatus = httpStatus;
    b.providerCode = providerCode;
    b.providerMessage = providerMessage;
    b.retryAfter = retryAfter;
    b.retryable = retryable;
    b.partial = partial;
    b.timeoutPhase = timeoutPhase;
    b.limit = limit;
    b.rawEvent = rawEvent;
    b.attempts = attempts;
    b.message = detail;
    b.cause = getCause();
    return b;
  }

  public ErrorKind kind() { return kind; }

  /** The provider id, or null when the error came before a provider was chosen. */
  public String provider() { return provider; }

  /** The requested model, or null. */
  public String model() { return model; }

  /** The HTTP status, when there was a response. */
  public OptionalInt httpStatus() { return httpStatus > 0 ? OptionalInt.of(httpStatus) : OptionalInt.empty(); }

  /** The provider's own error code or type (credentials redacted), or null. */
  public String providerCode() { return providerCode; }

  /** The provider's own message (key scrubbed), or null. */
  public String providerMessage() { return providerMessage; }

  /** How long the provider asked to wait before a retry. */
  public Optional<Duration> retryAfter() { return Optional.ofNullable(retryAfter); }

  /**
   * Whether retrying the same request may succeed. False once output was delivered: a retry would repeat
   * it.
   */
  public boolean retryable() { return retryable; }

  /** What was received before the failure; empty (no output) when nothing was. Never null. */
  public ChatResponse partial() {
    return partial != null ? partial : new ChatResponse(provider == null ? "" : provider, model, null, "", "", "",
        java.util.List.of(), null, null, 0, java.util.List.of(), java.util.List.of(), null, java.util.List.of());
  }

  /** Whether any output had arrived before the failure. */
  public boolean hadOutput() { return partial != null && partial.hasOutput(); }

  /** For {@link ErrorKind#TIMEOUT}, which timeout fired. */
  public Optional<TimeoutPhase> timeoutPhase() { return Optional.ofNullable(timeoutPhase); }

  /** For {@link ErrorKind#LIMIT_EXCEEDED} and {@link ErrorKind#REQUEST_TOO_LARGE}, which limit was exceeded. */
  public Optional<Limit> limit() { return Optional.ofNullable(limit); }

  /** For {@link ErrorKind#MALFORMED_RESPONSE}, the offending event's text (capped, credentials redacted), else null. */
  public String rawEvent() { return rawEvent; }

  /** How many HTTP attempts were made (0 when none was). */
  public int attempts() { return attempts; }

  /** The detail without the context that {@link #getMessage()} adds. */
  public String detail() { return detail; }

  @Override
  public String getMessage() {
    StringBuilder sb = new StringBuilder();
    sb.append(kind);
    if (timeoutPhase != null) {
      sb.append(" (").append(timeoutPhase).append(')');
    }
    if (limit != null) {
      sb.append(" (").append(limit).append(')');
    }
    if (provider != null) {
      sb.append(" from ").append(provider);
      if (model != null) {
        sb.append(':').append(model);
      }
    }
    String text = detail != null ? detail : providerMessage;
    if (text != null) {
      sb.append(": ").append(oneLine(text));
    }
    if (httpStatus > 0 || providerCode != null) {
      sb.append(" [");
      if (httpStatus > 0) {
        sb.append("HTTP ").append(httpStatus);
      }
      if (providerCode != null) {
        sb.append(httpStatus > 0 ? ", " : "").append("code ").append(providerCode);
      }
      sb.append(']');
    }
    if (detail != null && providerMessage != null && !detail.contains(providerMessage)) {
      sb.append(" provider said: ").append(oneLine(providerMessage));
    }
    if (attempts > 1) {
      sb.append("; after ").append(attempts).append(" attempts");
    }
    if (retryable) {
      sb.append("; retryable");
      if (retryAfter != null) {
        sb.append(" after ").append(retryAfter.toMillis()).append(" ms");
      }
    } else {
      sb.append("; not retryable");
    }
    if (partial != null && partial.hasOutput()) {
      sb.append("; partial output kept: ").append(partial.text().length()).append(" chars of text");
      if (!partial.toolCalls().isEmpty()) {
        sb.append(", ").append(partial.toolCalls().size()).append(" tool call(s)");
      }
      sb.append(" in ").append(partial.chunkCount()).append(" chunks");
    } else {
      sb.append("; no output received");
    }
    return sb.toString();
  }

  private static String oneLine(String s) {
    String flat = s.replace('\n', ' ').replace('\r', ' ');
    return flat.length() > 500 ? flat.substring(0, 500) + "..." : flat;
  }

  /** Builds a {@link RillException}. */
  public static final class Builder {
    private final ErrorKind kind;
    private String provider;
    private String model;
    private int httpStatus;
    private String providerCode;
    private String providerMessage;
    private Duration retryAfter;
    private Boolean retryable;
    private ChatResponse partial;
    private TimeoutPhase timeoutPhase;
    private Limit limit;
    private String rawEvent;
    private int attempts;
    private String message;
    private Throwable cause;
    private Redaction redaction = Redaction.NONE;

    private Builder(ErrorKind kind) {
      this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Builder provider(String provider) { this.provider = provider; return this; }
    public Builder model(String model) { this.model = model; return this; }
    public Builder httpStatus(int status) { this.httpStatus = status; return this; }
    public Builder providerCode(String code) { this.providerCode = code; return this; }
    public Builder providerMessage(String message) { this.providerMessage = message; return this; }
    public Builder retryAfter(Duration delay) { this.retryAfter = delay; return this; }
    public Builder retryable(boolean value) { this.retryable = value; return this; }
    public Builder partial(ChatResponse response) { this.partial = response; return this; }
    public Builder timeoutPhase(TimeoutPhase phase) { this.timeoutPhase = phase; return this; }
    public Builder limit(Limit limit) { this.limit = limit; return this; }
    public Builder attempts(int count) { this.attempts = count; return this; }
    public Builder message(String text) { this.message = text; return this; }
    public Builder cause(Throwable t) { this.cause = t; return this; }

    /** The raw text of the offending event, capped at {@link #MAX_RAW_EVENT} characters. */
    public Builder rawEvent(String text) {
      this.rawEvent = text == null || text.length() <= MAX_RAW_EVENT ? text : text.substring(0, MAX_RAW_EVENT) + "...";
      return this;
    }

    /** Copies kind-independent fields of a classified provider error. */
    public Builder from(ProviderError error) {
      this.providerCode = error.code();
      this.providerMessage = error.message();
      if (error.retryAfter() != null) {
        this.retryAfter = error.retryAfter();
      }
      return this;
    }

    /** As {@link #redact(Redaction)} with {@link Redaction#of(Secret...) Redaction.of(secret)}. */
    public Builder scrub(Secret secret) {
      return secret == null ? this : redact(Redaction.of(secret));
    }

    /**
     * Takes every credential {@code redaction} knows out of this exception's texts when it is built: the message,
     * the provider's code and message, the raw event, the partial response's warnings and the cause chain's messages
     * ({@link Redaction#apply(Throwable)}), whichever order they are set in. Several calls add up. The redaction
     * itself is not kept in the exception.
     */
    public Builder redact(Redaction redaction) {
      if (redaction != null) {
        this.redaction = this.redaction.and(redaction);
      }
      return this;
    }

    public RillException build() {
      if (!redaction.isEmpty()) {
        message = redaction.apply(message);
        providerCode = redaction.apply(providerCode);
        providerMessage = redaction.apply(providerMessage);
        rawEvent = redaction.apply(rawEvent);
        partial = redaction.apply(partial);
        cause = redaction.apply(cause);
      }
      return new RillException(this);
    }
  }
}
