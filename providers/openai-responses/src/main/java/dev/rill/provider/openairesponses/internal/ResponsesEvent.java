package dev.rill.provider.openairesponses.internal;

import dev.rill.provider.support.JsonFields;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The fields of one Responses stream event that the decoder reads, gathered in a single streaming pass whatever their
 * order in the JSON (xAI writes {@code sequence_number} first and the response id last). Mutable scratch space owned
 * by one decoder and {@link #reset() reset} before each event, so decoding builds no tree; every other field
 * ({@code output}, {@code tools}, {@code logprobs}, {@code obfuscation}, {@code annotations}...) is skipped.
 *
 * <p>Shapes read ({@code ...} = skipped):
 * <pre>
 * {"type", "output_index", "item_id", "summary_index", "content_index", "delta", "arguments",
 *  "code", "message", "param",                                   (the error event, flat as documented)
 *  "error": {"type", "code", "message", ...},                    (the error event, nested as some servers send it)
 *  "item": {"type", "id", "call_id", "name", "arguments", ...},
 *  "response": {"id", "model", "status",
 *               "usage": {"input_tokens", "output_tokens", "total_tokens",
 *                         "input_tokens_details": {"cached_tokens"}, "output_tokens_details": {"reasoning_tokens"}},
 *               "incomplete_details": {"reason"}, "error": {"code", "message"}, ...}}
 * </pre>
 */
final class ResponsesEvent {

  String type;
  int outputIndex;
  String itemId;
  int summaryIndex;
  int contentIndex;
  String delta;
  String arguments;
  String code;
  String message;
  String errorType;
  String errorCode;
  String errorMessage;
  String itemType;
  String itemOwnId;
  String itemCallId;
  String itemName;
  String itemArguments;
  boolean hasResponse;
  String responseId;
  String responseModel;
  String responseStatus;
  boolean hasUsage;
  Long inputTokens;
  Long outputTokens;
  Long totalTokens;
  Long cachedTokens;
  Long reasoningTokens;
  String incompleteReason;
  boolean hasResponseError;
  String responseErrorCode;
  String responseErrorMessage;

  void reset() {
    type = null;
    outputIndex = -1;
    itemId = null;
    summaryIndex = -1;
    contentIndex = -1;
    delta = null;
    arguments = null;
    code = null;
    message = null;
    errorType = null;
    errorCode = null;
    errorMessage = null;
    itemType = null;
    itemOwnId = null;
    itemCallId = null;
    itemName = null;
    itemArguments = null;
    hasResponse = false;
    responseId = null;
    responseModel = null;
    responseStatus = null;
    hasUsage = false;
    inputTokens = null;
    outputTokens = null;
    totalTokens = null;
    cachedTokens = null;
    reasoningTokens = null;
    incompleteReason = null;
    hasResponseError = false;
    responseErrorCode = null;
    responseErrorMessage = null;
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
        case "output_index" -> outputIndex = JsonFields.index(p, t, name);
        case "summary_index" -> summaryIndex = JsonFields.index(p, t, name);
        case "content_index" -> contentIndex = JsonFields.index(p, t, name);
        case "item_id" -> itemId = JsonFields.string(p, t);
        case "delta" -> delta = JsonFields.string(p, t);
        case "arguments" -> arguments = JsonFields.string(p, t);
        case "code" -> code = JsonFields.scalar(p, t);
        case "message" -> message = JsonFields.string(p, t);
        case "error" -> readError(p, t);
        case "item" -> readItem(p, t);
        case "response" -> readResponse(p, t);
        default -> p.skipChildren();
      }
    }
    return p.nextToken() == null;
  }

  private void readError(JsonParser p, JsonToken t) {
    if (t != JsonToken.START_OBJECT) {
      if (t == JsonToken.VALUE_STRING) {
        errorMessage = p.getString();
      } else {
        p.skipChildren();
      }
      return;
    }
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "type" -> errorType = JsonFields.string(p, v);
        case "code" -> errorCode = JsonFields.scalar(p, v);
        case "message" -> errorMessage = JsonFields.string(p, v);
        default -> p.skipChildren();
      }
    }
  }

  private void readItem(JsonParser p, JsonToken t) {
    if (!JsonFields.isObject(p, t)) {
      return;
    }
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "type" -> itemType = JsonFields.string(p, v);
        case "id" -> itemOwnId = JsonFields.string(p, v);
        case "call_id" -> itemCallId = JsonFields.string(p, v);
        case "name" -> itemName = JsonFields.string(p, v);
        case "arguments" -> itemArguments = JsonFields.string(p, v);
        default -> p.skipChildren();
      }
    }
  }

  private void readResponse(JsonParser p, JsonToken t) {
    if (!JsonFields.isObject(p, t)) {
      return;
    }
    hasResponse = true;
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "id" -> responseId = JsonFields.string(p, v);
        case "model" -> responseModel = JsonFields.string(p, v);
        case "status" -> responseStatus = JsonFields.string(p, v);
        case "usage" -> readUsage(p, v);
        case "incomplete_details" -> {
          if (v == JsonToken.START_OBJECT) {
            String f;
            while ((f = p.nextName()) != null) {
              JsonToken fv = p.nextToken();
              if (f.equals("reason")) {
                incompleteReason = JsonFields.string(p, fv);
              } else {
                p.skipChildren();
              }
            }
          } else {
            p.skipChildren();
          }
        }
        case "error" -> {
          if (v == JsonToken.START_OBJECT) {
            hasResponseError = true;
            String f;
            while ((f = p.nextName()) != null) {
              JsonToken fv = p.nextToken();
              switch (f) {
                case "code" -> responseErrorCode = JsonFields.scalar(p, fv);
                case "message" -> responseErrorMessage = JsonFields.string(p, fv);
                default -> p.skipChildren();
              }
            }
          } else {
            p.skipChildren();
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
        case "input_tokens" -> inputTokens = JsonFields.count(p, v, name);
        case "output_tokens" -> outputTokens = JsonFields.count(p, v, name);
        case "total_tokens" -> totalTokens = JsonFields.count(p, v, name);
        case "input_tokens_details" -> cachedTokens = detail(p, v, "cached_tokens", cachedTokens);
        case "output_tokens_details" -> reasoningTokens = detail(p, v, "reasoning_tokens", reasoningTokens);
        default -> p.skipChildren();
      }
    }
  }

  /** Reads one count out of a details object, keeping {@code current} when it is not there. */
  private static Long detail(JsonParser p, JsonToken t, String field, Long current) {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return current;
    }
    Long out = current;
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      if (name.equals(field)) {
        out = JsonFields.count(p, v, field);
      } else {
        p.skipChildren();
      }
    }
    return out;
  }




}
