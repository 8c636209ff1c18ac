package dev.rill.provider.bedrock.internal;

import dev.rill.provider.support.JsonFields;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The fields of one ConverseStream event payload that the decoder reads, gathered in a single streaming pass whatever
 * their order. Mutable scratch space owned by one decoder and reset before each event, so decoding allocates no tree.
 * Every other field (the {@code "p"} padding, {@code metrics}, {@code trace}, citations...) is skipped.
 *
 * <p>Shapes read ({@code ...} = skipped):
 * <pre>
 * {"contentBlockIndex",
 *  "start": {"toolUse": {"toolUseId", "name", ...}, ...},
 *  "delta": {"text", "toolUse": {"input"}, "reasoningContent": {"text", "signature", "redactedContent"}, ...},
 *  "stopReason",
 *  "usage": {"inputTokens", "outputTokens", "totalTokens", "cacheReadInputTokens", "cacheWriteInputTokens"},
 *  "message", "originalStatusCode", "originalMessage",   (exception payloads)
 *  "bytes"}                                               (InvokeModelWithResponseStream chunks)
 * </pre>
 */
final class ConverseEvent {

  int blockIndex = -1;
  boolean toolUseStart;
  String toolUseId;
  String toolName;
  String deltaText;
  String deltaToolInput;
  boolean deltaToolUse;
  String reasoningText;
  String reasoningSignature;
  String reasoningRedacted;
  String stopReason;
  boolean hasUsage;
  Long inputTokens;
  Long outputTokens;
  Long totalTokens;
  Long cacheReadTokens;
  Long cacheWriteTokens;
  String message;
  String originalMessage;
  String bytes;

  private void reset() {
    blockIndex = -1;
    toolUseStart = false;
    toolUseId = null;
    toolName = null;
    deltaText = null;
    deltaToolInput = null;
    deltaToolUse = false;
    reasoningText = null;
    reasoningSignature = null;
    reasoningRedacted = null;
    stopReason = null;
    hasUsage = false;
    inputTokens = null;
    outputTokens = null;
    totalTokens = null;
    cacheReadTokens = null;
    cacheWriteTokens = null;
    message = null;
    originalMessage = null;
    bytes = null;
  }

  /**
   * Reads one root object. Returns false when the root is not a JSON object or is followed by more content.
   *
   * @throws tools.jackson.core.JacksonException for invalid JSON
   * @throws JsonFields.BadShape for values the decoder cannot accept
   */
  boolean read(JsonParser p) {
    reset();
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return false;
    }
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken t = p.nextToken();
      switch (name) {
        case "contentBlockIndex" -> blockIndex = JsonFields.index(p, t, name);
        case "start" -> readStart(p, t);
        case "delta" -> readDelta(p, t);
        case "stopReason" -> stopReason = JsonFields.string(p, t);
        case "usage" -> readUsage(p, t);
        case "message" -> message = JsonFields.string(p, t);
        case "originalMessage" -> originalMessage = JsonFields.string(p, t);
        case "bytes" -> bytes = JsonFields.string(p, t);
        default -> p.skipChildren();
      }
    }
    return p.nextToken() == null;
  }

  private void readStart(JsonParser p, JsonToken t) {
    if (!JsonFields.isObject(p, t)) {
      return;
    }
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      if (name.equals("toolUse") && v == JsonToken.START_OBJECT) {
        toolUseStart = true;
        String field;
        while ((field = p.nextName()) != null) {
          JsonToken f = p.nextToken();
          switch (field) {
            case "toolUseId" -> toolUseId = JsonFields.string(p, f);
            case "name" -> toolName = JsonFields.string(p, f);
            default -> p.skipChildren();
          }
        }
      } else {
        p.skipChildren();
      }
    }
  }

  private void readDelta(JsonParser p, JsonToken t) {
    if (!JsonFields.isObject(p, t)) {
      return;
    }
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "text" -> deltaText = JsonFields.string(p, v);
        case "toolUse" -> {
          if (v != JsonToken.START_OBJECT) {
            p.skipChildren();
            break;
          }
          deltaToolUse = true;
          String field;
          while ((field = p.nextName()) != null) {
            JsonToken f = p.nextToken();
            if (field.equals("input")) {
              deltaToolInput = JsonFields.string(p, f);
            } else {
              p.skipChildren();
            }
          }
        }
        case "reasoningContent" -> {
          if (v != JsonToken.START_OBJECT) {
            p.skipChildren();
            break;
          }
          String field;
          while ((field = p.nextName()) != null) {
            JsonToken f = p.nextToken();
            switch (field) {
              case "text" -> reasoningText = JsonFields.string(p, f);
              case "signature" -> reasoningSignature = JsonFields.string(p, f);
              case "redactedContent" -> reasoningRedacted = JsonFields.string(p, f);
              default -> p.skipChildren();
            }
          }
        }
        default -> p.skipChildren();
      }
    }
  }

  private void readUsage(JsonParser p, JsonToken t) {
    if (!JsonFields.isObject(p, t)) {
      return;
    }
    hasUsage = true;
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "inputTokens" -> inputTokens = JsonFields.count(p, v, name);
        case "outputTokens" -> outputTokens = JsonFields.count(p, v, name);
        case "totalTokens" -> totalTokens = JsonFields.count(p, v, name);
        case "cacheReadInputTokens" -> cacheReadTokens = JsonFields.count(p, v, name);
        case "cacheWriteInputTokens" -> cacheWriteTokens = JsonFields.count(p, v, name);
        default -> p.skipChildren();
      }
    }
  }


}
