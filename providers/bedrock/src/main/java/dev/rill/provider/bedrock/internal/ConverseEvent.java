package dev.rill.provider.bedrock.internal;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The fields of one ConverseStream event payload that the decoder reads, gathered in a single streaming pass whatever
 * their order. Mutable scratch space owned by one decoder and reset before each event, so decoding allocates no tree.
 * Every other field (the {@code "p"} padding, {@code metrics}, {@code trace}, citations...) is skipped.
 *
 * <p>Shapes read ({@code ...} = skipped):
 * <pre>
 * {"role", "contentBlockIndex",
 *  "start": {"toolUse": {"toolUseId", "name", ...}, ...},
 *  "delta": {"text", "toolUse": {"input"}, "reasoningContent": {"text", "signature", "redactedContent"}, ...},
 *  "stopReason",
 *  "usage": {"inputTokens", "outputTokens", "totalTokens", "cacheReadInputTokens", "cacheWriteInputTokens"},
 *  "message", "originalStatusCode", "originalMessage",   (exception payloads)
 *  "bytes"}                                               (InvokeModelWithResponseStream chunks)
 * </pre>
 */
final class ConverseEvent {

  /** Thrown for a value the decoder cannot accept; the decoder turns it into MALFORMED_RESPONSE. */
  static final class BadShape extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadShape(String message) {
      super(message, null, false, false);
    }
  }

  String role;
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
    role = null;
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
        case "role" -> role = string(p, t);
        case "contentBlockIndex" -> {
          Long v = count(p, t, name);
          if (v != null && v > Integer.MAX_VALUE) {
            throw new BadShape("contentBlockIndex out of range: " + v);
          }
          blockIndex = v == null ? -1 : v.intValue();
        }
        case "start" -> readStart(p, t);
        case "delta" -> readDelta(p, t);
        case "stopReason" -> stopReason = string(p, t);
        case "usage" -> readUsage(p, t);
        case "message" -> message = string(p, t);
        case "originalMessage" -> originalMessage = string(p, t);
        case "bytes" -> bytes = string(p, t);
        default -> p.skipChildren();
      }
    }
    return p.nextToken() == null;
  }

  private void readStart(JsonParser p, JsonToken t) {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
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
            case "toolUseId" -> toolUseId = string(p, f);
            case "name" -> toolName = string(p, f);
            default -> p.skipChildren();
          }
        }
      } else {
        p.skipChildren();
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
        case "text" -> deltaText = string(p, v);
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
              deltaToolInput = string(p, f);
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
              case "text" -> reasoningText = string(p, f);
              case "signature" -> reasoningSignature = string(p, f);
              case "redactedContent" -> reasoningRedacted = string(p, f);
              default -> p.skipChildren();
            }
          }
        }
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
        case "inputTokens" -> inputTokens = count(p, v, name);
        case "outputTokens" -> outputTokens = count(p, v, name);
        case "totalTokens" -> totalTokens = count(p, v, name);
        case "cacheReadInputTokens" -> cacheReadTokens = count(p, v, name);
        case "cacheWriteInputTokens" -> cacheWriteTokens = count(p, v, name);
        default -> p.skipChildren();
      }
    }
  }

  /** The string value, or null for any other token (whose subtree is skipped). */
  static String string(JsonParser p, JsonToken t) {
    if (t == JsonToken.VALUE_STRING) {
      return p.getString();
    }
    p.skipChildren();
    return null;
  }

  /** A count: a non-negative integer, or null when absent, null or not an integer. */
  static Long count(JsonParser p, JsonToken t, String name) {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      long v = p.getLongValue();
      if (v < 0) {
        throw new BadShape(name + " is negative: " + v);
      }
      return v;
    }
    p.skipChildren();
    return null;
  }
}
