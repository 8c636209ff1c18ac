package dev.rill.provider.openairesponses.internal;

/**
 * What differs between the servers that speak the Responses protocol, as far as the request body goes.
 *
 * <p>OpenAI and Azure OpenAI stream reasoning only as summaries, so a request with reasoning options asks for
 * {@code "summary": "auto"}; xAI returns no summaries (its reasoning is encrypted or absent) and gets the effort alone.
 */
public enum Dialect {
  /** api.openai.com. */
  OPENAI(true),
  /** api.x.ai. */
  XAI(false),
  /** Azure OpenAI's v1 surface. */
  AZURE(true);

  private final boolean reasoningSummary;

  Dialect(boolean reasoningSummary) {
    this.reasoningSummary = reasoningSummary;
  }

  /** Whether {@code reasoning.summary = "auto"} is sent with reasoning options. */
  public boolean reasoningSummary() {
    return reasoningSummary;
  }
}
