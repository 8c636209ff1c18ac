package dev.rill.provider.anthropic.internal;

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
import dev.rill.provider.support.JsonValues;
import dev.rill.provider.support.TypedSettings;
import dev.rill.provider.support.TypedSettings.Setting;
import dev.rill.provider.support.Turns;
import java.io.ByteArrayOutputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/**
 * Encodes a {@link ChatRequest} as the JSON body of an Anthropic Messages streaming request
 * ({@code POST /v1/messages}, or Vertex AI's {@code :streamRawPredict}).
 *
 * <p>Fields, in this order:
 * <ul>
 *   <li>{@code model} (Anthropic) or {@code anthropic_version} (Vertex AI, where the model is in the URL);
 *   <li>{@code max_tokens}: Anthropic requires it. When the request has none, {@value #DEFAULT_MAX_TOKENS} is
 *       sent, or, when extended thinking is enabled, the thinking budget plus {@value #DEFAULT_MAX_TOKENS}
 *       (Anthropic rejects a {@code max_tokens} that is not above {@code budget_tokens});
 *   <li>{@code system}: the text of every {@link Role#SYSTEM} message wherever it appears, joined by a blank line;
 *   <li>{@code messages}: user and assistant turns. A turn that is one text part is sent as a string, any other as
 *       content blocks ({@code text}, {@code image} by {@code url} or {@code base64} source; a {@code data:} URL is
 *       sent as base64). Assistant tool calls become {@code tool_use} blocks whose {@code input} is the call's
 *       arguments JSON (validated and re-emitted compactly). An assistant turn's reasoning parts
 *       ({@link Part.Reasoning}, as {@link Message#assistantTurn} keeps them) come first, in order, as
 *       {@code thinking} blocks ({@code thinking}, {@code signature}) and {@code redacted_thinking} blocks
 *       ({@code data}), before its text and {@code tool_use} blocks, as extended thinking with tools requires;
 *       unsigned reasoning (from another provider) is left out, as Anthropic rejects it. Tool results become
 *       {@code tool_result} blocks in a user turn; consecutive results, and a user message that follows them, share
 *       one user turn;
 *   <li>{@code tools} ({@code name}, {@code description}, {@code input_schema}) and {@code tool_choice}
 *       ({@code auto}, {@code any} for REQUIRED, {@code none}, {@code tool} with a name). With tools,
 *       {@link ChatRequest#parallelToolCalls()} becomes {@code tool_choice.disable_parallel_tool_use} (its negation;
 *       on an {@code auto} choice when the request names none; {@code none} has no such field);
 *   <li>{@code temperature}, {@code top_p}, {@code top_k} ({@link ChatRequest#topK()}), {@code stop_sequences};
 *   <li>{@code thinking}: {@code {"type":"enabled","budget_tokens":n}} from
 *       {@link ReasoningOptions#budgetTokens()}, or from the effort ({@code low} 1024, {@code medium} 4096,
 *       {@code high} 16384 tokens); a budget of 0 sends {@code {"type":"disabled"}};
 *   <li>{@code output_config}: {@code {"format":{"type":"json_schema","schema":...}}} for a
 *       {@link ChatRequest#responseFormat()} with a schema (Anthropic's structured outputs; the output is always
 *       constrained, so {@code strict} has no field). JSON without a schema, a seed and the penalties have no field
 *       in the Messages API: a request with them is an {@link ErrorKind#INVALID_REQUEST};
 *   <li>{@code stream: true};
 *   <li>then every {@link ChatRequest#options() option} addressed to this provider's id or to the
 *       {@code anthropic-messages} family, as given. An option replaces the field of the same name
 *       above (it is written instead of it), except {@code stream}, which Rill needs and keeps.
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class MessagesRequestEncoder {

  /** The {@code max_tokens} sent when the request sets none: Anthropic requires the field. */
  public static final int DEFAULT_MAX_TOKENS = 4096;

  /**
   * The providers whose thinking signatures Claude verifies: Claude on Anthropic's API, on Vertex AI and on Bedrock.
   * Signed reasoning from any other origin is left out of the request.
   */
  static final Set<String> CLAUDE_SIGNERS = Set.of("anthropic", "vertex-anthropic", "bedrock");

  /** The wire family every Messages provider belongs to. */
  public static final String FAMILY = "anthropic-messages";

  private static final Set<Setting> SUPPORTED =
      EnumSet.of(Setting.TOP_K, Setting.PARALLEL_TOOL_CALLS, Setting.JSON_SCHEMA_OUTPUT);

  /** The thinking budgets the effort levels map to. */
  static final int LOW_BUDGET = 1024;
  static final int MEDIUM_BUDGET = 4096;
  static final int HIGH_BUDGET = 16384;

  /**
   * What differs between the Anthropic API body and the Vertex AI body.
   *
   * @param includeModel whether the body names the model (Anthropic) or the URL does (Vertex AI)
   * @param anthropicVersion the {@code anthropic_version} body field, or null when the version goes in a header
   */
  public record BodyStyle(boolean includeModel, String anthropicVersion) {
    /** Anthropic's own API: {@code model} in the body, the version in a header. */
    public static final BodyStyle ANTHROPIC = new BodyStyle(true, null);
    /** Vertex AI: no {@code model}, {@code anthropic_version: vertex-2023-10-16} in the body. */
    public static final BodyStyle VERTEX = new BodyStyle(false, "vertex-2023-10-16");
  }

  private final String providerId;
  private final BodyStyle style;

  public MessagesRequestEncoder(String providerId, BodyStyle style) {
    this.providerId = providerId;
    this.style = style;
  }

  /**
   * The UTF-8 JSON body for {@code request}.
   *
   * @throws RillException of kind {@link ErrorKind#INVALID_REQUEST} for a request Anthropic cannot express
   *     (invalid tool JSON, an unknown effort, an unsupported option value)
   */
  public byte[] encode(ChatRequest request) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = AnthropicJson.FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      write(g, request);
    } catch (JsonValues.InvalidValue e) {
      throw invalid(request, e.getMessage());
    } catch (JacksonException e) {
      throw invalid(request, "cannot encode the request: " + e.getOriginalMessage());
    }
    return out.toByteArray();
  }

  private void write(JsonGenerator g, ChatRequest r) {
    TypedSettings.requireSupported(r, providerId, FAMILY, SUPPORTED);
    Map<String, Object> options = r.options().fieldsFor(providerId, FAMILY);
    Integer budget = thinkingBudget(r);
    g.writeStartObject();
    if (style.includeModel() && !options.containsKey("model")) {
      g.writeStringProperty("model", r.model());
    }
    if (style.anthropicVersion() != null && !options.containsKey("anthropic_version")) {
      g.writeStringProperty("anthropic_version", style.anthropicVersion());
    }
    if (!options.containsKey("max_tokens")) {
      int max = r.maxTokens() != null ? r.maxTokens()
          : budget != null && budget > 0 ? budget + DEFAULT_MAX_TOKENS : DEFAULT_MAX_TOKENS;
      g.writeNumberProperty("max_tokens", max);
    }
    String system = systemText(r.messages());
    if (system != null && !options.containsKey("system")) {
      g.writeStringProperty("system", system);
    }
    if (!options.containsKey("messages")) {
      g.writeName("messages");
      writeTurns(g, r, Turns.of(r.messages(), MessagesRequestEncoder::sendsBack));
    }
    if (!r.tools().isEmpty() && !options.containsKey("tools")) {
      g.writeName("tools");
      g.writeStartArray();
      for (Tool t : r.tools()) {
        g.writeStartObject();
        g.writeStringProperty("name", t.name());
        if (!t.description().isEmpty()) {
          g.writeStringProperty("description", t.description());
        }
        g.writeName("input_schema");
        JsonValues.copyJson(g, t.parametersSchema(), "the parameter schema of tool '" + t.name() + "'", true);
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    Boolean parallel = r.tools().isEmpty() ? null : r.parallelToolCalls();
    if ((r.toolChoice() != null || parallel != null) && !options.containsKey("tool_choice")) {
      g.writeName("tool_choice");
      writeToolChoice(g, r.toolChoice() == null ? ToolChoice.AUTO : r.toolChoice(), parallel);
    }
    if (r.temperature() != null && !options.containsKey("temperature")) {
      g.writeNumberProperty("temperature", r.temperature());
    }
    if (r.topP() != null && !options.containsKey("top_p")) {
      g.writeNumberProperty("top_p", r.topP());
    }
    if (r.topK() != null && !options.containsKey("top_k")) {
      g.writeNumberProperty("top_k", r.topK());
    }
    if (!r.stop().isEmpty() && !options.containsKey("stop_sequences")) {
      g.writeName("stop_sequences");
      g.writeStartArray();
      for (String s : r.stop()) {
        g.writeString(s);
      }
      g.writeEndArray();
    }
    if (budget != null && !options.containsKey("thinking")) {
      g.writeName("thinking");
      g.writeStartObject();
      if (budget == 0) {
        g.writeStringProperty("type", "disabled");
      } else {
        g.writeStringProperty("type", "enabled");
        g.writeNumberProperty("budget_tokens", budget);
      }
      g.writeEndObject();
    }
    if (r.responseFormat() != null && !options.containsKey("output_config")) {
      g.writeName("output_config");
      g.writeStartObject();
      g.writeName("format");
      g.writeStartObject();
      g.writeStringProperty("type", "json_schema");
      g.writeName("schema");
      JsonValues.copyJson(g, r.responseFormat().schema(), "response schema '" + r.responseFormat().name() + "'", true);
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeBooleanProperty("stream", true);
    JsonValues.writeOptions(g, options, "stream");
    g.writeEndObject();
  }

  /** The thinking budget the request asks for, or null for none. */
  private Integer thinkingBudget(ChatRequest r) {
    ReasoningOptions reasoning = r.reasoning();
    if (reasoning == null) {
      return null;
    }
    if (reasoning.budgetTokens() != null) {
      return reasoning.budgetTokens();
    }
    if (reasoning.effort() == null) {
      return null;
    }
    return switch (reasoning.effort().toLowerCase(Locale.ROOT)) {
      case "low" -> LOW_BUDGET;
      case "medium" -> MEDIUM_BUDGET;
      case "high" -> HIGH_BUDGET;
      default -> throw invalid(r, "unknown reasoning effort '" + reasoning.effort()
          + "': Anthropic takes a thinking budget; use low, medium, high or ReasoningOptions.budget(tokens)");
    };
  }

  private static String systemText(List<Message> messages) {
    StringBuilder sb = null;
    for (Message m : messages) {
      if (m.role() == Role.SYSTEM) {
        if (sb == null) {
          sb = new StringBuilder();
        } else {
          sb.append("\n\n");
        }
        sb.append(m.text());
      }
    }
    return sb == null ? null : sb.toString();
  }

  // ---- turns

  private void writeTurns(JsonGenerator g, ChatRequest r, List<Turns.Turn> turns) {
    g.writeStartArray();
    for (Turns.Turn t : turns) {
      g.writeStartObject();
      g.writeStringProperty("role", t.role());
      g.writeName("content");
      writeContent(g, r, t.blocks());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** A lone text block as a string; anything else as an array of blocks, empty text blocks left out. */
  private void writeContent(JsonGenerator g, ChatRequest r, List<?> blocks) {
    if (blocks.isEmpty()) {
      g.writeString("");
      return;
    }
    if (blocks.size() == 1 && blocks.get(0) instanceof Part.Text text) {
      g.writeString(text.text());
      return;
    }
    g.writeStartArray();
    for (Object block : blocks) {
      if (block instanceof Part.Text text) {
        if (!text.text().isEmpty()) {
          g.writeStartObject();
          g.writeStringProperty("type", "text");
          g.writeStringProperty("text", text.text());
          g.writeEndObject();
        }
      } else if (block instanceof Part.Image image) {
        writeImage(g, r, image);
      } else if (block instanceof Part.Reasoning reasoning) {
        g.writeStartObject();
        if (reasoning.redacted()) {
          g.writeStringProperty("type", "redacted_thinking");
          g.writeStringProperty("data", reasoning.data());
        } else {
          g.writeStringProperty("type", "thinking");
          g.writeStringProperty("thinking", reasoning.text());
          g.writeStringProperty("signature", reasoning.signature());
        }
        g.writeEndObject();
      } else if (block instanceof ToolCall call) {
        g.writeStartObject();
        g.writeStringProperty("type", "tool_use");
        g.writeStringProperty("id", call.id());
        g.writeStringProperty("name", call.name());
        g.writeName("input");
        JsonValues.copyJson(g, call.arguments(), "the arguments of tool call '" + call.id() + "'", true);
        g.writeEndObject();
      } else if (block instanceof Message result) {
        g.writeStartObject();
        g.writeStringProperty("type", "tool_result");
        g.writeStringProperty("tool_use_id", result.toolCallId());
        g.writeName("content");
        writeContent(g, r, result.parts());
        g.writeEndObject();
      }
    }
    g.writeEndArray();
  }

  private void writeImage(JsonGenerator g, ChatRequest r, Part.Image image) {
    String mediaType = image.mediaType();
    String data = image.base64();
    if (image.url() != null) {
      String url = image.url().toString();
      if (!url.regionMatches(true, 0, "data:", 0, 5)) {
        g.writeStartObject();
        g.writeStringProperty("type", "image");
        g.writeName("source");
        g.writeStartObject();
        g.writeStringProperty("type", "url");
        g.writeStringProperty("url", url);
        g.writeEndObject();
        g.writeEndObject();
        return;
      }
      int comma = url.indexOf(',');
      int marker = url.lastIndexOf(";base64", comma);
      if (comma < 0 || marker < 5 || marker + 7 != comma) {
        throw invalid(r, "an image data: URL must be base64 (data:<media type>;base64,<data>)");
      }
      mediaType = url.substring(5, marker);
      data = url.substring(comma + 1);
    }
    g.writeStartObject();
    g.writeStringProperty("type", "image");
    g.writeName("source");
    g.writeStartObject();
    g.writeStringProperty("type", "base64");
    g.writeStringProperty("media_type", mediaType);
    g.writeStringProperty("data", data);
    g.writeEndObject();
    g.writeEndObject();
  }

  /** The choice, with {@code disable_parallel_tool_use} when {@code parallel} is set (not on {@code none}). */
  private static void writeToolChoice(JsonGenerator g, ToolChoice choice, Boolean parallel) {
    g.writeStartObject();
    switch (choice.mode()) {
      case AUTO -> g.writeStringProperty("type", "auto");
      case REQUIRED -> g.writeStringProperty("type", "any");
      case NONE -> g.writeStringProperty("type", "none");
      case NAMED -> {
        g.writeStringProperty("type", "tool");
        g.writeStringProperty("name", choice.toolName());
      }
    }
    if (parallel != null && choice.mode() != ToolChoice.Mode.NONE) {
      g.writeBooleanProperty("disable_parallel_tool_use", !parallel);
    }
    g.writeEndObject();
  }



  private RillException invalid(ChatRequest r, String message) {
    return RillException.builder(ErrorKind.INVALID_REQUEST).provider(providerId).model(r.model()).message(message)
        .build();
  }

  /** Reasoning sent back: signed or redacted blocks that Claude can verify. */
  private static boolean sendsBack(Part.Reasoning reasoning) {
    return Turns.signedOrRedacted(reasoning) && Turns.fromOrigins(reasoning, CLAUDE_SIGNERS);
  }
}
