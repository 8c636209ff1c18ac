package dev.rill.provider.openairesponses.internal;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.Message;
import dev.rill.api.Part;
import dev.rill.api.ReasoningOptions;
import dev.rill.api.RillException;
import dev.rill.api.Role;
import dev.rill.api.Tool;
import dev.rill.api.ToolCall;
import dev.rill.api.ToolChoice;
import dev.rill.api.ResponseFormat;
import dev.rill.provider.support.JsonValues;
import dev.rill.provider.support.ReasoningEfforts;
import dev.rill.provider.support.TypedSettings;
import dev.rill.provider.support.TypedSettings.Setting;
import java.io.ByteArrayOutputStream;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/**
 * Encodes a {@link ChatRequest} into the JSON body of {@code POST /responses} with {@code "stream": true}. Stateless
 * and thread-safe.
 *
 * <p>Field order is fixed: {@code model}, {@code instructions}, {@code input}, {@code tools}, {@code tool_choice},
 * {@code temperature}, {@code top_p}, {@code max_output_tokens}, {@code reasoning}, {@code parallel_tool_calls} (only
 * with tools), {@code text} ({@code {"format":{"type":"json_object"}}} or {@code {"format":{"type":"json_schema",
 * "name","schema","strict"}}}), {@code stream}, {@code store}, then the {@link ChatRequest#options() options}
 * addressed to this provider's id or family, in their own order. An option named like a field Rill writes replaces that field
 * (so {@code "store": true} turns server-side storage back on); {@code model}, {@code input} and {@code stream} cannot
 * be replaced.
 *
 * <ul>
 *   <li>System messages, wherever they are, are joined with a blank line into {@code instructions}; they must be text.
 *   <li>A user message is {@code {"role":"user","content":[{"type":"input_text","text"}|{"type":"input_image",
 *       "image_url"}]}} (an inline image becomes a {@code data:} URL).
 *   <li>An assistant message is {@code {"role":"assistant","content":[{"type":"output_text","text"}]}} when it has
 *       text (or neither text nor tool calls), followed by one {@code {"type":"function_call","call_id","name",
 *       "arguments"}} item per tool call.
 *   <li>A tool message is {@code {"type":"function_call_output","call_id","output"}}.
 *   <li>{@link Message#name()} has no field in this API and is not sent.
 *   <li>Tools are {@code {"type":"function","name","description","parameters","strict":false}}: Rill does not know
 *       whether a schema meets strict mode's rules, so it asks for none.
 *   <li>Reasoning options become {@code {"effort", "summary":"auto"}} (xAI: no summary, see {@link Dialect}). A token
 *       budget has no field here: given alone, it picks the effort by the inverse of Anthropic's table (up to 1024
 *       tokens {@code low}, up to 4096 {@code medium}, more {@code high}).
 *   <li>{@code store} is {@code false}: Rill sends the whole conversation on every call and never reads a stored
 *       response back, so nothing needs keeping on the provider's side.
 *   <li>Stop sequences, seed, top_k and the penalties do not exist in this API: a request with
 *       {@link ChatRequest#stop()}, {@link ChatRequest#seed()}, {@link ChatRequest#topK()} or a penalty is
 *       {@link ErrorKind#INVALID_REQUEST}, rather than silently ignored.
 * </ul>
 */
public final class ResponsesRequestEncoder {

  private static final Set<String> RESERVED = Set.of("model", "input", "stream");
  private static final Set<Setting> SUPPORTED =
      EnumSet.of(Setting.PARALLEL_TOOL_CALLS, Setting.JSON_OUTPUT, Setting.JSON_SCHEMA_OUTPUT);

  private final String providerId;
  private final Dialect dialect;

  public ResponsesRequestEncoder(String providerId, Dialect dialect) {
    this.providerId = providerId;
    this.dialect = dialect;
  }

