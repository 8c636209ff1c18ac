package dev.rill.provider.gemini.internal;

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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/**
 * Encodes a {@link ChatRequest} as a Gemini {@code GenerateContentRequest} body, the same for Google AI and
 * Vertex AI.
 *
 * <ul>
 *   <li>System messages become {@code systemInstruction.parts} (one text part each), wherever they appear.
 *   <li>User messages become {@code role: user} contents: text parts, images as {@code inlineData} (inline bytes
 *       or a {@code data:} URL) or {@code fileData.fileUri} (any other URL).
 *   <li>Assistant messages become {@code role: model}: their reasoning parts with text as {@code thought: true}
 *       parts, their text, then one {@code functionCall} part per tool call with the arguments as a JSON object.
 *       Thought signatures go back where Gemini sent them (https://ai.google.dev/gemini-api/docs/thought-signatures):
 *       a call's {@link ToolCall#signature()} on its {@code functionCall} part; a reasoning block's signature on
 *       the first text part after it, else on its own thought part, else on an empty text part at the end.
 *       Redacted reasoning (another provider's) is left out.
 *   <li>Tool results become {@code role: user} {@code functionResponse} parts; consecutive results share one
 *       content, as Gemini expects for parallel calls. The function name is the one the earlier assistant call with
 *       that id named (else the message's {@code name}); the response is the result text parsed as a JSON object
 *       when it is one, else {@code {"result": "<text>"}}.
 *   <li>{@code tools[0].functionDeclarations}, {@code toolConfig.functionCallingConfig} (AUTO, NONE, ANY, ANY with
 *       {@code allowedFunctionNames} for a named tool) and {@code generationConfig} (temperature, topP,
 *       maxOutputTokens, stopSequences, seed, topK, presencePenalty, frequencyPenalty, thinkingConfig, and for a
 *       {@link ChatRequest#responseFormat()} {@code responseMimeType: application/json} with the schema, when there
 *       is one, as {@code responseJsonSchema}: Gemini's JSON-Schema field, rather than the OpenAPI-subset
 *       {@code responseSchema}). Gemini has no parallel-tool-calls switch: a request with tools and
 *       {@link ChatRequest#parallelToolCalls()} is an {@code INVALID_REQUEST}.
 *   <li>Reasoning: {@code thinkingConfig.includeThoughts} is always true; {@code thinkingBudget} is the budget, or,
 *       for an effort only, low 1024, medium 8192, high 24576 tokens (the mapping Google's OpenAI-compatible
 *       endpoint documents for {@code reasoning_effort}); {@code none} gives budget 0.
 *   <li>The {@link ChatRequest#options() options} addressed to this provider's id or the {@code gemini} family are
 *       merged last at the top level: an option that is a map is merged into a
 *       generated object of the same name (so {@code generationConfig: {topK: 3}} adds to it); any other value
 *       replaces the generated member.
 * </ul>
 */
public final class GeminiRequestEncoder {

  /** The providers whose thought signatures Gemini verifies; reasoning from any other origin is left out. */
  static final Set<String> GEMINI_SIGNERS = Set.of("gemini", "vertex");

  /** The wire family of Gemini and Vertex AI Gemini. */
  public static final String FAMILY = "gemini";

  private static final Set<Setting> SUPPORTED = EnumSet.complementOf(EnumSet.of(Setting.PARALLEL_TOOL_CALLS));

  private final String providerId;

  /** An encoder whose errors name {@code providerId}. */
  public GeminiRequestEncoder(String providerId) {
    this.providerId = providerId;
  }

