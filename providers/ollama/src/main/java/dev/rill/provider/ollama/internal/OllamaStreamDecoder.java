package dev.rill.provider.ollama.internal;

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
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Decodes one Ollama NDJSON stream ({@code /api/chat}, and {@code /api/generate} lines too).
 *
 * <p>Each line is one JSON object. {@code model} is reported as the response's model; {@code message.content}
 * (or {@code response} for {@code /api/generate}) is text, {@code message.thinking} (or a top-level {@code thinking})
 * is reasoning; {@code message.tool_calls[]} are whole calls: each becomes one {@link ToolCallDelta} with the next
 * stream-wide index, the call's {@code id} or a generated {@code call_<index>}, and the arguments object serialised
 * compactly. Ollama's {@code function.index} is not used as the slot, since it restarts in every line and would merge
 * distinct calls. The first line with output that states a {@code message.role} (Ollama's is always
 * {@code assistant}) gives the stream's role, {@link Role#ASSISTANT}.
 *
 * <p>The line with {@code "done": true} ends the stream: it carries the finish reason ({@code done_reason}: stop to
 * STOP, or TOOL_CALLS when the stream made tool calls; length to LENGTH; load, unload and unknown values to OTHER; a
 * missing one to STOP with an empty raw value) and usage ({@code prompt_eval_count} in, {@code eval_count} out).
 * A body that ends without it is truncated. An {@code {"error": "..."}} line fails the stream: NOT_FOUND when it
 * says a model was not found, SERVER otherwise.
 */
public final class OllamaStreamDecoder implements StreamDecoder {

  private final String providerId;
  private final String requestedModel;
  private String reportedModel;
  private boolean roleSent;
  private int toolCalls;

  public OllamaStreamDecoder(String providerId, String requestedModel) {
    this.providerId = providerId;
    this.requestedModel = requestedModel;
  }