  /** The JSON body for {@code request}. */
  public byte[] body(ChatRequest request) {
    Map<String, Object> options = request.options().fieldsFor(providerId, Responses.FAMILY);
    for (String reserved : RESERVED) {
      if (options.containsKey(reserved)) {
        throw invalid(request, "option '" + reserved + "' cannot be set: Rill writes it");
      }
    }
    if (!request.stop().isEmpty()) {
      throw invalid(request, "the Responses API has no stop sequences; remove stop(...) from the request "
          + "(or use the chat-completions provider, which supports them)");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = Responses.JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      TypedSettings.requireSupported(request, providerId, Responses.FAMILY, SUPPORTED);
      g.writeStartObject();
      g.writeStringProperty("model", request.model());
      String instructions = instructions(request);
      if (instructions != null && !options.containsKey("instructions")) {
        g.writeStringProperty("instructions", instructions);
      }
      g.writeName("input");
      g.writeStartArray();
      for (Message m : request.messages()) {
        writeItems(g, request, m);
      }
      g.writeEndArray();
      if (!request.tools().isEmpty() && !options.containsKey("tools")) {
        g.writeName("tools");
        g.writeStartArray();
        for (Tool t : request.tools()) {
          writeTool(g, request, t);
        }
        g.writeEndArray();
      }
      if (request.toolChoice() != null && !options.containsKey("tool_choice")) {
        g.writeName("tool_choice");
        writeToolChoice(g, request.toolChoice());
      }
      if (request.temperature() != null && !options.containsKey("temperature")) {
        g.writeName("temperature");
        writeDouble(g, request, "temperature", request.temperature());
      }
      if (request.topP() != null && !options.containsKey("top_p")) {
        g.writeName("top_p");
        writeDouble(g, request, "top_p", request.topP());
      }
      if (request.maxTokens() != null && !options.containsKey("max_output_tokens")) {
        g.writeNumberProperty("max_output_tokens", request.maxTokens());
      }
      if (request.reasoning() != null && !options.containsKey("reasoning")) {
        writeReasoning(g, request.reasoning());
      }
      if (request.parallelToolCalls() != null && !request.tools().isEmpty()
          && !options.containsKey("parallel_tool_calls")) {
        g.writeBooleanProperty("parallel_tool_calls", request.parallelToolCalls());
      }
      if (request.responseFormat() != null && !options.containsKey("text")) {
        writeTextFormat(g, request.responseFormat());
      }
      g.writeBooleanProperty("stream", true);
      if (!options.containsKey("store")) {
        g.writeBooleanProperty("store", false);
      }
      JsonValues.writeOptions(g, options);
      g.writeEndObject();
    } catch (JsonValues.InvalidValue e) {
      throw invalid(request, e.getMessage());
    } catch (JacksonException e) {
      throw RillException.builder(ErrorKind.INVALID_REQUEST).provider(providerId).model(request.model())
          .message("cannot encode the request body: " + e.getOriginalMessage()).cause(e).build();
    }
    return out.toByteArray();
  }

