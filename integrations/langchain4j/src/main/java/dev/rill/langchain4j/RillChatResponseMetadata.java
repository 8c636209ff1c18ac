package dev.rill.langchain4j;

import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.rill.api.ChatResponse;
import java.util.List;
import java.util.Objects;

/**
 * LangChain4j's response metadata with what Rill adds: the id of the provider that answered (after a fallback, not
 * necessarily the requested one), the pipeline's warnings, and the whole Rill {@link ChatResponse} (timings in
 * enhanced mode, every choice, reasoning blocks).
 *
 * @since 0.1
 */
public final class RillChatResponseMetadata extends ChatResponseMetadata {
  private final ChatResponse rillResponse;

  private RillChatResponseMetadata(Builder builder) {
    super(builder);
    this.rillResponse = builder.rillResponse;
  }

  /** The Rill response this metadata describes. */
  public ChatResponse rillResponse() {
    return rillResponse;
  }

  /** The id of the Rill provider that answered, e.g. {@code anthropic}. */
  public String provider() {
    return rillResponse == null ? null : rillResponse.provider();
  }

  /** What the pipeline noticed but did not fail for (skipped events, a missing finish reason...). */
  public List<String> warnings() {
    return rillResponse == null ? List.of() : rillResponse.warnings();
  }

  @Override
  public Builder toBuilder() {
    Builder b = new Builder();
    toBuilder(b);
    return b.rillResponse(rillResponse);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RillChatResponseMetadata m && super.equals(o) && Objects.equals(rillResponse, m.rillResponse);
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), rillResponse);
  }

  @Override
  public String toString() {
    return "RillChatResponseMetadata{id='" + id() + "', modelName='" + modelName() + "', provider='" + provider()
        + "', tokenUsage=" + tokenUsage() + ", finishReason=" + finishReason() + ", warnings=" + warnings() + "}";
  }

  /** Starts a builder. */
  public static Builder rillBuilder() {
    return new Builder();
  }

  /** Builds {@link RillChatResponseMetadata}. */
  public static final class Builder extends ChatResponseMetadata.Builder<Builder> {
    private ChatResponse rillResponse;

    private Builder() {}

    /** The Rill response. */
    public Builder rillResponse(ChatResponse response) {
      this.rillResponse = response;
      return this;
    }

    @Override
    public RillChatResponseMetadata build() {
      return new RillChatResponseMetadata(this);
    }
  }
}
