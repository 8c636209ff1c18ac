package dev.rill.provider.openai.internal;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.HttpCall;
import dev.rill.api.Message;
import dev.rill.api.Part;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.ResponseFormat;
import dev.rill.api.RillException;
import dev.rill.api.Secret;
import dev.rill.api.Tool;
import dev.rill.api.ToolCall;
import dev.rill.api.ToolChoice;
import dev.rill.provider.support.JsonValues;
import dev.rill.provider.support.ReasoningEfforts;
import dev.rill.provider.support.TypedSettings;
import dev.rill.provider.support.TypedSettings.Setting;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/**
 * Encodes a {@link ChatRequest} into the streaming {@code POST {base}/chat/completions} call. Stateless and
 * thread-safe. Field order is fixed: model, messages, stream, stream_options, tools, tool_choice, temperature, top_p,
 * the token limit, stop, reasoning_effort (the effort, or a budget's level: {@code ReasoningEfforts}), seed,
 * presence_penalty, frequency_penalty, parallel_tool_calls (only with tools), response_format ({@code {"type":"json_object"}}, or {@code {"type":"json_schema","json_schema":{name,
 * schema, strict}}}), then the {@link ChatRequest#options() options} addressed to this provider's id or family, in
 * their own order. An option named like a field Rill writes replaces that field; {@code model}, {@code messages} and
 * {@code stream} cannot be replaced. The family has no {@code top_k}: a request with {@link ChatRequest#topK()} is an
 * {@link ErrorKind#INVALID_REQUEST}.
 */
public final class ChatRequestEncoder {

  private static final Set<String> RESERVED = Set.of("model", "messages", "stream");
  private static final Set<TypedSettings.Setting> SUPPORTED = EnumSet.complementOf(EnumSet.of(Setting.TOP_K));
  private static final Pattern PLACEHOLDER = Pattern.compile("%7[Bb]([A-Za-z0-9-]+)%7[Dd]");

  private final ProviderInfo info;
  private final Dialect dialect;

  public ChatRequestEncoder(ProviderInfo info, Dialect dialect) {
    this.info = info;
    this.dialect = dialect;
  }

  /** The HTTP call for {@code request}: {@code Authorization: Bearer <key>} when a key is configured or required. */
  public HttpCall encode(ChatRequest request, ProviderSettings settings) {
    URI uri = endpoint(settings.baseUrl(), settings);
    Secret key = dialect.keyRequired() ? settings.requireKey(info.apiKeyEnv()) : settings.apiKey();
    Map<String, String> auth = new LinkedHashMap<>();
    if (key != null) {
      auth.put("Authorization", "Bearer " + key.reveal());
    }
    return call(uri, auth, settings, body(request));
  }

  /**
   * The streaming POST to {@code uri}: the credential headers first, then {@code Content-Type} and {@code Accept},
   * then the settings' own headers, each replacing a header of the same name whatever its case.
   */
  public HttpCall call(URI uri, Map<String, String> credentials, ProviderSettings settings, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>(credentials);
    headers.put("Content-Type", "application/json");
    headers.put("Accept", "text/event-stream");
    settings.headers().forEach((name, value) -> {
      headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
      headers.put(name, value);
    });
    return HttpCall.post(uri, headers, body);
  }

