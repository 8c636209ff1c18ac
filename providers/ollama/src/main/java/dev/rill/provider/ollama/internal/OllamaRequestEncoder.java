package dev.rill.provider.ollama.internal;

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
import dev.rill.provider.support.JsonValues;
import dev.rill.provider.support.TypedSettings;
import dev.rill.provider.support.TypedSettings.Setting;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;

/**
 * Encodes a {@link ChatRequest} as a streaming {@code POST {base}/api/chat} call.
 *
 * <p>The body: {@code model}, {@code messages} (images as base64 strings, assistant tool calls with their arguments
 * as a JSON object, tool results with {@code tool_name}), {@code tools}, {@code stream: true}, {@code think} when
 * reasoning options are given, {@code format} ({@code "json"}, or the JSON schema object itself) for a
 * {@link ChatRequest#responseFormat()}, and {@code options} ({@code temperature}, {@code top_p}, {@code num_predict},
 * {@code stop}, {@code seed}, {@code top_k}, {@code presence_penalty}, {@code frequency_penalty}). The
 * {@link ChatRequest#options() options} addressed to this provider's id or the {@code ollama} family are written last
 * at the top level and replace a field of the same name; an {@code options} map among them is merged into the
 * sampling options instead, the user's values winning. Ollama has no parallel-tool-calls switch: a request with
 * tools and {@link ChatRequest#parallelToolCalls()} is an invalid request.
 *
 * <p>Ollama has no {@code tool_choice}: {@link ToolChoice.Mode#NONE} leaves the tools out, and
 * {@link ToolChoice.Mode#REQUIRED} or a named tool are rejected as invalid rather than silently ignored.
 */
public final class OllamaRequestEncoder {

  /** The wire family. */
  public static final String FAMILY = "ollama";

  private static final Set<Setting> SUPPORTED = EnumSet.complementOf(EnumSet.of(Setting.PARALLEL_TOOL_CALLS));

  private final String providerId;

  public OllamaRequestEncoder(String providerId) {
    this.providerId = providerId;
  }

