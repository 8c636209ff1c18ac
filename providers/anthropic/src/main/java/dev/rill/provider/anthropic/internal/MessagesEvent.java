package dev.rill.provider.anthropic.internal;

import dev.rill.provider.support.JsonFields;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The fields of one Anthropic stream event that the decoder reads, gathered in a single streaming pass whatever
 * their order in the JSON. Mutable scratch space owned by one decoder and {@link #reset() reset} before each event,
 * so decoding allocates no tree. Every other field is skipped.
 *
 * <p>Shapes read ({@code ...} = skipped):
 * <pre>
 * {"type", "index",
 *  "message": {"id", "model", "usage": {...}, ...},
 *  "content_block": {"type", "id", "name", "text", "thinking", "signature", "data", ...},
 *  "delta": {"type", "text", "thinking", "partial_json", "signature", "stop_reason", ...},
 *  "usage": {"input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens", ...},
 *  "error": {"type", "message", ...}}
 * </pre>
 */
final class MessagesEvent {

  String type;
  int index = -1;
  String messageId;
  String messageModel;
  String blockType;
  String blockId;
  String blockName;
  String blockText;
  String blockThinking;
  String blockSignature;
  String blockData;
  String deltaType;
  String deltaText;
  String deltaThinking;
  String deltaPartialJson;
  String deltaSignature;
  String stopReason;
  boolean hasUsage;
  Long inputTokens;
  Long outputTokens;
  Long cacheCreationInputTokens;
  Long cacheReadInputTokens;
  String errorType;
  String errorMessage;

  void reset() {
    type = null;
    index = -1;
    messageId = null;
    messageModel = null;
    blockType = null;
    blockId = null;
    blockName = null;
    blockText = null;
    blockThinking = null;
    blockSignature = null;
    blockData = null;
    deltaType = null;
    deltaText = null;
    deltaThinking = null;
    deltaPartialJson = null;
    deltaSignature = null;
    stopReason = null;
    hasUsage = false;
    inputTokens = null;
    outputTokens = null;
    cacheCreationInputTokens = null;
    cacheReadInputTokens = null;
    errorType = null;
    errorMessage = null;
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
        case "type" -> type = JsonFields.string(p, t);
        case "index" -> index = JsonFields.index(p, t, "content block index");
        case "message" -> readMessage(p, t);
        case "content_block" -> readBlock(p, t);
        case "delta" -> readDelta(p, t);
        case "usage" -> readUsage(p, t);
        case "error" -> readError(p, t);
        default -> p.skipChildren();
      }
    }
    return p.nextToken() == null;
  }

  private void readMessage(JsonParser p, JsonToken t) {
    if (!JsonFields.isObject(p, t)) {
      return;
    }
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "id" -> messageId = JsonFields.string(p, v);
        case "model" -> messageModel = JsonFields.string(p, v);
        case "usage" -> readUsage(p, v);
        default -> p.skipChildren();
      }
    }
  }

  private void readBlock(JsonParser p, JsonToken t) {
    if (!JsonFields.isObject(p, t)) {
      return;
    }
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "type" -> blockType = JsonFields.string(p, v);
        case "id" -> blockId = JsonFields.string(p, v);
        case "name" -> blockName = JsonFields.string(p, v);
        case "text" -> blockText = JsonFields.string(p, v);
        case "thinking" -> blockThinking = JsonFields.string(p, v);
        case "signature" -> blockSignature = JsonFields.string(p, v);
        case "data" -> blockData = JsonFields.string(p, v);
        default -> p.skipChildren();
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
        case "type" -> deltaType = JsonFields.string(p, v);
        case "text" -> deltaText = JsonFields.string(p, v);
        case "thinking" -> deltaThinking = JsonFields.string(p, v);
        case "partial_json" -> deltaPartialJson = JsonFields.string(p, v);
        case "signature" -> deltaSignature = JsonFields.string(p, v);
        case "stop_reason" -> stopReason = JsonFields.string(p, v);
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
        case "input_tokens" -> inputTokens = JsonFields.count(p, v, name);
        case "output_tokens" -> outputTokens = JsonFields.count(p, v, name);
        case "cache_creation_input_tokens" -> cacheCreationInputTokens = JsonFields.count(p, v, name);
        case "cache_read_input_tokens" -> cacheReadInputTokens = JsonFields.count(p, v, name);
        default -> p.skipChildren();
      }
    }
  }

  private void readError(JsonParser p, JsonToken t) {
    if (!JsonFields.isObject(p, t)) {
      return;
    }
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "type" -> errorType = JsonFields.string(p, v);
        case "message" -> errorMessage = JsonFields.string(p, v);
        default -> p.skipChildren();
      }
    }
  }


}
