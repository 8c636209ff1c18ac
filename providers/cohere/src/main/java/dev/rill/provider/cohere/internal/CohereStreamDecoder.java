package dev.rill.provider.cohere.internal;

import dev.rill.api.ChunkSink;
import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.api.RillException;
import dev.rill.api.Role;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.api.ToolCallDelta;
import dev.rill.api.Usage;
import dev.rill.api.WireEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Decodes one Cohere v2 chat stream. Each SSE event's data is a JSON object whose {@code type} names the event
 * (the SSE {@code event:} field is used only when the JSON has no {@code type}):
 *
 * <ul>
 *   <li>{@code message-start}: its {@code id} is the response id.
 *   <li>{@code content-start}: remembers the block type ({@code text} or {@code thinking}) of its {@code index}.
 *   <li>{@code content-delta}: {@code delta.message.content.thinking} is reasoning; {@code .text} is text, or
 *       reasoning when its block was opened as {@code thinking}.
 *   <li>{@code tool-plan-delta}: {@code delta.message.tool_plan} is Cohere's plan, written before calling tools:
 *       the model's reasoning about which tools to use, so it is streamed as reasoning, not as answer text.
 *   <li>{@code tool-call-start}: a tool call's {@code id}, {@code function.name} and first argument text, at the
 *       event's {@code index}; {@code tool-call-delta}: an argument fragment for that index.
 *   <li>{@code message-end}: the finish reason (COMPLETE and STOP_SEQUENCE to STOP, or TOOL_CALLS when the stream
 *       made tool calls; MAX_TOKENS to LENGTH; TOOL_CALL to TOOL_CALLS; ERROR and TIMEOUT to ERROR; anything else to
 *       OTHER) and usage from {@code usage.tokens} (input and output) plus {@code usage.cached_tokens}. The
 *       {@code billed_units} are billing counts, not the model's tokens, and are not reported. This event ends the
 *       stream.
 *   <li>{@code content-end}, {@code tool-call-end}, {@code citation-start}, {@code citation-end} and unknown types
 *       carry nothing Rill reports and are ignored.
 * </ul>
 *
 * <p>An error payload (type {@code error}, or an object with a {@code message} and no type) fails the stream. A body
 * that ends before {@code message-end} is truncated. A {@code [DONE]} sentinel, which some proxies and test harnesses
 * append, also ends the stream.
 */
public final class CohereStreamDecoder implements StreamDecoder {

  private final String providerId;
  private final String requestedModel;
  private final Map<Integer, String> blockTypes = new HashMap<>();
  private String responseId;
  private boolean roleSent;
  private boolean toolCalls;
  private int lastToolIndex = -1;
  private boolean ended;

  public CohereStreamDecoder(String providerId, String requestedModel) {
    this.providerId = providerId;
    this.requestedModel = requestedModel;
  }

