package dev.rill.provider.cohere.internal;

import dev.rill.api.ChatRequest;
import dev.rill.api.HttpCall;
import dev.rill.api.Message;
import dev.rill.api.Part;
import dev.rill.api.ProviderSettings;
import dev.rill.api.ReasoningOptions;
import dev.rill.api.Role;
import dev.rill.api.Tool;
import dev.rill.api.ToolCall;
import dev.rill.api.ToolChoice;
import dev.rill.api.ResponseFormat;
import dev.rill.provider.support.JsonValues;
import dev.rill.provider.support.TypedSettings;
import dev.rill.provider.support.TypedSettings.Setting;
import java.io.ByteArrayOutputStream;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;

/**
 * Encodes a {@link ChatRequest} as a streaming Cohere v2 {@code POST {base}/v2/chat} call with
 * {@code Authorization: Bearer}.
 *
 * <p>The body: {@code model}; {@code messages} (system, user, assistant, tool; text-only content as a string, content
 * with images as {@code [{type:text},{type:image_url}]}; an assistant turn that called tools carries its text as
 * {@code tool_plan} beside {@code tool_calls}, as Cohere's tool-use guide sends it back; a tool result carries
 * {@code tool_call_id}); {@code tools}; {@code tool_choice} (REQUIRED or NONE; AUTO is the default and is omitted;
 * Cohere cannot force one named tool, so a named choice is an invalid request); {@code temperature}; {@code p};
 * {@code max_tokens}; {@code stop_sequences}; {@code thinking} ({@code {type: enabled, token_budget}} for a budget,
 * {@code {type: enabled}} for an effort alone, {@code {type: disabled}} for a zero budget); {@code seed}; {@code k};
 * {@code presence_penalty}; {@code frequency_penalty}; {@code response_format} ({@code {type: json_object}}, with
 * {@code json_schema} when there is a schema; Cohere has no strict switch); {@code stream: true}. The
 * {@link ChatRequest#options() options} addressed to this provider's id or the {@code cohere-v2} family are written
 * last and replace a field of the same name. Cohere has no parallel-tool-calls switch: a request with tools and
 * {@link ChatRequest#parallelToolCalls()} is an invalid request.
 */
public final class CohereRequestEncoder {

  /** The wire family. */
  public static final String FAMILY = "cohere-v2";

  private static final Set<Setting> SUPPORTED = EnumSet.complementOf(EnumSet.of(Setting.PARALLEL_TOOL_CALLS));

  private final String providerId;
  private final String keyVariable;

  public CohereRequestEncoder(String providerId, String keyVariable) {
    this.providerId = providerId;
    this.keyVariable = keyVariable;
  }

  /** Builds the HTTP call; fails with AUTHENTICATION when no key is configured. */
  public HttpCall encode(ChatRequest request, ProviderSettings settings) {
    byte[] body = body(request);
    String key = settings.requireKey(keyVariable).reveal();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Accept", "text/event-stream");
    headers.putAll(settings.headers());
    headers.put("Authorization", "Bearer " + key);
    return HttpCall.post(JsonBodies.resolve(settings.baseUrl(), "/v2/chat"), headers, body);
  }

