package dev.acme.rill.internal;

import dev.rill.api.ChunkSink;
import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.api.ToolCallDelta;
import dev.rill.api.Usage;
import dev.rill.api.WireEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * Decodes Acme Chat Stream records, one JSON object per NDJSON line, typed by {@code "type"}: {@code start},
 * {@code text}, {@code tool}, {@code end} (the terminator, with the finish reason and usage) and {@code error}.
 * Unknown types and members are skipped; anything malformed is a {@link ErrorKind#MALFORMED_RESPONSE}.
 */
public final class AcmeDecoder implements StreamDecoder {

  /** Creates a decoder for one stream. */
  public AcmeDecoder() {}

  @Override
  public Progress decode(WireEvent event, ChunkSink sink) {
    try (JsonParser p = AcmeJson.FACTORY.createParser(ObjectReadContext.empty(), event.array(), event.offset(),
        event.length())) {
      return record(p, event, sink);
    } catch (JacksonException e) {
      throw malformed("not a JSON record: " + e.getOriginalMessage(), event);
    }
  }

  private static Progress record(JsonParser p, WireEvent event, ChunkSink sink) {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw malformed("a record must be a JSON object", event);
    }
    String type = null;
    String id = null;
    String model = null;
    String delta = null;
    String reason = null;
    String code = null;
    String message = null;
    int index = -1;
    String callId = null;
    String name = null;
    String args = null;
    Usage usage = null;
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String member = p.currentName();
      p.nextToken();
      switch (member) {
        case "type" -> type = string(p, event);
        case "id" -> id = string(p, event);
        case "model" -> model = string(p, event);
        case "delta" -> delta = string(p, event);
        case "reason" -> reason = string(p, event);
        case "code" -> code = string(p, event);
        case "message" -> message = string(p, event);
        case "index" -> index = count(p, event);
        case "call_id" -> callId = string(p, event);
        case "name" -> name = string(p, event);
        case "args" -> args = string(p, event);
        case "usage" -> usage = usage(p, event);
        default -> p.skipChildren();
      }
    }
    if (p.nextToken() != null) {
      throw malformed("content after the record", event);
    }
    if (type == null) {
      throw malformed("a record without a type", event);
    }
    switch (type) {
      case "start" -> sink.responseInfo(id, model);
      case "text" -> {
        if (delta == null) {
          throw malformed("a text record without a delta", event);
        }
        if (!delta.isEmpty()) {
          sink.emit(StreamChunk.text(delta));
        }
      }
      case "tool" -> {
        if (index < 0) {
          throw malformed("a tool record without an index", event);
        }
        sink.emit(StreamChunk.toolCall(ToolCallDelta.of(index, callId, name, args)));
      }
      case "end" -> {
        FinishReason finish = reason == null ? null : finishReason(reason);
        if (finish != null || usage != null) {
          sink.emit(StreamChunk.builder().finishReason(finish).usage(usage).build());
        }
        return Progress.END;
      }
      case "error" -> throw AcmeErrors.inStream(code, message);
      default -> { } // a record type this plugin does not know: ignored
    }
    return Progress.CONTINUE;
  }

  /** Acme's finish reasons; anything else is OTHER with the raw value kept, never STOP. */
  static FinishReason finishReason(String raw) {
    FinishReason.Kind kind = switch (raw) {
      case "stop" -> FinishReason.Kind.STOP;
      case "max_tokens" -> FinishReason.Kind.LENGTH;
      case "tool_use" -> FinishReason.Kind.TOOL_CALLS;
      case "blocked" -> FinishReason.Kind.CONTENT_FILTER;
      default -> FinishReason.Kind.OTHER;
    };
    return FinishReason.of(kind, raw);
  }

  private static Usage usage(JsonParser p, WireEvent event) {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw malformed("usage must be an object", event);
    }
    Long in = null;
    Long out = null;
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String member = p.currentName();
      p.nextToken();
      switch (member) {
        case "input" -> in = (long) count(p, event);
        case "output" -> out = (long) count(p, event);
        default -> p.skipChildren();
      }
    }
    return new Usage(in, out, in != null && out != null ? in + out : null, null, null, null);
  }

  private static String string(JsonParser p, WireEvent event) {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw malformed("member " + p.currentName() + " must be a string", event);
    }
    return p.getString();
  }

  private static int count(JsonParser p, WireEvent event) {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw malformed("member " + p.currentName() + " must be an integer", event);
    }
    long v = p.getValueAsLong(-1);
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw malformed("member " + p.currentName() + " out of range: " + v, event);
    }
    return (int) v;
  }

  private static RillException malformed(String why, WireEvent event) {
    return RillException.builder(ErrorKind.MALFORMED_RESPONSE).message(why).rawEvent(event.text()).build();
  }

  @Override
  public boolean endOfInput(ChunkSink sink) {
    return false; // the stream ends with an "end" record: a body without it is TRUNCATED
  }
}
