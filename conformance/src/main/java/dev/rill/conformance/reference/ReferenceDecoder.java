package dev.rill.conformance.reference;

import dev.rill.api.ChunkSink;
import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.api.ToolCallDelta;
import dev.rill.api.Usage;
import dev.rill.api.WireEvent;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The reference protocol's decoder: one flat JSON object per event, with optional members {@code id}, {@code model},
 * {@code text}, {@code reasoning}, {@code tool} ({@code index, id, name, args}), {@code finish}, {@code usage}
 * ({@code input_tokens, output_tokens, reasoning_tokens}) and {@code error} ({@code type, message}); unknown members
 * are skipped. The stream ends at the sentinel {@code [DONE]} (SSE) or a {@code {"done":true}} line (NDJSON).
 */
public class ReferenceDecoder implements StreamDecoder {
  static final JsonFactory JSON = new JsonFactory();

  @Override
  public Progress decode(WireEvent event, ChunkSink sink) {
    if (event.dataEquals("[DONE]")) {
      return Progress.END;
    }
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), event.array(), event.offset(), event.length())) {
      return decodeObject(p, event, sink);
    } catch (JacksonException e) {
      throw malformed("not a JSON object: " + e.getOriginalMessage(), event);
    }
  }

  /** Reads one event object; subclasses may look at member names first. */
  protected Progress decodeObject(JsonParser p, WireEvent event, ChunkSink sink) {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw malformed("an event must be a JSON object", event);
    }
    String text = "";
    String reasoning = "";
    ToolCallDelta tool = null;
    FinishReason finish = null;
    Usage usage = null;
    String id = null;
    String model = null;
    boolean done = false;
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      onMember(name, event);
      switch (name) {
        case "id" -> id = string(p, event);
        case "model" -> model = string(p, event);
        case "text" -> text = string(p, event);
        case "reasoning" -> reasoning = string(p, event);
        case "finish" -> finish = finishReason(string(p, event));
        case "done" -> done = value == JsonToken.VALUE_TRUE;
        case "tool" -> tool = tool(p, event);
        case "usage" -> usage = usage(p, event);
        case "error" -> throw error(p, event);
        default -> p.skipChildren();
      }
    }
    if (p.nextToken() != null) {
      throw malformed("trailing content after the event object", event);
    }
    if (id != null || model != null) {
      sink.responseInfo(id, model);
    }
    StreamChunk chunk = StreamChunk.builder().content(text).reasoning(reasoning)
        .toolCalls(tool == null ? List.of() : List.of(tool)).finishReason(finish).usage(usage).build();
    if (!chunk.isEmpty()) {
      sink.emit(transform(chunk));
    }
    return done ? Progress.END : Progress.CONTINUE;
  }

  /** Called for every top-level member name before it is read (mutants reject some). */
  protected void onMember(String name, WireEvent event) {}

  /** A hook for mutants: the chunk about to be emitted. */
  protected StreamChunk transform(StreamChunk chunk) {
    return chunk;
  }

  /** Maps a raw finish value; unknown values are OTHER. */
  protected FinishReason finishReason(String raw) {
    FinishReason.Kind kind = switch (raw) {
      case "stop" -> FinishReason.Kind.STOP;
      case "length" -> FinishReason.Kind.LENGTH;
      case "tool_calls" -> FinishReason.Kind.TOOL_CALLS;
      case "filtered" -> FinishReason.Kind.CONTENT_FILTER;
      default -> FinishReason.Kind.OTHER;
    };
    return FinishReason.of(kind, raw);
  }

  private static String string(JsonParser p, WireEvent event) {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return "";
    }
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw malformed("member " + p.currentName() + " must be a string", event);
    }
    return p.getString();
  }

  private static ToolCallDelta tool(JsonParser p, WireEvent event) {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw malformed("tool must be an object", event);
    }
    int index = 0;
    String id = null;
    String name = null;
    String args = "";
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String member = p.currentName();
      p.nextToken();
      switch (member) {
        case "index" -> index = integer(p, event);
        case "id" -> id = string(p, event);
        case "name" -> name = string(p, event);
        case "args" -> args = string(p, event);
        default -> p.skipChildren();
      }
    }
    return ToolCallDelta.of(index, id, name, args);
  }

  private static Usage usage(JsonParser p, WireEvent event) {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw malformed("usage must be an object", event);
    }
    Long in = null;
    Long out = null;
    Long reasoning = null;
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String member = p.currentName();
      p.nextToken();
      switch (member) {
        case "input_tokens" -> in = (long) integer(p, event);
        case "output_tokens" -> out = (long) integer(p, event);
        case "reasoning_tokens" -> reasoning = (long) integer(p, event);
        default -> p.skipChildren();
      }
    }
    return new Usage(in, out, null, reasoning, null, null);
  }

  private static int integer(JsonParser p, WireEvent event) {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw malformed("member " + p.currentName() + " must be an integer", event);
    }
    long v = p.getValueAsLong(-1);
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw malformed("member " + p.currentName() + " out of range: " + v, event);
    }
    return (int) v;
  }

  private static RillException error(JsonParser p, WireEvent event) {
    String type = null;
    String message = null;
    if (p.currentToken() == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String member = p.currentName();
        p.nextToken();
        switch (member) {
          case "type" -> type = p.currentToken() == JsonToken.VALUE_STRING ? p.getString() : null;
          case "message" -> message = p.currentToken() == JsonToken.VALUE_STRING ? p.getString() : null;
          default -> p.skipChildren();
        }
      }
    } else {
      p.skipChildren();
    }
    return RillException.builder(ReferenceProvider.kindFor(type, 200)).providerCode(type).providerMessage(message)
        .build();
  }

  static RillException malformed(String why, WireEvent event) {
    return RillException.builder(ErrorKind.MALFORMED_RESPONSE).message(why).rawEvent(event.text()).build();
  }

  @Override
  public boolean endOfInput(ChunkSink sink) {
    return false;
  }
}
