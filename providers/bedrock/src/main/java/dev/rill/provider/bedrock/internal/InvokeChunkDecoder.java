package dev.rill.provider.bedrock.internal;

import dev.rill.api.ChunkSink;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.Role;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder.Progress;
import dev.rill.api.ToolCallDelta;
import dev.rill.api.Usage;
import dev.rill.api.WireEvent;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * Decodes the {@code chunk} events of an InvokeModelWithResponseStream response: each payload is
 * {@code {"bytes":"<base64>"}} wrapping one JSON event of the invoked model's own streaming format. Two formats are
 * understood:
 *
 * <ul>
 *   <li><b>OpenAI-style</b> {@code chat.completion.chunk} (a {@code choices} member; e.g. {@code openai.gpt-oss-*}):
 *       {@code delta.role}, {@code delta.content} (text, passed through as is, {@code <reasoning>} tags included),
 *       {@code delta.reasoning_content} or {@code delta.reasoning} (reasoning), {@code delta.tool_calls[]}
 *       ({@code index}, {@code id}, {@code function.name}, {@code function.arguments}), {@code finish_reason}
 *       ({@link StopReasons#ofWrapped}) and {@code usage}; the response id and model are reported.
 *   <li><b>Anthropic-style</b> Messages events (a {@code type} member; Claude through InvokeModel):
 *       {@code message_start}, {@code content_block_start} ({@code tool_use}; {@code redacted_thinking}, whose
 *       {@code data} is a redacted reasoning block), {@code content_block_delta} ({@code text_delta},
 *       {@code thinking_delta}, {@code input_json_delta}, {@code signature_delta}, taken as the block's whole
 *       signature), {@code message_delta}
 *       ({@code stop_reason}, usage) and {@code message_stop}, which ends the stream.
 * </ul>
 *
 * Bedrock's {@code amazon-bedrock-invocationMetrics} ({@code inputTokenCount}, {@code outputTokenCount}) give the
 * usage when the model's own usage is absent. Any other wrapped format is ignored with one warning. Each inner event
 * is read into a small flat map of its scalar values (paths such as {@code choices.0.delta.content}): this path is not
 * the plugin's hot path, and the formats nest arrays the Converse reader does not need.
 */
final class InvokeChunkDecoder {

  private final String providerId;
  private final String model;
  private final Map<Integer, Integer> anthropicTools = new HashMap<>();
  private int anthropicToolCount;
  private Long anthropicInput;
  private boolean finished;
  private boolean warned;
  private boolean infoReported;

  InvokeChunkDecoder(String providerId, String model) {
    this.providerId = providerId;
    this.model = model;
  }

  /** Whether the wrapped model stated a finish reason. */
  boolean finished() {
    return finished;
  }

  Progress decode(WireEvent wire, String base64, ChunkSink sink) {
    byte[] inner;
    try {
      inner = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw malformed(wire, "the chunk's bytes are not base64: " + e.getMessage());
    }
    Map<String, String> f = flatten(wire, inner);
    if (f.containsKey("choices") || hasPrefix(f, "choices.")) {
      openAi(f, sink);
      return Progress.CONTINUE;
    }
    String type = f.get("type");
    if (type != null) {
      return anthropic(wire, type, f, sink);
    }
    if (!warned) {
      warned = true;
      sink.warning("provider " + providerId + ": ignoring InvokeModelWithResponseStream chunks of an unknown format");
    }
    return Progress.CONTINUE;
  }

  // ---- OpenAI-style chat.completion.chunk

  private void openAi(Map<String, String> f, ChunkSink sink) {
    if (!infoReported && (f.get("id") != null || f.get("model") != null)) {
      infoReported = true;
      sink.responseInfo(f.get("id"), f.get("model"));
    }
    Usage usage = usage(f.get("usage.prompt_tokens"), f.get("usage.completion_tokens"), f.get("usage.total_tokens"));
    if (usage == null) {
      usage = usage(f.get("amazon-bedrock-invocationMetrics.inputTokenCount"),
          f.get("amazon-bedrock-invocationMetrics.outputTokenCount"), null);
    }
    for (int c = 0; f.containsKey("choices." + c) || hasPrefix(f, "choices." + c + "."); c++) {
      String p = "choices." + c + ".";
      int choice = intOr(f.get(p + "index"), c);
      Role role = f.get(p + "delta.role") != null ? Role.ASSISTANT : null; // a response's deltas are the assistant's
      StreamChunk.Builder b = StreamChunk.builder().choice(choice).role(role).content(f.get(p + "delta.content"));
      String reasoning = f.get(p + "delta.reasoning_content");
      b.reasoning(reasoning != null ? reasoning : f.get(p + "delta.reasoning"));
      List<ToolCallDelta> tools = new ArrayList<>();
      for (int t = 0; hasPrefix(f, p + "delta.tool_calls." + t + "."); t++) {
        String q = p + "delta.tool_calls." + t + ".";
        tools.add(ToolCallDelta.of(intOr(f.get(q + "index"), t), f.get(q + "id"), f.get(q + "function.name"),
            f.get(q + "function.arguments")));
      }
      b.toolCalls(tools);
      String finish = f.get(p + "finish_reason");
      if (finish != null) {
        finished = true;
        b.finishReason(StopReasons.ofWrapped(finish));
      }
      if (c == 0 && usage != null) {
        b.usage(usage);
        usage = null;
      }
      StreamChunk chunk = b.build();
      if (!chunk.isEmpty()) {
        sink.emit(chunk);
      }
    }
    if (usage != null) {
      sink.emit(StreamChunk.ofUsage(usage));
    }
  }

  // ---- Anthropic-style Messages events

  private Progress anthropic(WireEvent wire, String type, Map<String, String> f, ChunkSink sink) {
    switch (type) {
      case "message_start" -> {
        sink.responseInfo(f.get("message.id"), f.get("message.model"));
        anthropicInput = longOr(f.get("message.usage.input_tokens"));
        Usage usage = usage(f.get("message.usage.input_tokens"), f.get("message.usage.output_tokens"), null);
        sink.emit(StreamChunk.builder().role(Role.ASSISTANT).usage(usage).build());
      }
      case "content_block_start" -> {
        if ("tool_use".equals(f.get("content_block.type"))) {
          int index = intOr(f.get("index"), -1);
          String id = f.get("content_block.id");
          String name = f.get("content_block.name");
          if (index < 0 || id == null || name == null) {
            throw malformed(wire, "a tool_use block without an index, an id or a name");
          }
          int toolIndex = anthropicToolCount++;
          anthropicTools.put(index, toolIndex);
          sink.emit(StreamChunk.toolCall(ToolCallDelta.start(toolIndex, id, name)));
        } else if ("redacted_thinking".equals(f.get("content_block.type"))) {
          String data = f.get("content_block.data");
          if (data != null && !data.isEmpty()) {
            sink.emit(StreamChunk.ofRedactedReasoning(data));
          }
        }
      }
      case "content_block_delta" -> {
        String deltaType = f.getOrDefault("delta.type", "");
        switch (deltaType) {
          case "text_delta" -> emitText(sink, f.get("delta.text"));
          case "thinking_delta" -> {
            String thinking = f.get("delta.thinking");
            if (thinking != null && !thinking.isEmpty()) {
              sink.emit(StreamChunk.reasoningDelta(thinking));
            }
          }
          case "input_json_delta" -> {
            Integer toolIndex = anthropicTools.get(intOr(f.get("index"), -1));
            if (toolIndex == null) {
              throw malformed(wire, "input_json_delta for a block that never started as a tool call");
            }
            String partial = f.get("delta.partial_json");
            if (partial != null && !partial.isEmpty()) {
              sink.emit(StreamChunk.toolCall(ToolCallDelta.arguments(toolIndex, partial)));
            }
          }
          case "signature_delta" -> {
            String signature = f.get("delta.signature");
            if (signature != null && !signature.isEmpty()) {
              sink.emit(StreamChunk.ofReasoningSignature(signature));
            }
          }
          default -> { } // others carry no text
        }
      }
      case "message_delta" -> {
        String stop = f.get("delta.stop_reason");
        Usage usage = usage(f.get("usage.input_tokens") != null ? f.get("usage.input_tokens")
            : anthropicInput == null ? null : anthropicInput.toString(), f.get("usage.output_tokens"), null);
        StreamChunk.Builder b = StreamChunk.builder().usage(usage);
        if (stop != null) {
          finished = true;
          b.finishReason(StopReasons.ofWrapped(stop));
        }
        StreamChunk chunk = b.build();
        if (!chunk.isEmpty()) {
          sink.emit(chunk);
        }
      }
      case "message_stop" -> {
        Usage usage = usage(f.get("amazon-bedrock-invocationMetrics.inputTokenCount"),
            f.get("amazon-bedrock-invocationMetrics.outputTokenCount"), null);
        if (usage != null) {
          sink.emit(StreamChunk.ofUsage(usage));
        }
        finished = true;
        return Progress.END;
      }
      default -> { }
    }
    return Progress.CONTINUE;
  }

  private static void emitText(ChunkSink sink, String text) {
    if (text != null && !text.isEmpty()) {
      sink.emit(StreamChunk.text(text));
    }
  }

  // ---- helpers

  private Usage usage(String input, String output, String total) {
    Long in = longOr(input);
    Long out = longOr(output);
    Long all = longOr(total);
    if (in == null && out == null && all == null) {
      return null;
    }
    if ((in != null && in < 0) || (out != null && out < 0) || (all != null && all < 0)) {
      return null;
    }
    return new Usage(in, out, all, null, null, null);
  }

  private static Long longOr(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static int intOr(String value, int fallback) {
    Long v = longOr(value);
    return v == null || v < 0 || v > Integer.MAX_VALUE ? fallback : v.intValue();
  }

  private static boolean hasPrefix(Map<String, String> f, String prefix) {
    for (String key : f.keySet()) {
      if (key.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The scalar values of a JSON object by dotted path (array items by index); JSON nulls are left out. */
  private Map<String, String> flatten(WireEvent wire, byte[] json) {
    Map<String, String> out = new HashMap<>();
    try (JsonParser p = BedrockJson.FACTORY.createParser(ObjectReadContext.empty(), json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw malformed(wire, "the chunk's bytes are not a JSON object");
      }
      walkObject(p, "", out);
      if (p.nextToken() != null) {
        throw malformed(wire, "the chunk's bytes hold more than one JSON value");
      }
    } catch (JacksonException e) {
      throw malformed(wire, "the chunk's bytes are not valid JSON: " + e.getOriginalMessage());
    }
    return out;
  }

  private static void walkObject(JsonParser p, String prefix, Map<String, String> out) {
    String name;
    while ((name = p.nextName()) != null) {
      walkValue(p, p.nextToken(), prefix + name, out);
    }
  }

  private static void walkValue(JsonParser p, JsonToken t, String path, Map<String, String> out) {
    switch (t) {
      case START_OBJECT -> {
        out.put(path, "{}");
        walkObject(p, path + ".", out);
      }
      case START_ARRAY -> {
        out.put(path, "[]");
        int i = 0;
        JsonToken item;
        while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
          walkValue(p, item, path + "." + i++, out);
        }
      }
      case VALUE_NULL -> { }
      default -> out.put(path, p.getString());
    }
  }

  private RillException malformed(WireEvent wire, String message) {
    return RillException.builder(ErrorKind.MALFORMED_RESPONSE).provider(providerId).model(model).message(message)
        .rawEvent(wire.text()).build();
  }
}