  /** Builds the HTTP call. */
  public HttpCall encode(ChatRequest request, ProviderSettings settings) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Accept", "application/x-ndjson");
    headers.putAll(settings.headers());
    // Ollama needs no key; one configured anyway is for a proxy in front of it.
    settings.key().ifPresent(key -> headers.put("Authorization", "Bearer " + key.reveal()));
    return HttpCall.post(JsonBodies.resolve(settings.baseUrl(), "/api/chat"), headers, body(request));
  }

  /** The JSON body alone. */
  public byte[] body(ChatRequest request) {
    ToolChoice choice = request.toolChoice();
    if (choice != null && (choice.mode() == ToolChoice.Mode.REQUIRED || choice.mode() == ToolChoice.Mode.NAMED)) {
      throw JsonBodies.invalid(providerId, "Ollama's /api/chat has no tool_choice, so tool choice " + choice.mode()
          + (choice.toolName() != null ? " ('" + choice.toolName() + "')" : "")
          + " cannot be honoured; use ToolChoice.AUTO or leave it unset");
    }
    boolean sendTools = !request.tools().isEmpty() && (choice == null || choice.mode() != ToolChoice.Mode.NONE);
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
      if (sendTools && !extra.containsKey("tools")) {
        writeTools(g, request.tools());
      }
      if (!extra.containsKey("stream")) {
        g.writeName("stream");
        g.writeBoolean(true);
      }
      if (request.reasoning() != null && !extra.containsKey("think")) {
        writeThink(g, request.reasoning());
      }
      if (request.responseFormat() != null && !extra.containsKey("format")) {
        g.writeName("format");
        if (request.responseFormat().hasSchema()) {
          JsonBodies.copyJson(g, request.responseFormat().schema(),
              "response schema '" + request.responseFormat().name() + "'", true, providerId);
        } else {
          g.writeString("json");
        }
      }
      writeOptions(g, request, extra.get("options"));
      JsonValues.writeOptions(g, extra, "options");
      g.writeEndObject();
    } catch (IllegalArgumentException e) {
      throw JsonBodies.invalid(providerId, "cannot encode the request options: " + e.getMessage());
    } catch (JacksonException e) {
      throw JsonBodies.invalid(providerId, "cannot encode the request: " + e.getOriginalMessage());
    }
    return out.toByteArray();
  }

  private void writeMessages(JsonGenerator g, List<Message> messages) {
    Map<String, String> toolNames = new HashMap<>();
    g.writeName("messages");
    g.writeStartArray();
    for (Message m : messages) {
      g.writeStartObject();
      g.writeName("role");
      g.writeString(m.role().name().toLowerCase(Locale.ROOT));
      g.writeName("content");
      g.writeString(m.text());
      List<String> images = images(m);
      if (!images.isEmpty()) {
        g.writeName("images");
        g.writeStartArray();
        for (String image : images) {
          g.writeString(image);
        }
        g.writeEndArray();
      }
      if (!m.toolCalls().isEmpty()) {
        g.writeName("tool_calls");
        g.writeStartArray();
        for (ToolCall call : m.toolCalls()) {
          toolNames.put(call.id(), call.name());
          g.writeStartObject();
          g.writeName("function");
          g.writeStartObject();
          g.writeName("name");
          g.writeString(call.name());
          g.writeName("arguments");
          JsonBodies.copyJson(g, call.arguments(), "the arguments of tool call '" + call.name() + "'", true,
              providerId);
          g.writeEndObject();
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      if (m.role() == Role.TOOL) {
        String name = m.name() != null && !m.name().isEmpty() ? m.name() : toolNames.get(m.toolCallId());
        if (name != null) {
          g.writeName("tool_name");
          g.writeString(name);
        }
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private List<String> images(Message m) {
    List<String> images = new ArrayList<>();
    for (Part p : m.parts()) {
      if (p instanceof Part.Image image) {
        if (image.base64() != null) {
          images.add(image.base64());
        } else if ("data".equalsIgnoreCase(image.url().getScheme())) {
          String url = image.url().toString();
          int comma = url.indexOf(',');
          if (comma < 0 || !url.substring(0, comma).toLowerCase(Locale.ROOT).endsWith(";base64")) {
            throw JsonBodies.invalid(providerId, "a data: image URL must be base64-encoded for Ollama");
          }
          images.add(url.substring(comma + 1));
        } else {
          throw JsonBodies.invalid(providerId, "Ollama accepts only inline images (base64 data), not image URLs: "
              + "download the image and pass its bytes with Part.image(bytes, mediaType)");
        }
      }
    }
    return images;
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
      g.writeName("description");
      g.writeString(tool.description());
      g.writeName("parameters");
      JsonBodies.copyJson(g, tool.parametersSchema(), "the parameters schema of tool '" + tool.name() + "'", true,
          providerId);
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** {@code think}: the effort string when given (gpt-oss), false for a zero budget, else true. */
  private static void writeThink(JsonGenerator g, ReasoningOptions reasoning) {
    g.writeName("think");
    if (reasoning.effort() != null && !reasoning.effort().isBlank()) {
      g.writeString(reasoning.effort());
    } else {
      g.writeBoolean(reasoning.budgetTokens() == null || reasoning.budgetTokens() > 0);
    }
  }

  private static void writeOptions(JsonGenerator g, ChatRequest request, Object userOptions) {
    if (userOptions != null && !(userOptions instanceof Map<?, ?>)) {
      g.writeName("options");
      JsonValues.write(g, "option 'options'", userOptions);
      return;
    }
    Map<String, Object> options = new LinkedHashMap<>();
    if (request.temperature() != null) {
      options.put("temperature", request.temperature());
    }
    if (request.topP() != null) {
      options.put("top_p", request.topP());
    }
    if (request.maxTokens() != null) {
      options.put("num_predict", request.maxTokens());
    }
    if (!request.stop().isEmpty()) {
      options.put("stop", request.stop());
    }
    if (request.seed() != null) {
      options.put("seed", request.seed());
    }
    if (request.topK() != null) {
      options.put("top_k", request.topK());
    }
    if (request.presencePenalty() != null) {
      options.put("presence_penalty", request.presencePenalty());
    }
    if (request.frequencyPenalty() != null) {
      options.put("frequency_penalty", request.frequencyPenalty());
    }
    if (userOptions instanceof Map<?, ?> map) {
      map.forEach((k, v) -> options.put(String.valueOf(k), v));
    }
    if (!options.isEmpty()) {
      g.writeName("options");
      JsonValues.write(g, "options", options);
    }
  }

}
