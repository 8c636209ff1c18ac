package dev.rill.langchain4j.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.internal.JsonSchemaElementJsonUtils;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.rill.api.Message;
import dev.rill.api.Part;
import dev.rill.api.ReasoningBlock;
import dev.rill.api.Role;
import dev.rill.api.Tool;
import dev.rill.api.ToolCall;
import dev.rill.api.ToolChoice;
import dev.rill.langchain4j.RillAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a LangChain4j {@link ChatRequest} into a Rill {@link dev.rill.api.ChatRequest}. */
public final class Requests {
  private Requests() {}

  /**
   * The Rill request for {@code request}, whose parameters already include the model's defaults.
   *
   * @throws UnsupportedFeatureException for what no Rill provider takes generically (audio, video and PDF content,
   *     custom messages). Top-k, the penalties and a JSON response format are passed on as Rill's typed settings; a
   *     provider whose wire family has no field for one refuses the call ({@code INVALID_REQUEST}, as LangChain4j's
   *     {@code InvalidRequestException}) before anything is sent
   * @throws IllegalArgumentException when no model is named
   */
  public static dev.rill.api.ChatRequest toRill(ChatRequest request, ModelConfig config) {
    String model = request.modelName();
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("no model: set modelName to a Rill model spec such as openai:gpt-4o-mini,"
          + " on the model's builder or in the request's parameters");
    }
    dev.rill.api.ChatRequest.Builder b = dev.rill.api.ChatRequest.builder(model);
    if (request.topK() != null) {
      b.topK(request.topK());
    }
    if (request.frequencyPenalty() != null) {
      b.frequencyPenalty(request.frequencyPenalty());
    }
    if (request.presencePenalty() != null) {
      b.presencePenalty(request.presencePenalty());
    }
    if (request.responseFormat() != null && request.responseFormat().type() == ResponseFormatType.JSON) {
      b.responseFormat(responseFormat(request.responseFormat()));
    }
    for (ChatMessage m : request.messages()) {
      b.message(message(m));
    }
    for (ToolSpecification spec : request.toolSpecifications()) {
      b.tool(tool(spec));
    }
    if (request.toolChoice() != null && !request.toolSpecifications().isEmpty()) {
      b.toolChoice(switch (request.toolChoice()) {
        case AUTO -> ToolChoice.AUTO;
        case REQUIRED -> ToolChoice.REQUIRED;
        case NONE -> ToolChoice.NONE;
      });
    }
    if (request.temperature() != null) {
      b.temperature(request.temperature());
    }
    if (request.topP() != null) {
      b.topP(request.topP());
    }
    if (request.maxOutputTokens() != null) {
      b.maxTokens(request.maxOutputTokens());
    }
    if (request.stopSequences() != null && !request.stopSequences().isEmpty()) {
      b.stop(request.stopSequences().toArray(new String[0]));
    }
    if (config.reasoning() != null) {
      b.reasoning(config.reasoning());
    }
    b.options(config.bodyOptions());
    return b.build();
  }

  /** LangChain4j's JSON format as Rill's: with its schema (strict) when it has one, else JSON mode. */
  static dev.rill.api.ResponseFormat responseFormat(dev.langchain4j.model.chat.request.ResponseFormat format) {
    dev.langchain4j.model.chat.request.json.JsonSchema schema = format.jsonSchema();
    if (schema == null || schema.rootElement() == null) {
      return dev.rill.api.ResponseFormat.json();
    }
    String name = schema.name() == null || schema.name().isBlank() ? "response" : schema.name();
    return dev.rill.api.ResponseFormat.jsonSchema(name,
        JsonText.of(JsonSchemaElementJsonUtils.toMap(schema.rootElement())), true);
  }

  static Tool tool(ToolSpecification spec) {
    String schema = spec.parameters() == null ? null : JsonText.of(JsonSchemaElementJsonUtils.toMap(spec.parameters()));
    return Tool.of(spec.name(), spec.description(), schema);
  }

  /** One LangChain4j message as Rill's. */
  static Message message(ChatMessage message) {
    if (message instanceof SystemMessage s) {
      return Message.system(s.text());
    }
    if (message instanceof UserMessage u) {
      List<Part> parts = new ArrayList<>(u.contents().size());
      for (Content c : u.contents()) {
        parts.add(part(c));
      }
      return new Message(Role.USER, parts, List.of(), null, u.name());
    }
    if (message instanceof AiMessage a) {
      return assistant(a);
    }
    if (message instanceof ToolExecutionResultMessage t) {
      // A provider without call ids (LangChain4j's own Gemini model) leaves the id out; Rill needs one to pair the
      // result with its call, and the tool's name is what those providers pair by.
      String id = t.id() == null || t.id().isEmpty() ? t.toolName() : t.id();
      return new Message(Role.TOOL, List.of(Part.text(t.text() == null ? "" : t.text())), List.of(), id,
          t.toolName());
    }
    throw new UnsupportedFeatureException("Rill cannot send a " + message.type() + " message");
  }

  private static Part part(Content content) {
    if (content instanceof TextContent t) {
      return Part.text(t.text());
    }
    if (content instanceof ImageContent i) {
      Image image = i.image();
      if (image.url() != null) {
        return Part.imageUrl(image.url().toString());
      }
      return new Part.Image(null, image.base64Data(), image.mimeType());
    }
    throw new UnsupportedFeatureException("Rill sends text and images; not " + content.type() + " content");
  }

  private static Message assistant(AiMessage a) {
    List<Part> parts = new ArrayList<>();
    List<?> blocks = a.attribute(RillAttributes.REASONING_BLOCKS, List.class);
    if (blocks != null) {
      for (Object o : blocks) {
        if (o instanceof Map<?, ?> m) {
          ReasoningBlock block = new ReasoningBlock(string(m.get("text")), string(m.get("signature")),
              Boolean.TRUE.equals(m.get("redacted")), string(m.get("data")));
          parts.add(Part.reasoning(block, string(m.get("origin"))));
        }
      }
    } else if (a.thinking() != null && !a.thinking().isEmpty()) {
      // Thinking from elsewhere (another LangChain4j model) carries no signature: sent unsigned, and left out by the
      // providers that require one.
      parts.add(Part.reasoning(ReasoningBlock.of(a.thinking(), "")));
    }
    if (a.text() != null && !a.text().isEmpty()) {
      parts.add(Part.text(a.text()));
    }
    List<?> signatures = a.attribute(RillAttributes.TOOL_CALL_SIGNATURES, List.class);
    List<ToolCall> calls = new ArrayList<>();
    List<ToolExecutionRequest> requests = a.toolExecutionRequests();
    for (int i = 0; i < requests.size(); i++) {
      ToolExecutionRequest r = requests.get(i);
      String signature = signatures != null && i < signatures.size() ? string(signatures.get(i)) : "";
      calls.add(new ToolCall(r.id(), r.name(), r.arguments(), signature));
    }
    return new Message(Role.ASSISTANT, parts, calls, null, null);
  }

  private static String string(Object o) {
    return o == null ? "" : o.toString();
  }
}