  /** The JSON body alone. */
  public byte[] body(ChatRequest request) {
    ToolChoice choice = request.toolChoice();
    if (choice != null && choice.mode() == ToolChoice.Mode.NAMED) {
      throw JsonBodies.invalid(providerId, "Cohere's tool_choice accepts only REQUIRED or NONE: it cannot force the "
          + "named tool '" + choice.toolName() + "'; pass only that tool with ToolChoice.REQUIRED instead");
    }
    try {
      TypedSettings.requireSupported(request, providerId, FAMILY, SUPPORTED);
    } catch (JsonValues.InvalidValue e) {
      throw JsonBodies.invalid(providerId, e.getMessage());
    }
    Map<String, Object> extra = request.options().fieldsFor(providerId, FAMILY);
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JsonBodies.generator(out)) {
      g.writeStartObject();
      if (!extra.containsKey("model")) {
        g.writeName("model");
        g.writeString(request.model());
      }
      if (!extra.containsKey("messages")) {
        writeMessages(g, request.messages());
      }
      if (!request.tools().isEmpty() && !extra.containsKey("tools")) {
        writeTools(g, request.tools());
      }
      if (choice != null && choice.mode() != ToolChoice.Mode.AUTO && !extra.containsKey("tool_choice")) {
        g.writeName("tool_choice");
        g.writeString(choice.mode() == ToolChoice.Mode.REQUIRED ? "REQUIRED" : "NONE");
      }
      if (request.temperature() != null && !extra.containsKey("temperature")) {
        g.writeName("temperature");
        g.writeNumber(request.temperature());
      }
      if (request.topP() != null && !extra.containsKey("p")) {
        g.writeName("p");
        g.writeNumber(request.topP());
      }
      if (request.maxTokens() != null && !extra.containsKey("max_tokens")) {
        g.writeName("max_tokens");
        g.writeNumber(request.maxTokens());
      }
      if (!request.stop().isEmpty() && !extra.containsKey("stop_sequences")) {
        g.writeName("stop_sequences");
        JsonValues.write(g, "stop", request.stop());
      }
      if (request.reasoning() != null && !extra.containsKey("thinking")) {
        writeThinking(g, request.reasoning());
      }
      writeNumber(g, extra, "seed", request.seed());
      writeNumber(g, extra, "k", request.topK());
      writeNumber(g, extra, "presence_penalty", request.presencePenalty());
      writeNumber(g, extra, "frequency_penalty", request.frequencyPenalty());
      if (request.responseFormat() != null && !extra.containsKey("response_format")) {
        writeResponseFormat(g, request.responseFormat());
      }
      if (!extra.containsKey("stream")) {
        g.writeName("stream");
        g.writeBoolean(true);
      }
      JsonValues.writeOptions(g, extra);
      g.writeEndObject();
    } catch (IllegalArgumentException e) {
      throw JsonBodies.invalid(providerId, "cannot encode the request options: " + e.getMessage());
    } catch (JacksonException e) {
      throw JsonBodies.invalid(providerId, "cannot encode the request: " + e.getOriginalMessage());
    }
    return out.toByteArray();
  }

  /** {@code name: value} when the value is set and no option replaces the field. */
  private static void writeNumber(JsonGenerator g, Map<String, Object> extra, String name, Number value) {
    if (value != null && !extra.containsKey(name)) {
      g.writeName(name);
      JsonValues.write(g, name, value);
    }
  }

  /** {@code response_format}: {@code {type: json_object}}, plus {@code json_schema} when there is a schema. */
  private void writeResponseFormat(JsonGenerator g, ResponseFormat format) {
    g.writeName("response_format");
    g.writeStartObject();
    g.writeName("type");
    g.writeString("json_object");
    if (format.hasSchema()) {
      g.writeName("json_schema");
      JsonBodies.copyJson(g, format.schema(), "response schema '" + format.name() + "'", true, providerId);
    }
    g.writeEndObject();
  }

  private void writeMessages(JsonGenerator g, List<Message> messages) {
    g.writeName("messages");
    g.writeStartArray();
    for (Message m : messages) {
      g.writeStartObject();
      g.writeName("role");
      g.writeString(switch (m.role()) {
        case SYSTEM -> "system";
        case USER -> "user";
        case ASSISTANT -> "assistant";
        case TOOL -> "tool";
      });
      if (m.role() == Role.ASSISTANT && !m.toolCalls().isEmpty()) {
        String plan = m.text();
        if (!plan.isEmpty()) {
          g.writeName("tool_plan");
          g.writeString(plan);
        }
        writeToolCalls(g, m.toolCalls());
      } else if (m.role() == Role.TOOL) {
        g.writeName("tool_call_id");
        g.writeString(m.toolCallId());
        g.writeName("content");
        g.writeString(m.text());
      } else {
        writeContent(g, m);
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** Text as a string, or content items when there are images; reasoning parts are not sent to Cohere. */
  private static void writeContent(JsonGenerator g, Message m) {
    g.writeName("content");
    boolean images = false;
    for (Part p : m.parts()) {
      images |= p instanceof Part.Image;
    }
    if (!images) {
      g.writeString(m.text());
      return;
    }
    g.writeStartArray();
    for (Part p : m.parts()) {
      if (p instanceof Part.Reasoning) {
        continue;
      }
      g.writeStartObject();
      if (p instanceof Part.Text t) {
        g.writeName("type");
        g.writeString("text");
        g.writeName("text");
        g.writeString(t.text());
      } else if (p instanceof Part.Image image) {
        g.writeName("type");
        g.writeString("image_url");
        g.writeName("image_url");
        g.writeStartObject();
        g.writeName("url");
        g.writeString(image.asUrl());
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeToolCalls(JsonGenerator g, List<ToolCall> calls) {
    g.writeName("tool_calls");
    g.writeStartArray();
    for (ToolCall call : calls) {
      g.writeStartObject();
      g.writeName("id");
      g.writeString(call.id());
      g.writeName("type");
      g.writeString("function");
      g.writeName("function");
      g.writeStartObject();
      g.writeName("name");
      g.writeString(call.name());
      g.writeName("arguments");
      g.writeString(call.arguments());
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private void writeTools(JsonGenerator g, List<Tool> tools) {
    g.writeName("tools");
    g.writeStartArray();
    for (Tool tool : tools) {
      g.writeStartObject();
      g.writeName("type");
      g.writeString("function");
      g.writeName("function");
      g.writeStartObject();
      g.writeName("name");
      g.writeString(tool.name());
      if (!tool.description().isEmpty()) {
        g.writeName("description");
        g.writeString(tool.description());
      }
      g.writeName("parameters");
      JsonBodies.copyJson(g, tool.parametersSchema(), "the parameters schema of tool '" + tool.name() + "'", true,
          providerId);
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeThinking(JsonGenerator g, ReasoningOptions reasoning) {
    g.writeName("thinking");
    g.writeStartObject();
    g.writeName("type");
    Integer budget = reasoning.budgetTokens();
    g.writeString(budget != null && budget == 0 ? "disabled" : "enabled");
    if (budget != null && budget > 0) {
      g.writeName("token_budget");
      g.writeNumber(budget);
    }
    g.writeEndObject();
  }
}