  @Override
  public Progress decode(WireEvent event, ChunkSink sink) {
    if (event.isBlank()) {
      return Progress.CONTINUE;
    }
    if (event.dataEquals("[DONE]")) {
      ended = true;
      return Progress.END;
    }
    Event e = new Event();
    try (JsonParser p = JsonBodies.parser(event.array(), event.offset(), event.length())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw malformed(event, "a Cohere stream event must be a JSON object");
      }
      readEvent(p, e);
      if (p.nextToken() != null) {
        throw malformed(event, "text after the JSON object of a Cohere stream event");
      }
    } catch (JacksonException x) {
      throw malformed(event, "unreadable Cohere stream event: " + x.getOriginalMessage());
    }
    String type = e.type != null ? e.type : WireEvent.MESSAGE.equals(event.type()) ? null : event.type();
    if (type == null) {
      if (e.message != null) {
        throw streamError(e.message, null);
      }
      return Progress.CONTINUE;
    }
    switch (type) {
      case "message-start" -> {
        if (e.id != null && !e.id.equals(responseId)) {
          responseId = e.id;
          sink.responseInfo(e.id, null);
        }
      }
      case "content-start" -> {
        if (e.contentType != null) {
          blockTypes.put(e.index == null ? 0 : e.index, e.contentType);
        }
        emitContent(e, sink);
      }
      case "content-delta" -> emitContent(e, sink);
      case "tool-plan-delta" -> {
        if (e.toolPlan != null && !e.toolPlan.isEmpty()) {
          emit(sink, StreamChunk.builder().reasoning(e.toolPlan));
        }
      }
      case "tool-call-start" -> {
        int index = e.index != null ? e.index : lastToolIndex + 1;
        if (e.toolName == null || e.toolName.isEmpty()) {
          throw malformed(event, "a Cohere tool-call-start without a function name");
        }
        lastToolIndex = index;
        toolCalls = true;
        emit(sink, StreamChunk.builder().toolCalls(List.of(ToolCallDelta.of(index, e.toolId, e.toolName,
            e.toolArguments))));
      }
      case "tool-call-delta" -> {
        int index = e.index != null ? e.index : lastToolIndex;
        if (index < 0) {
          throw malformed(event, "a Cohere tool-call-delta before any tool-call-start");
        }
        if (e.toolArguments != null && !e.toolArguments.isEmpty()) {
          emit(sink, StreamChunk.builder().toolCalls(List.of(ToolCallDelta.arguments(index, e.toolArguments))));
        }
      }
      case "message-end" -> {
        if (e.finishError != null) {
          sink.warning("Cohere ended the message with an error: " + e.finishError);
        }
        StreamChunk.Builder end = StreamChunk.builder();
        if (e.finishReason != null) {
          end.finishReason(finishReason(e.finishReason));
        }
        if (e.inputTokens != null || e.outputTokens != null || e.cachedTokens != null) {
          end.usage(new Usage(e.inputTokens, e.outputTokens, null, null, e.cachedTokens, null));
        }
        StreamChunk chunk = end.build();
        if (!chunk.isEmpty()) {
          sink.emit(chunk);
        }
        ended = true;
        return Progress.END;
      }
      case "error" -> throw streamError(e.message != null ? e.message : event.text(), null);
      default -> {
        // content-end, tool-call-end, citation-start, citation-end, debug and future types
      }
    }
    return Progress.CONTINUE;
  }

  /** Only {@code message-end} (or a {@code [DONE]}) is a proper end. */
  @Override
  public boolean endOfInput(ChunkSink sink) {
    return ended;
  }

  private void emitContent(Event e, ChunkSink sink) {
    String blockType = blockTypes.get(e.index == null ? 0 : e.index);
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    if (e.thinking != null) {
      reasoning.append(e.thinking);
    }
    if (e.text != null) {
      ("thinking".equals(blockType) ? reasoning : text).append(e.text);
    }
    if (text.length() > 0 || reasoning.length() > 0) {
      emit(sink, StreamChunk.builder().content(text.toString()).reasoning(reasoning.toString()));
    }
  }

  private void emit(ChunkSink sink, StreamChunk.Builder chunk) {
    if (!roleSent) {
      chunk.role(Role.ASSISTANT);
      roleSent = true;
    }
    sink.emit(chunk.build());
  }

  private FinishReason finishReason(String raw) {
    FinishReason.Kind kind = switch (raw) {
      case "COMPLETE", "STOP_SEQUENCE" -> toolCalls ? FinishReason.Kind.TOOL_CALLS : FinishReason.Kind.STOP;
      case "MAX_TOKENS" -> FinishReason.Kind.LENGTH;
      case "TOOL_CALL" -> FinishReason.Kind.TOOL_CALLS;
      case "ERROR", "TIMEOUT" -> FinishReason.Kind.ERROR;
      default -> FinishReason.Kind.OTHER;
    };
    return FinishReason.of(kind, raw);
  }

  private RillException streamError(String message, String code) {
    ErrorKind kind = CohereErrors.kindForMessage(message, ErrorKind.SERVER);
    return RillException.builder(kind).provider(providerId).model(requestedModel).providerCode(code)
        .providerMessage(message).build();
  }

  private RillException malformed(WireEvent event, String message) {
    return RillException.builder(ErrorKind.MALFORMED_RESPONSE).provider(providerId).model(requestedModel)
        .message(message).rawEvent(event.text()).build();
  }


  // ---- parsing: field order inside the event is not relied on --------------------------------------------------

  private static void readEvent(JsonParser p, Event e) {
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "type" -> e.type = string(p, t);
        case "id" -> e.id = string(p, t);
        case "index" -> e.index = t == JsonToken.VALUE_NUMBER_INT ? index(p) : skip(p);
        case "delta" -> readDelta(p, t, e);
        case "message" -> e.message = t == JsonToken.VALUE_STRING ? p.getString() : skipString(p);
        default -> p.skipChildren();
      }
    }
  }

  private static void readDelta(JsonParser p, JsonToken t, Event e) {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "message" -> readMessage(p, v, e);
        case "finish_reason" -> e.finishReason = string(p, v);
        case "usage" -> readUsage(p, v, e);
        case "error" -> e.finishError = string(p, v);
        default -> p.skipChildren();
      }
    }
  }

  private static void readMessage(JsonParser p, JsonToken t, Event e) {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "content" -> {
          if (v == JsonToken.START_OBJECT) {
            readContent(p, e);
          } else {
            p.skipChildren(); // message-start's empty content array
          }
        }
        case "tool_plan" -> e.toolPlan = string(p, v);
        case "tool_calls" -> {
          if (v == JsonToken.START_OBJECT) {
            readToolCall(p, e);
          } else {
            p.skipChildren(); // message-start's empty tool_calls array
          }
        }
        default -> p.skipChildren();
      }
    }
  }

  private static void readContent(JsonParser p, Event e) {
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "type" -> e.contentType = string(p, v);
        case "text" -> e.text = string(p, v);
        case "thinking" -> e.thinking = string(p, v);
        default -> p.skipChildren();
      }
    }
  }

  private static void readToolCall(JsonParser p, Event e) {
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (name.equals("id")) {
        e.toolId = string(p, v);
      } else if (name.equals("function") && v == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          String field = p.currentName();
          JsonToken fv = p.nextToken();
          if (field.equals("name")) {
            e.toolName = string(p, fv);
          } else if (field.equals("arguments")) {
            e.toolArguments = fv == JsonToken.VALUE_STRING ? p.getString()
                : fv == JsonToken.START_OBJECT || fv == JsonToken.START_ARRAY ? JsonBodies.compact(p) : skipString(p);
          } else {
            p.skipChildren();
          }
        }
      } else {
        p.skipChildren();
      }
    }
  }

  private static void readUsage(JsonParser p, JsonToken t, Event e) {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (name.equals("tokens") && v == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          String field = p.currentName();
          JsonToken fv = p.nextToken();
          switch (field) {
            case "input_tokens" -> e.inputTokens = count(p, fv);
            case "output_tokens" -> e.outputTokens = count(p, fv);
            default -> p.skipChildren();
          }
        }
      } else if (name.equals("cached_tokens")) {
        e.cachedTokens = count(p, v);
      } else {
        p.skipChildren(); // billed_units: billing, not the model's token counts
      }
    }
  }

  private static String string(JsonParser p, JsonToken t) {
    if (t == JsonToken.VALUE_STRING) {
      return p.getString();
    }
    p.skipChildren();
    return null;
  }

  private static String skipString(JsonParser p) {
    p.skipChildren();
    return null;
  }

  private static Integer skip(JsonParser p) {
    p.skipChildren();
    return null;
  }

  private static Integer index(JsonParser p) {
    long v = p.getLongValue();
    return v >= 0 && v <= 1_000_000 ? (int) v : null;
  }

  /** A token count: whole numbers (Cohere sends {@code 507} or {@code 507.0}); negative ones are unknown. */
  private static Long count(JsonParser p, JsonToken t) {
    long v;
    if (t == JsonToken.VALUE_NUMBER_INT) {
      v = p.getLongValue();
    } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      double d = p.getDoubleValue();
      if (d != Math.rint(d) || d > Long.MAX_VALUE) {
        return null;
      }
      v = (long) d;
    } else {
      p.skipChildren();
      return null;
    }
    return v >= 0 ? v : null;
  }

  private static final class Event {
    String type;
    String id;
    Integer index;
    String message;
    String contentType;
    String text;
    String thinking;
    String toolPlan;
    String toolId;
    String toolName;
    String toolArguments;
    String finishReason;
    String finishError;
    Long inputTokens;
    Long outputTokens;
    Long cachedTokens;
  }
}
