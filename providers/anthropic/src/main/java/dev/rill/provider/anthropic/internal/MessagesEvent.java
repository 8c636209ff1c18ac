package dev.rill.provider.anthropic.internal;

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
 *  "content_block": {"type", "id", "name", "text", "thinking", ...},
 *  "delta": {"type", "text", "thinking", "partial_json", "signature", "stop_reason", ...},
 *  "usage": {"input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens", ...},
 *  "error": {"type", "message", ...}}
 * </pre>
 */
final class MessagesEvent {

  /** Thrown for a shape the decoder cannot accept (a negative count); the decoder turns it into MALFORMED_RESPONSE. */
  static final class BadShape extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadShape(String message) {
      super(message, null, false, false);
    }
  }

  String type;
  int index = -1;
  String messageId;
  String messageModel;
  String blockType;
  String blockId;
  String blockName;
  String blockText;
  String blockThinking;
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
   * @throws BadShape for values the decoder cannot accept
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
        case "type" -> type = string(p, t);
        case "index" -> {
          if (t == JsonToken.VALUE_NUMBER_INT) {
            long v = p.getLongValue();
            if (v < 0 || v > Integer.MAX_VALUE) {
              throw new BadShape("content block index out of range: " + v);
            }
            index = (int) v;
          } else {
            p.skipChildren();
          }
        }
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
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "id" -> messageId = string(p, v);
        case "model" -> messageModel = string(p, v);
        case "usage" -> readUsage(p, v);
        default -> p.skipChildren();
      }
    }
  }

  private void readBlock(JsonParser p, JsonToken t) {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "type" -> blockType = string(p, v);
        case "id" -> blockId = string(p, v);
        case "name" -> blockName = string(p, v);
        case "text" -> blockText = string(p, v);
        case "thinking" -> blockThinking = string(p, v);
        default -> p.skipChildren();
      }
    }
  }

  private void readDelta(JsonParser p, JsonToken t) {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "type" -> deltaType = string(p, v);
        case "text" -> deltaText = string(p, v);
        case "thinking" -> deltaThinking = string(p, v);
        case "partial_json" -> deltaPartialJson = string(p, v);
        case "signature" -> deltaSignature = string(p, v);
        case "stop_reason" -> stopReason = string(p, v);
        default -> p.skipChildren();
      }
    }
  }

  private void readUsage(JsonParser p, JsonToken t) {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    hasUsage = true;
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "input_tokens" -> inputTokens = count(p, v, name);
        case "output_tokens" -> outputTokens = count(p, v, name);
        case "cache_creation_input_tokens" -> cacheCreationInputTokens = count(p, v, name);
        case "cache_read_input_tokens" -> cacheReadInputTokens = count(p, v, name);
        default -> p.skipChildren();
      }
    }
  }

  private void readError(JsonParser p, JsonToken t) {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "type" -> errorType = string(p, v);
        case "message" -> errorMessage = string(p, v);
        default -> p.skipChildren();
      }
    }
  }

  /** The string value, or null for any other token (whose subtree is skipped). */
  private static String string(JsonParser p, JsonToken t) {
    if (t == JsonToken.VALUE_STRING) {
      return p.getString();
    }
    p.skipChildren();
    return null;
  }

  /** A token count: a non-negative integer, or null when absent or null. */
  private static Long count(JsonParser p, JsonToken t, String name) {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      long v = p.getLongValue();
      if (v < 0) {
        throw new BadShape("usage." + name + " is negative: " + v);
      }
      return v;
    }
    p.skipChildren();
    return null;
  }
}