  @Override
  public Progress decode(WireEvent event, ChunkSink sink) {
    if (event.isBlank()) {
      return Progress.CONTINUE;
    }
    Line line = new Line();
    try (JsonParser p = JsonBodies.parser(event.array(), event.offset(), event.length())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw malformed(event, "an Ollama stream line must be a JSON object");
      }
      readLine(p, line);
      if (p.nextToken() != null) {
        throw malformed(event, "text after the JSON object of an Ollama stream line");
      }
    } catch (JacksonException e) {
      throw malformed(event, "unreadable Ollama stream line: " + e.getOriginalMessage());
    }
    if (line.error != null) {
      throw streamError(line.error);
    }
    if (line.model != null && !line.model.equals(reportedModel)) {
      reportedModel = line.model;
      sink.responseInfo(null, line.model);
    }
    List<ToolCallDelta> deltas = List.of();
    if (!line.calls.isEmpty()) {
      deltas = new ArrayList<>(line.calls.size());
      for (Call call : line.calls) {
        if (call.name == null || call.name.isEmpty()) {
          throw malformed(event, "an Ollama tool call without a function name");
        }
        int index = toolCalls++;
        String id = call.id != null && !call.id.isEmpty() ? call.id : "call_" + index;
        deltas.add(ToolCallDelta.of(index, id, call.name, call.arguments == null ? "{}" : call.arguments));
      }
    }
    StreamChunk.Builder chunk = StreamChunk.builder()
        .content(line.content.toString())
        .reasoning(line.reasoning.toString())
        .toolCalls(deltas);
    boolean output = line.content.length() > 0 || line.reasoning.length() > 0 || !deltas.isEmpty();
    if (output && !roleSent && line.role != null) {
      chunk.role(Role.ASSISTANT);
      roleSent = true;
    }
    if (!line.done) {
      if (output) {
        sink.emit(chunk.build());
      }
      return Progress.CONTINUE;
    }
    chunk.finishReason(finishReason(line.doneReason));
    if (line.promptEvalCount != null || line.evalCount != null) {
      chunk.usage(new Usage(line.promptEvalCount, line.evalCount, null, null, null, null));
    }
    sink.emit(chunk.build());
    return Progress.END;
  }

  /** No {@code done} line means the server or connection stopped early. */
  @Override
  public boolean endOfInput(ChunkSink sink) {
    return false;
  }

  private FinishReason finishReason(String raw) {
    if (raw == null) {
      return FinishReason.of(toolCalls > 0 ? FinishReason.Kind.TOOL_CALLS : FinishReason.Kind.STOP, "");
    }
    FinishReason.Kind kind = switch (raw) {
      case "stop" -> toolCalls > 0 ? FinishReason.Kind.TOOL_CALLS : FinishReason.Kind.STOP;
      case "length" -> FinishReason.Kind.LENGTH;
      default -> FinishReason.Kind.OTHER; // load, unload, and anything newer
    };
    return FinishReason.of(kind, raw);
  }

  private RillException streamError(String message) {
    ErrorKind kind = OllamaErrors.isModelNotFound(message) ? ErrorKind.NOT_FOUND : ErrorKind.SERVER;
    RillException.Builder b = RillException.builder(kind).provider(providerId).model(requestedModel)
        .providerMessage(message);
    if (kind == ErrorKind.NOT_FOUND) {
      b.message(message + " (" + OllamaErrors.pullHint(message, requestedModel) + ")");
    }
    return b.build();
  }

  private RillException malformed(WireEvent event, String message) {
    return RillException.builder(ErrorKind.MALFORMED_RESPONSE).provider(providerId).model(requestedModel)
        .message(message).rawEvent(event.text()).build();
  }


  // ---- parsing: the parser stands on the START_OBJECT of the line --------------------------------------------

  private static void readLine(JsonParser p, Line line) {
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "model" -> line.model = string(p, t);
        case "message" -> readMessage(p, t, line);
        case "response" -> append(line.content, p, t);
        case "thinking" -> append(line.reasoning, p, t);
        case "done" -> line.done = t == JsonToken.VALUE_TRUE;
        case "done_reason" -> line.doneReason = string(p, t);
        case "prompt_eval_count" -> line.promptEvalCount = count(p, t);
        case "eval_count" -> line.evalCount = count(p, t);
        case "error" -> line.error = errorText(p, t);
        default -> p.skipChildren();
      }
    }
  }

  private static void readMessage(JsonParser p, JsonToken t, Line line) {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "role" -> line.role = string(p, v);
        case "content" -> append(line.content, p, v);
        case "thinking" -> append(line.reasoning, p, v);
        case "tool_calls" -> readToolCalls(p, v, line.calls);
        default -> p.skipChildren();
      }
    }
  }

  private static void readToolCalls(JsonParser p, JsonToken t, List<Call> calls) {
    if (t != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    for (JsonToken e = p.nextToken(); e != null && e != JsonToken.END_ARRAY; e = p.nextToken()) {
      if (e != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      calls.add(readToolCall(p));
    }
  }

  private static Call readToolCall(JsonParser p) {
    Call call = new Call();
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (name.equals("id")) {
        call.id = string(p, v);
      } else if (name.equals("function") && v == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          String field = p.currentName();
          JsonToken fv = p.nextToken();
          if (field.equals("name")) {
            call.name = string(p, fv);
          } else if (field.equals("arguments")) {
            call.arguments = switch (fv) {
              case START_OBJECT, START_ARRAY -> JsonBodies.compact(p);
              case VALUE_NULL -> null;
              default -> p.getString();
            };
          } else {
            p.skipChildren();
          }
        }
      } else {
        p.skipChildren();
      }
    }
    return call;
  }

  private static String string(JsonParser p, JsonToken t) {
    if (t == JsonToken.VALUE_STRING) {
      return p.getString();
    }
    p.skipChildren();
    return null;
  }

  private static void append(StringBuilder sb, JsonParser p, JsonToken t) {
    if (t == JsonToken.VALUE_STRING) {
      sb.append(p.getString());
    } else {
      p.skipChildren();
    }
  }

  private static Long count(JsonParser p, JsonToken t) {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      long v = p.getLongValue();
      return v >= 0 ? v : null;
    }
    p.skipChildren();
    return null;
  }

  private static String errorText(JsonParser p, JsonToken t) {
    if (t == JsonToken.VALUE_STRING) {
      return p.getString();
    }
    if (t == JsonToken.START_OBJECT) {
      String message = null;
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if ((name.equals("message") || name.equals("error")) && v == JsonToken.VALUE_STRING) {
          message = p.getString();
        } else {
          p.skipChildren();
        }
      }
      return message != null ? message : "unknown error";
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    p.skipChildren();
    return "unknown error";
  }

  private static final class Line {
    String model;
    String role;
    final StringBuilder content = new StringBuilder();
    final StringBuilder reasoning = new StringBuilder();
    final List<Call> calls = new ArrayList<>(0);
    boolean done;
    String doneReason;
    Long promptEvalCount;
    Long evalCount;
    String error;
  }

  private static final class Call {
    String id;
    String name;
    String arguments;
  }
}
