// Why one file of about 450 lines: the whole Converse request body (messages and their content blocks, images,
// tools, tool choice, inference and typed settings, reasoning, the response format) written in one pass with one
// Jackson generator; each part is a method.

package dev.rill.provider.bedrock.internal;

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
 * Encodes a {@link ChatRequest} as the JSON body of a Bedrock {@code ConverseStream} request
 * ({@code POST /model/<model id>/converse-stream}; the model id is in the URL, not the body).
 *
 * <p>Fields, in this order:
 * <ul>
 *   <li>{@code messages}: user and assistant turns whose {@code content} is a list of blocks: {@code {"text"}},
 *       {@code {"image":{"format","source":{"bytes":<base64>}}}} (inline data or a {@code data:} URL; the format is the
 *       media type's subtype: png, jpeg, gif or webp; a remote URL cannot be sent and is an INVALID_REQUEST),
 *       {@code {"toolUse":{"toolUseId","name","input":<the call's arguments JSON>}}} in assistant turns, preceded by
 *       the turn's reasoning parts ({@link Part.Reasoning}, in order) as
 *       {@code {"reasoningContent":{"reasoningText":{"text","signature"}}}} or
 *       {@code {"reasoningContent":{"redactedContent":<data as received>}}}, as Claude's extended thinking with tools
 *       requires (unsigned reasoning, which Bedrock's Claude rejects, is left out), and
 *       {@code {"toolResult":{"toolUseId","content":[{"text"}]}}} for {@link Role#TOOL} messages, sent in a user turn.
 *       Consecutive tool results, and a user message that follows them, share one user turn. Empty text blocks are
 *       left out (Bedrock rejects blank text);
 *   <li>{@code system}: one {@code {"text"}} block per {@link Role#SYSTEM} message, wherever it appears;
 *   <li>{@code inferenceConfig}: {@code maxTokens}, {@code temperature}, {@code topP}, {@code stopSequences}, those
 *       the request sets;
 *   <li>{@code toolConfig}: {@code tools} as {@code {"toolSpec":{"name","description","inputSchema":{"json":...}}}}
 *       and {@code toolChoice} {@code {"auto":{}}}, {@code {"any":{}}} (REQUIRED) or {@code {"tool":{"name"}}}.
 *       Converse has no "none" choice: with {@link ToolChoice#NONE} the tools are not sent at all, which keeps the
 *       model from calling them; a conversation that already holds tool calls or results needs the tool
 *       configuration, so NONE there is an INVALID_REQUEST;
 *   <li>{@code additionalModelRequestFields}: the request's {@link ReasoningOptions} in the field of the model's
 *       family ({@link BedrockReasoning}: Claude's {@code thinking} budget, Nova 2's {@code reasoningConfig} effort;
 *       reasoning options for any other model are an INVALID_REQUEST naming the option to use instead). Other
 *       model-specific fields go through the option {@code additionalModelRequestFields}. With Claude's thinking on
 *       and no {@code maxTokens}, {@code maxTokens} is the budget plus {@value #THINKING_HEADROOM} (Claude requires it
 *       above the budget);
 *   <li>{@code outputConfig}: {@code {"textFormat":{"type":"json_schema","structure":{"jsonSchema":{"schema":
 *       <the schema as a JSON string>,"name"}}}}} for a {@link ChatRequest#responseFormat()} with a schema (Bedrock's
 *       structured outputs; the output is always constrained, so {@code strict} has no field);
 *   <li>then every {@link ChatRequest#options() option} addressed to this provider's id or the
 *       {@code bedrock-eventstream} family, as given. An option replaces the field of the same name above (that
 *       field is not written).
 * </ul>
 *
 * <p>Converse has no field for a seed, top-k, the penalties, parallel tool calls or JSON without a schema: a request
 * with one is an {@link ErrorKind#INVALID_REQUEST}. Model-specific fields (Claude's {@code top_k}, for example) go
 * through the option {@code additionalModelRequestFields}.
 *
 * Stateless and thread-safe.
 */
public final class ConverseRequestEncoder {

  /** The output tokens added to the thinking budget when the request sets no {@code maxTokens}. */
  public static final int THINKING_HEADROOM = 4096;

  /**
   * The providers whose reasoning signatures Bedrock's Claude models verify: Bedrock itself, and Claude on
   * Anthropic's API and on Vertex AI. Signed reasoning from any other origin is left out of the request.
   */
  static final Set<String> CLAUDE_SIGNERS = Set.of("bedrock", "anthropic", "vertex-anthropic");

  /** The wire family. */
  public static final String FAMILY = "bedrock-eventstream";

  private static final Set<Setting> SUPPORTED = EnumSet.of(Setting.JSON_SCHEMA_OUTPUT);

  private final String providerId;

  public ConverseRequestEncoder(String providerId) {
    this.providerId = providerId;
  }

  /**
   * The UTF-8 JSON body for {@code request}.
   *
   * @throws RillException of kind {@link ErrorKind#INVALID_REQUEST} for a request Converse cannot express
   */
  public byte[] encode(ChatRequest request) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = BedrockJson.FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
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
    BedrockReasoning.Fields reasoning = options.containsKey("additionalModelRequestFields") ? null
        : reasoningFields(r);
    Integer budget = reasoning == null ? null : reasoning.thinkingBudget();
    List<Turns.Turn> turns = Turns.of(r.messages(), ConverseRequestEncoder::sendsBack);
    g.writeStartObject();
    if (!options.containsKey("messages")) {
      g.writeName("messages");
      writeTurns(g, r, turns);
    }
    if (!options.containsKey("system")) {
      writeSystem(g, r.messages());
    }
    Integer maxTokens = r.maxTokens() != null ? r.maxTokens()
        : budget != null && budget > 0 ? Integer.valueOf(budget + THINKING_HEADROOM) : null;
    if (!options.containsKey("inferenceConfig")
        && (maxTokens != null || r.temperature() != null || r.topP() != null || !r.stop().isEmpty())) {
      g.writeName("inferenceConfig");
      g.writeStartObject();
      if (maxTokens != null) {
        g.writeNumberProperty("maxTokens", maxTokens);
      }
      if (r.temperature() != null) {
        g.writeNumberProperty("temperature", r.temperature());
      }
      if (r.topP() != null) {
        g.writeNumberProperty("topP", r.topP());
      }
      if (!r.stop().isEmpty()) {
        g.writeName("stopSequences");
        g.writeStartArray();
        for (String s : r.stop()) {
          g.writeString(s);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    if (!options.containsKey("toolConfig")) {
      writeToolConfig(g, r, turns);
    }
    if (reasoning != null && !reasoning.none()) {
      writeReasoning(g, reasoning);
    }
    if (r.responseFormat() != null && !options.containsKey("outputConfig")) {
      writeOutputConfig(g, r.responseFormat());
    }
    JsonValues.writeOptions(g, options);
    g.writeEndObject();
  }

  /** {@code outputConfig.textFormat}: the JSON schema, checked, sent as a string as Converse takes it. */
  private static void writeOutputConfig(JsonGenerator g, ResponseFormat format) {
    String what = "response schema '" + format.name() + "'";
    JsonValues.validate(format.schema(), what, true);
    g.writeName("outputConfig");
    g.writeStartObject();
    g.writeName("textFormat");
    g.writeStartObject();
    g.writeStringProperty("type", "json_schema");
    g.writeName("structure");
    g.writeStartObject();
    g.writeName("jsonSchema");
    g.writeStartObject();
    g.writeStringProperty("schema", format.schema());
    g.writeStringProperty("name", format.name());
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndObject();
  }

  private BedrockReasoning.Fields reasoningFields(ChatRequest r) {
    if (r.reasoning() == null) {
      return null;
    }
    try {
      return BedrockReasoning.of(r.model(), r.reasoning());
    } catch (BedrockReasoning.Unsupported e) {
      throw invalid(r, e.getMessage());
    }
  }

  /** {@code additionalModelRequestFields} with Claude's {@code thinking} or Nova 2's {@code reasoningConfig}. */
  private static void writeReasoning(JsonGenerator g, BedrockReasoning.Fields reasoning) {
    g.writeName("additionalModelRequestFields");
    g.writeStartObject();
    if (reasoning.family() == BedrockReasoning.Family.NOVA_2) {
      g.writeName("reasoningConfig");
      g.writeStartObject();
      g.writeStringProperty("type", "enabled");
      g.writeStringProperty("maxReasoningEffort", reasoning.effort());
    } else {
      g.writeName("thinking");
      g.writeStartObject();
      if (reasoning.thinkingBudget() == 0) {
        g.writeStringProperty("type", "disabled");
      } else {
        g.writeStringProperty("type", "enabled");
        g.writeNumberProperty("budget_tokens", reasoning.thinkingBudget());
      }
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeSystem(JsonGenerator g, List<Message> messages) {
    boolean open = false;
    for (Message m : messages) {
      if (m.role() != Role.SYSTEM) {
        continue;
      }
      String text = m.text();
      if (text.isEmpty()) {
        continue;
      }
      if (!open) {
        g.writeName("system");
        g.writeStartArray();
        open = true;
      }
      g.writeStartObject();
      g.writeStringProperty("text", text);
      g.writeEndObject();
    }
    if (open) {
      g.writeEndArray();
    }
  }

  // ---- turns

  private static boolean hasToolBlocks(List<Turns.Turn> turns) {
    for (Turns.Turn t : turns) {
      for (Object block : t.blocks()) {
        if (block instanceof ToolCall || block instanceof Message) {
          return true;
        }
      }
    }
    return false;
  }

  private void writeTurns(JsonGenerator g, ChatRequest r, List<Turns.Turn> turns) {
    g.writeStartArray();
    for (Turns.Turn t : turns) {
      g.writeStartObject();
      g.writeStringProperty("role", t.role());
      g.writeName("content");
      g.writeStartArray();
      for (Object block : t.blocks()) {
        writeBlock(g, r, block);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private void writeBlock(JsonGenerator g, ChatRequest r, Object block) {
    if (block instanceof Part.Text text) {
      writeText(g, text.text());
    } else if (block instanceof Part.Image image) {
      writeImage(g, r, image);
    } else if (block instanceof Part.Reasoning reasoning) {
      g.writeStartObject();
      g.writeName("reasoningContent");
      g.writeStartObject();
      if (reasoning.redacted()) {
        g.writeStringProperty("redactedContent", reasoning.data());
      } else {
        g.writeName("reasoningText");
        g.writeStartObject();
        g.writeStringProperty("text", reasoning.text());
        g.writeStringProperty("signature", reasoning.signature());
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndObject();
    } else if (block instanceof ToolCall call) {
      g.writeStartObject();
      g.writeName("toolUse");
      g.writeStartObject();
      g.writeStringProperty("toolUseId", call.id());
      g.writeStringProperty("name", call.name());
      g.writeName("input");
      JsonValues.copyJson(g, call.arguments(), "the arguments of tool call '" + call.id() + "'", true);
      g.writeEndObject();
      g.writeEndObject();
    } else if (block instanceof Message result) {
      g.writeStartObject();
      g.writeName("toolResult");
      g.writeStartObject();
      g.writeStringProperty("toolUseId", result.toolCallId());
      g.writeName("content");
      g.writeStartArray();
      for (Part p : result.parts()) {
        writeBlock(g, r, p);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
    }
  }

  private static void writeText(JsonGenerator g, String text) {
    if (text.isEmpty()) {
      return;
    }
    g.writeStartObject();
    g.writeStringProperty("text", text);
    g.writeEndObject();
  }

  private void writeImage(JsonGenerator g, ChatRequest r, Part.Image image) {
    String mediaType = image.mediaType();
    String data = image.base64();
    if (image.url() != null) {
      String url = image.url().toString();
      if (!url.regionMatches(true, 0, "data:", 0, 5)) {
        throw invalid(r, "Bedrock Converse takes images as bytes (or an S3 location through options), not by URL: "
            + "pass Part.image(bytes, mediaType) or a data: URL");
      }
      int comma = url.indexOf(',');
      int marker = url.lastIndexOf(";base64", comma);
      if (comma < 0 || marker < 5 || marker + 7 != comma) {
        throw invalid(r, "an image data: URL must be base64 (data:<media type>;base64,<data>)");
      }
      mediaType = url.substring(5, marker);
      data = url.substring(comma + 1);
    }
    String format = imageFormat(mediaType);
    if (format == null) {
      throw invalid(r, "Bedrock Converse takes png, jpeg, gif or webp images, not '" + mediaType + "'");
    }
    g.writeStartObject();
    g.writeName("image");
    g.writeStartObject();
    g.writeStringProperty("format", format);
    g.writeName("source");
    g.writeStartObject();
    g.writeStringProperty("bytes", data);
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndObject();
  }

  private static String imageFormat(String mediaType) {
    String m = mediaType == null ? "" : mediaType.strip().toLowerCase(Locale.ROOT);
    return switch (m) {
      case "image/png" -> "png";
      case "image/jpeg", "image/jpg" -> "jpeg";
      case "image/gif" -> "gif";
      case "image/webp" -> "webp";
      default -> null;
    };
  }

  private void writeToolConfig(JsonGenerator g, ChatRequest r, List<Turns.Turn> turns) {
    ToolChoice choice = r.toolChoice();
    if (r.tools().isEmpty()) {
      return;
    }
    if (choice != null && choice.mode() == ToolChoice.Mode.NONE) {
      if (hasToolBlocks(turns)) {
        throw invalid(r, "Bedrock Converse has no 'none' tool choice, and a conversation holding tool calls must "
            + "send its tools: use ToolChoice.AUTO, or drop the tool choice");
      }
      return;
    }
    g.writeName("toolConfig");
    g.writeStartObject();
    g.writeName("tools");
    g.writeStartArray();
    for (Tool t : r.tools()) {
      g.writeStartObject();
      g.writeName("toolSpec");
      g.writeStartObject();
      g.writeStringProperty("name", t.name());
      if (!t.description().isEmpty()) {
        g.writeStringProperty("description", t.description());
      }
      g.writeName("inputSchema");
      g.writeStartObject();
      g.writeName("json");
      JsonValues.copyJson(g, t.parametersSchema(), "the parameter schema of tool '" + t.name() + "'", true);
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
    if (choice != null) {
      g.writeName("toolChoice");
      g.writeStartObject();
      switch (choice.mode()) {
        case AUTO -> {
          g.writeName("auto");
          g.writeStartObject();
          g.writeEndObject();
        }
        case REQUIRED -> {
          g.writeName("any");
          g.writeStartObject();
          g.writeEndObject();
        }
        case NAMED -> {
          g.writeName("tool");
          g.writeStartObject();
          g.writeStringProperty("name", choice.toolName());
          g.writeEndObject();
        }
        case NONE -> { } // handled above
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }



  private RillException invalid(ChatRequest r, String message) {
    return RillException.builder(ErrorKind.INVALID_REQUEST).provider(providerId).model(r.model()).message(message)
        .build();
  }

  /** Reasoning sent back: signed or redacted blocks that Bedrock can verify. */
  private static boolean sendsBack(Part.Reasoning reasoning) {
    return Turns.signedOrRedacted(reasoning) && Turns.fromOrigins(reasoning, CLAUDE_SIGNERS);
  }
}