  /** The request body as UTF-8 JSON bytes. */
  public byte[] encode(ChatRequest request) {
    Map<String, Object> body = body(request);
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = GeminiJson.FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      GeminiJson.write(g, body);
    }
    return out.toByteArray();
  }

  /** The body as an ordered model of maps, lists, scalars and raw JSON. */
  Map<String, Object> body(ChatRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    List<Object> contents = new ArrayList<>();
    List<Object> systemParts = new ArrayList<>();
    Map<String, String> callNames = new HashMap<>();
    List<Object> pendingResponses = null;

    for (Message m : request.messages()) {
      if (m.role() != Role.TOOL && pendingResponses != null) {
        contents.add(content("user", pendingResponses));
        pendingResponses = null;
      }
      switch (m.role()) {
        case SYSTEM -> {
          for (Part p : m.parts()) {
            if (p instanceof Part.Text t) {
              systemParts.add(Map.of("text", t.text()));
            } else {
              throw invalid("a system message may hold only text");
            }
          }
        }
        case USER -> contents.add(content("user", userParts(m)));
        case ASSISTANT -> {
          List<Object> parts = new ArrayList<>();
          List<PendingSignature> pending = new ArrayList<>(0);
          for (Part p : m.parts()) {
            if (p instanceof Part.Text t) {
              if (!t.text().isEmpty()) {
                if (pending.isEmpty()) {
                  parts.add(Map.of("text", t.text()));
                } else {
                  Map<String, Object> text = new LinkedHashMap<>();
                  text.put("text", t.text());
                  text.put("thoughtSignature", pending.remove(0).signature());
                  parts.add(text);
                }
              }
            } else if (p instanceof Part.Image image) {
              parts.add(imagePart(image));
            } else if (p instanceof Part.Reasoning r && !r.redacted() && Turns.fromOrigins(r, GEMINI_SIGNERS)) {
              Map<String, Object> thought = null;
              if (!r.text().isEmpty()) {
                thought = new LinkedHashMap<>();
                thought.put("text", r.text());
                thought.put("thought", true);
                parts.add(thought);
              }
              if (r.isSigned()) {
                pending.add(new PendingSignature(r.signature(), thought));
              }
            }
          }
          for (ToolCall call : m.toolCalls()) {
            if (!call.id().isEmpty()) {
              callNames.put(call.id(), call.name());
            }
            Map<String, Object> fc = new LinkedHashMap<>();
            fc.put("name", call.name());
            fc.put("args", jsonObject(call.arguments(), "the arguments of tool call '" + call.name() + "'"));
            if (call.signature().isEmpty()) {
              parts.add(Map.of("functionCall", fc));
            } else {
              Map<String, Object> part = new LinkedHashMap<>();
              part.put("functionCall", fc);
              part.put("thoughtSignature", call.signature());
              parts.add(part);
            }
          }
          for (PendingSignature left : pending) {
            if (left.thought() != null) {
              left.thought().put("thoughtSignature", left.signature());
            } else {
              Map<String, Object> empty = new LinkedHashMap<>();
              empty.put("text", "");
              empty.put("thoughtSignature", left.signature());
              parts.add(empty);
            }
          }
          if (!parts.isEmpty()) {
            contents.add(content("model", parts));
          }
        }
        case TOOL -> {
          if (pendingResponses == null) {
            pendingResponses = new ArrayList<>();
          }
          pendingResponses.add(functionResponse(m, callNames));
        }
      }
    }
    if (pendingResponses != null) {
      contents.add(content("user", pendingResponses));
    }
    if (contents.isEmpty()) {
      throw invalid("Gemini needs at least one user, assistant or tool message besides the system prompt");
    }

    body.put("contents", contents);
    if (!systemParts.isEmpty()) {
      body.put("systemInstruction", Map.of("parts", systemParts));
    }
    if (!request.tools().isEmpty()) {
      List<Object> declarations = new ArrayList<>();
      for (Tool tool : request.tools()) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", tool.name());
        if (!tool.description().isEmpty()) {
          d.put("description", tool.description());
        }
        d.put("parameters", jsonObject(tool.parametersSchema(), "the parameter schema of tool '" + tool.name() + "'"));
        declarations.add(d);
      }
      body.put("tools", List.of(Map.of("functionDeclarations", declarations)));
    }
    if (request.toolChoice() != null) {
      body.put("toolConfig", Map.of("functionCallingConfig", functionCallingConfig(request.toolChoice())));
    }
    Map<String, Object> generation = generationConfig(request);
    if (!generation.isEmpty()) {
      body.put("generationConfig", generation);
    }
    JsonValues.merge(body, request.options().fieldsFor(providerId, FAMILY));
    return body;
  }

  /** A reasoning block's signature waiting for the part it goes on, and the block's own thought part, or null. */
  private record PendingSignature(String signature, Map<String, Object> thought) {}

  private static Map<String, Object> content(String role, List<Object> parts) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("role", role);
    c.put("parts", parts);
    return c;
  }

  private List<Object> userParts(Message m) {
    List<Object> parts = new ArrayList<>();
    for (Part p : m.parts()) {
      if (p instanceof Part.Text t) {
        parts.add(Map.of("text", t.text()));
      } else if (p instanceof Part.Image image) {
        parts.add(imagePart(image));
      }
    }
    if (parts.isEmpty()) {
      throw invalid("a user message needs at least one part");
    }
    return parts;
  }

  private Object imagePart(Part.Image image) {
    if (image.base64() != null) {
      return inlineData(image.mediaType(), image.base64());
    }
    String url = image.url().toString();
    if (url.regionMatches(true, 0, "data:", 0, 5)) {
      int comma = url.indexOf(',');
      String meta = comma < 0 ? "" : url.substring(5, comma);
      if (comma < 0 || !meta.toLowerCase(Locale.ROOT).endsWith(";base64")) {
        throw invalid("a data: URL image must be base64-encoded (data:<type>;base64,<data>)");
      }
      return inlineData(meta.substring(0, meta.length() - ";base64".length()), url.substring(comma + 1));
    }
    return Map.of("fileData", Map.of("fileUri", url));
  }

  private static Object inlineData(String mimeType, String data) {
    Map<String, Object> inline = new LinkedHashMap<>();
    inline.put("mimeType", mimeType);
    inline.put("data", data);
    return Map.of("inlineData", inline);
  }

  private Object functionResponse(Message m, Map<String, String> callNames) {
    String name = callNames.get(m.toolCallId());
    if (name == null) {
      name = m.name();
    }
    if (name == null || name.isEmpty()) {
      throw invalid("the tool result for call '" + m.toolCallId() + "' answers no earlier assistant tool call, and "
          + "Gemini needs the function name: add the assistant message with that call, or set the message name");
    }
    String text = m.text();
    String compact = GeminiJson.compactOrNull(text);
    Object response = GeminiJson.isObject(compact) ? new GeminiJson.Raw(compact) : Map.of("result", text);
    Map<String, Object> fr = new LinkedHashMap<>();
    fr.put("name", name);
    fr.put("response", response);
    return Map.of("functionResponse", fr);
  }

  private static Map<String, Object> functionCallingConfig(ToolChoice choice) {
    Map<String, Object> config = new LinkedHashMap<>();
    switch (choice.mode()) {
      case AUTO -> config.put("mode", "AUTO");
      case NONE -> config.put("mode", "NONE");
      case REQUIRED -> config.put("mode", "ANY");
      case NAMED -> {
        config.put("mode", "ANY");
        config.put("allowedFunctionNames", List.of(choice.toolName()));
      }
    }
    return config;
  }

  private Map<String, Object> generationConfig(ChatRequest r) {
    try {
      TypedSettings.requireSupported(r, providerId, FAMILY, SUPPORTED);
    } catch (JsonValues.InvalidValue e) {
      throw invalid(e.getMessage());
    }
    Map<String, Object> config = new LinkedHashMap<>();
    if (r.temperature() != null) {
      config.put("temperature", finite(r.temperature(), "temperature"));
    }
    if (r.topP() != null) {
      config.put("topP", finite(r.topP(), "topP"));
    }
    if (r.maxTokens() != null) {
      config.put("maxOutputTokens", r.maxTokens());
    }
    if (!r.stop().isEmpty()) {
      config.put("stopSequences", r.stop());
    }
    if (r.seed() != null) {
      config.put("seed", r.seed());
    }
    if (r.topK() != null) {
      config.put("topK", r.topK());
    }
    if (r.presencePenalty() != null) {
      config.put("presencePenalty", r.presencePenalty());
    }
    if (r.frequencyPenalty() != null) {
      config.put("frequencyPenalty", r.frequencyPenalty());
    }
    if (r.responseFormat() != null) {
      config.put("responseMimeType", "application/json");
      if (r.responseFormat().hasSchema()) {
        config.put("responseJsonSchema",
            jsonObject(r.responseFormat().schema(), "response schema '" + r.responseFormat().name() + "'"));
      }
    }
    if (r.reasoning() != null) {
      Map<String, Object> thinking = new LinkedHashMap<>();
      Integer budget = thinkingBudget(r.reasoning());
      if (budget != null) {
        thinking.put("thinkingBudget", budget);
      }
      thinking.put("includeThoughts", true);
      config.put("thinkingConfig", thinking);
    }
    return config;
  }

  private Integer thinkingBudget(ReasoningOptions reasoning) {
    if (reasoning.budgetTokens() != null) {
      return reasoning.budgetTokens();
    }
    if (reasoning.effort() == null) {
      return null;
    }
    return switch (reasoning.effort().trim().toLowerCase(Locale.ROOT)) {
      case "none" -> 0;
      case "minimal", "low" -> 1024;
      case "medium" -> 8192;
      case "high" -> 24576;
      default -> throw invalid("unknown reasoning effort '" + reasoning.effort()
          + "': use none, low, medium or high, or give a token budget");
    };
  }

  private double finite(double value, String name) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw invalid(name + " must be a finite number");
    }
    return value;
  }

  private GeminiJson.Raw jsonObject(String text, String what) {
    String compact = GeminiJson.compactOrNull(text);
    if (!GeminiJson.isObject(compact)) {
      throw invalid(what + " must be a JSON object");
    }
    return new GeminiJson.Raw(compact);
  }


  private RillException invalid(String message) {
    return RillException.builder(ErrorKind.INVALID_REQUEST).provider(providerId).message(message).build();
  }
}