  /**
   * {@code base} + {@code /chat/completions}, with or without a trailing slash on the base, query kept. A path
   * segment written {@code %7Bname%7D} (a catalogue placeholder such as Cloudflare's account id) is replaced by the
   * settings option {@code name}, percent-encoded; a missing option is an {@link ErrorKind#INVALID_REQUEST}.
   */
  URI endpoint(URI base, ProviderSettings settings) {
    String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || base.getRawAuthority() == null) {
      throw invalid("the base URL must be an absolute http or https URL: " + base.getScheme() + "://"
          + base.getRawAuthority() + base.getRawPath());
    }
    String path = base.getRawPath() == null ? "" : base.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    path = fillPlaceholders(path, settings);
    String query = base.getRawQuery() == null ? "" : "?" + base.getRawQuery();
    return URI.create(scheme + "://" + base.getRawAuthority() + path + ChatCompletions.PATH + query);
  }

  private String fillPlaceholders(String rawPath, ProviderSettings settings) {
    Matcher m = PLACEHOLDER.matcher(rawPath);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1).toLowerCase(Locale.ROOT);
      String value = settings == null ? null
          : settings.option(name).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
      if (value == null) {
        throw invalid("provider '" + info.id() + "' needs the option '" + name + "': it is part of the base URL "
            + info.defaultBaseUrl().getPath());
      }
      m.appendReplacement(out, Matcher.quoteReplacement(pathSegment(value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** One path segment, percent-encoded (a space is {@code %20}, never {@code +}). */
  public static String pathSegment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The JSON body. */
  public byte[] body(ChatRequest request) {
    Map<String, Object> options = request.options().fieldsFor(info);
    for (String reserved : RESERVED) {
      if (options.containsKey(reserved)) {
        throw invalid("option '" + reserved + "' cannot be set: Rill writes it");
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = ChatCompletions.JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      TypedSettings.requireSupported(request, info, SUPPORTED);
      g.writeStartObject();
      g.writeStringProperty("model", request.model());
      g.writeName("messages");
      g.writeStartArray();
      for (Message m : request.messages()) {
        writeMessage(g, m);
      }
      g.writeEndArray();
      g.writeBooleanProperty("stream", true);
      if (dialect.streamUsageOption() && !options.containsKey("stream_options")) {
        g.writeName("stream_options");
        g.writeStartObject();
        g.writeBooleanProperty("include_usage", true);
        g.writeEndObject();
      }
      if (!request.tools().isEmpty() && !options.containsKey("tools")) {
        g.writeName("tools");
        g.writeStartArray();
        for (Tool t : request.tools()) {
          writeTool(g, t);
        }
        g.writeEndArray();
      }
      if (request.toolChoice() != null && !options.containsKey("tool_choice")) {
        g.writeName("tool_choice");
        writeToolChoice(g, request.toolChoice());
      }
      if (request.temperature() != null && !options.containsKey("temperature")) {
        g.writeName("temperature");
        writeDouble(g, "temperature", request.temperature());
      }
      if (request.topP() != null && !options.containsKey("top_p")) {
        g.writeName("top_p");
        writeDouble(g, "top_p", request.topP());
      }
      if (request.maxTokens() != null && !options.containsKey(dialect.maxTokensField())) {
        g.writeNumberProperty(dialect.maxTokensField(), request.maxTokens());
      }
      if (!request.stop().isEmpty() && !options.containsKey("stop")) {
        g.writeName("stop");
        g.writeStartArray();
        for (String s : request.stop()) {
          g.writeString(s);
        }
        g.writeEndArray();
      }
      String effort = request.reasoning() == null ? null : ReasoningEfforts.effortOf(request.reasoning());
      if (effort != null && !options.containsKey("reasoning_effort")) {
        g.writeStringProperty("reasoning_effort", effort); // a budget as its effort level, never dropped
      }
      writeTypedSettings(g, request, options);
      JsonValues.writeOptions(g, options);
      g.writeEndObject();
    } catch (JsonValues.InvalidValue e) {
      throw invalid(e.getMessage());
    } catch (JacksonException e) {
      throw RillException.builder(ErrorKind.INVALID_REQUEST).provider(info.id()).model(request.model())
          .message("cannot encode the request body: " + e.getOriginalMessage()).cause(e).build();
    }
    return out.toByteArray();
  }

  /** seed, the penalties, parallel_tool_calls (with tools only) and response_format, unless an option replaces them. */
  private void writeTypedSettings(JsonGenerator g, ChatRequest request, Map<String, Object> options) {
    if (request.seed() != null && !options.containsKey("seed")) {
      g.writeNumberProperty("seed", request.seed());
    }
    if (request.presencePenalty() != null && !options.containsKey("presence_penalty")) {
      g.writeNumberProperty("presence_penalty", request.presencePenalty());
    }
    if (request.frequencyPenalty() != null && !options.containsKey("frequency_penalty")) {
      g.writeNumberProperty("frequency_penalty", request.frequencyPenalty());
    }
    if (request.parallelToolCalls() != null && !request.tools().isEmpty()
        && !options.containsKey("parallel_tool_calls")) {
      g.writeBooleanProperty("parallel_tool_calls", request.parallelToolCalls());
    }
    ResponseFormat format = request.responseFormat();
    if (format != null && !options.containsKey("response_format")) {
      g.writeName("response_format");
      g.writeStartObject();
      if (format.hasSchema()) {
        g.writeStringProperty("type", "json_schema");
        g.writeName("json_schema");
        g.writeStartObject();
        g.writeStringProperty("name", format.name());
        g.writeName("schema");
        JsonValues.copyJson(g, format.schema(), "response schema '" + format.name() + "'", true);
        g.writeBooleanProperty("strict", format.strict());
        g.writeEndObject();
      } else {
        g.writeStringProperty("type", "json_object");
      }
      g.writeEndObject();
    }
  }

  private void writeMessage(JsonGenerator g, Message m) {
    g.writeStartObject();
    switch (m.role()) {
      case SYSTEM -> {
        g.writeStringProperty("role", "system");
        requireTextOnly(m);
        g.writeStringProperty("content", m.text());
        writeName(g, m);
      }
      case USER -> {
        g.writeStringProperty("role", "user");
        g.writeName("content");
        if (m.isTextOnly()) {
          g.writeString(m.text());
        } else {
          writeParts(g, m.parts());
        }
        writeName(g, m);
      }
      case ASSISTANT -> {
        g.writeStringProperty("role", "assistant");
        requireTextOnly(m);
        if (m.toolCalls().isEmpty()) {
          g.writeStringProperty("content", m.text());
        } else {
          g.writeName("content");
          if (m.text().isEmpty()) {
            g.writeNull();
          } else {
            g.writeString(m.text());
          }
        }
        writeName(g, m);
        if (!m.toolCalls().isEmpty()) {
          g.writeName("tool_calls");
          g.writeStartArray();
          for (ToolCall call : m.toolCalls()) {
            g.writeStartObject();
            g.writeStringProperty("id", call.id());
            g.writeStringProperty("type", "function");
            g.writeName("function");
            g.writeStartObject();
            g.writeStringProperty("name", call.name());
            g.writeStringProperty("arguments", call.arguments());
            g.writeEndObject();
            g.writeEndObject();
          }
          g.writeEndArray();
        }
      }
      case TOOL -> {
        g.writeStringProperty("role", "tool");
        g.writeStringProperty("tool_call_id", m.toolCallId());
        requireTextOnly(m);
        g.writeStringProperty("content", m.text());
      }
    }
    g.writeEndObject();
  }

  private static void writeName(JsonGenerator g, Message m) {
    if (m.name() != null && !m.name().isEmpty()) {
      g.writeStringProperty("name", m.name());
    }
  }

  /** Rejects image parts; reasoning parts (kept for providers that take them back) are not sent here. */
  private void requireTextOnly(Message m) {
    if (hasImage(m)) {
      throw invalid("only user messages can carry images; a " + m.role().name().toLowerCase(Locale.ROOT)
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

  private static void writeParts(JsonGenerator g, List<Part> parts) {
    g.writeStartArray();
    for (Part p : parts) {
      g.writeStartObject();
      if (p instanceof Part.Text t) {
        g.writeStringProperty("type", "text");
        g.writeStringProperty("text", t.text());
      } else if (p instanceof Part.Image image) {
        g.writeStringProperty("type", "image_url");
        g.writeName("image_url");
        g.writeStartObject();
        g.writeStringProperty("url", image.asUrl());
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private void writeTool(JsonGenerator g, Tool t) {
    g.writeStartObject();
    g.writeStringProperty("type", "function");
    g.writeName("function");
    g.writeStartObject();
    g.writeStringProperty("name", t.name());
    if (!t.description().isEmpty()) {
      g.writeStringProperty("description", t.description());
    }
    g.writeName("parameters");
    g.writeRawValue(checkedSchema(t));
    g.writeEndObject();
    g.writeEndObject();
  }

  /** The schema text, after checking it is one JSON object, so a bad schema cannot corrupt the body. */
  private String checkedSchema(Tool t) {
    String schema = t.parametersSchema();
    try {
      JsonValues.validate(schema, "the parameters schema of tool '" + t.name() + "'", true);
    } catch (JsonValues.InvalidValue e) {
      throw invalid(e.getMessage());
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
        g.writeName("function");
        g.writeStartObject();
        g.writeStringProperty("name", choice.toolName());
        g.writeEndObject();
        g.writeEndObject();
      }
    }
  }

  private void writeDouble(JsonGenerator g, String name, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw invalid(name + " must be a finite number: " + value);
    }
    g.writeNumber(value);
  }


  private RillException invalid(String message) {
    return RillException.builder(ErrorKind.INVALID_REQUEST).provider(info.id()).message(message).build();
  }
}