  /** {@code text.format}: JSON mode, or a JSON schema with its name and strictness. */
  private static void writeTextFormat(JsonGenerator g, ResponseFormat format) {
    g.writeName("text");
    g.writeStartObject();
    g.writeName("format");
    g.writeStartObject();
    if (format.hasSchema()) {
      g.writeStringProperty("type", "json_schema");
      g.writeStringProperty("name", format.name());
      g.writeName("schema");
      JsonValues.copyJson(g, format.schema(), "response schema '" + format.name() + "'", true);
      g.writeBooleanProperty("strict", format.strict());
    } else {
      g.writeStringProperty("type", "json_object");
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  /** The system messages joined with a blank line, or null when there are none. */
  private String instructions(ChatRequest request) {
    StringBuilder sb = null;
    for (Message m : request.messages()) {
      if (m.role() != Role.SYSTEM) {
        continue;
      }
      requireTextOnly(request, m);
      if (sb == null) {
        sb = new StringBuilder();
      } else {
        sb.append("\n\n");
      }
      sb.append(m.text());
    }
    return sb == null ? null : sb.toString();
  }

  private void writeItems(JsonGenerator g, ChatRequest request, Message m) {
    switch (m.role()) {
      case SYSTEM -> { } // in instructions
      case USER -> {
        g.writeStartObject();
        g.writeStringProperty("role", "user");
        g.writeName("content");
        g.writeStartArray();
        for (Part p : m.parts()) {
          g.writeStartObject();
          if (p instanceof Part.Text t) {
            g.writeStringProperty("type", "input_text");
            g.writeStringProperty("text", t.text());
          } else if (p instanceof Part.Image image) {
            g.writeStringProperty("type", "input_image");
            g.writeStringProperty("image_url", image.asUrl());
          }
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      case ASSISTANT -> {
        requireTextOnly(request, m);
        String text = m.text();
        if (!text.isEmpty() || m.toolCalls().isEmpty()) {
          g.writeStartObject();
          g.writeStringProperty("role", "assistant");
          g.writeName("content");
          g.writeStartArray();
          g.writeStartObject();
          g.writeStringProperty("type", "output_text");
          g.writeStringProperty("text", text);
          g.writeEndObject();
          g.writeEndArray();
          g.writeEndObject();
        }
        for (ToolCall call : m.toolCalls()) {
          g.writeStartObject();
          g.writeStringProperty("type", "function_call");
          g.writeStringProperty("call_id", call.id());
          g.writeStringProperty("name", call.name());
          g.writeStringProperty("arguments", call.arguments());
          g.writeEndObject();
        }
      }
      case TOOL -> {
        requireTextOnly(request, m);
        g.writeStartObject();
        g.writeStringProperty("type", "function_call_output");
        g.writeStringProperty("call_id", m.toolCallId());
        g.writeStringProperty("output", m.text());
        g.writeEndObject();
      }
    }
  }

  /** Rejects image parts; reasoning parts (kept for providers that take them back) are not sent here. */
  private void requireTextOnly(ChatRequest request, Message m) {
    if (hasImage(m)) {
      throw invalid(request, "only user messages can carry images; a " + m.role().name().toLowerCase(Locale.ROOT)
          + " message has an image part");
    }
  }

  private static boolean hasImage(Message m) {
    for (Part p : m.parts()) {
      if (p instanceof Part.Image) {
        return true;
      }
    }
    return false;
  }

  private void writeTool(JsonGenerator g, ChatRequest request, Tool t) {
    g.writeStartObject();
    g.writeStringProperty("type", "function");
    g.writeStringProperty("name", t.name());
    if (!t.description().isEmpty()) {
      g.writeStringProperty("description", t.description());
    }
    g.writeName("parameters");
    g.writeRawValue(checkedSchema(request, t));
    g.writeBooleanProperty("strict", false);
    g.writeEndObject();
  }

  /** The schema text, after checking it is one JSON object, so a bad schema cannot corrupt the body. */
  private String checkedSchema(ChatRequest request, Tool t) {
    String schema = t.parametersSchema();
    try {
      JsonValues.validate(schema, "the parameters schema of tool '" + t.name() + "'", true);
    } catch (JsonValues.InvalidValue e) {
      throw invalid(request, e.getMessage());
    }
    return schema;
  }

  private static void writeToolChoice(JsonGenerator g, ToolChoice choice) {
    switch (choice.mode()) {
      case AUTO -> g.writeString("auto");
      case NONE -> g.writeString("none");
      case REQUIRED -> g.writeString("required");
      case NAMED -> {
        g.writeStartObject();
        g.writeStringProperty("type", "function");
        g.writeStringProperty("name", choice.toolName());
        g.writeEndObject();
      }
    }
  }

  private void writeReasoning(JsonGenerator g, ReasoningOptions reasoning) {
    String effort = ReasoningEfforts.effortOf(reasoning);
    g.writeName("reasoning");
    g.writeStartObject();
    if (effort != null) {
      g.writeStringProperty("effort", effort);
    }
    if (dialect.reasoningSummary()) {
      g.writeStringProperty("summary", "auto");
    }
    g.writeEndObject();
  }

  private void writeDouble(JsonGenerator g, ChatRequest request, String name, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw invalid(request, name + " must be a finite number: " + value);
    }
    g.writeNumber(value);
  }


  private RillException invalid(ChatRequest request, String message) {
    return RillException.builder(ErrorKind.INVALID_REQUEST).provider(providerId).model(request.model())
        .message(message).build();
  }
}
