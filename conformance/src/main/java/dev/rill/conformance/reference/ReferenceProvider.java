package dev.rill.conformance.reference;

import dev.rill.api.Capability;
import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.Framing;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderError;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.StreamDecoder;
import dev.rill.api.StreamingProvider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * The kit's reference plugin: a small, obviously correct plugin for an invented SSE protocol whose events are flat
 * JSON objects (see {@link ReferenceDecoder}). The certification runner measures every plugin's performance against
 * it in the same run (rules P5.1 to P5.4); the kit's own tests certify it and wrap it in mutants, each with one
 * defect. It is not registered as a service in the kit's jar.
 */
public class ReferenceProvider implements StreamingProvider {
  /** The reference plugin's provider id. */
  public static final String ID = "reference";
  static final ProviderInfo INFO = ProviderInfo.builder(ID, "Reference plugin").family("reference")
      .defaultBaseUrl("https://reference.invalid/v1").apiKeyEnv("REFERENCE_API_KEY").framing(Framing.SSE)
      .capabilities(Capability.TEXT, Capability.TOOLS, Capability.REASONING, Capability.USAGE_IN_STREAM,
          Capability.FINISH_REASON)
      .build();

  /** ServiceLoader's constructor. */
  public ReferenceProvider() {}

  @Override
  public ProviderInfo info() {
    return INFO;
  }

  @Override
  public HttpCall prepare(ChatRequest request, ProviderSettings settings) {
    String key = settings.requireKey(info().apiKeyEnv()).reveal();
    String base = settings.baseUrl().toString().replaceAll("/+$", "");
    return HttpCall.post(URI.create(base + "/chat"), Map.of("Authorization", "Bearer " + key,
        "Content-Type", "application/json", "Accept", info().framing().mediaType()), body(request));
  }

  /**
   * {@code {"model", "stream": true, "tools": [names], "reasoning": {"effort", "budget_tokens"}}}: the tools and the
   * reasoning options, since the plugin declares TOOLS and REASONING (rule H0.8).
   */
  private static byte[] body(ChatRequest request) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (tools.jackson.core.JsonGenerator g = ReferenceDecoder.JSON.createGenerator(
        tools.jackson.core.ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeStringProperty("model", request.model());
      g.writeBooleanProperty("stream", true);
      if (!request.tools().isEmpty()) {
        g.writeArrayPropertyStart("tools");
        for (dev.rill.api.Tool t : request.tools()) {
          g.writeString(t.name());
        }
        g.writeEndArray();
      }
      if (request.reasoning() != null) {
        g.writeName("reasoning");
        g.writeStartObject();
        if (request.reasoning().effort() != null) {
          g.writeStringProperty("effort", request.reasoning().effort());
        }
        if (request.reasoning().budgetTokens() != null) {
          g.writeNumberProperty("budget_tokens", request.reasoning().budgetTokens());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new ReferenceDecoder();
  }

  @Override
  public ProviderError classifyError(int status, Map<String, String> headers, byte[] body) {
    if (ProviderError.isRedirect(status)) {
      return ProviderError.redirect(status, headers);
    }
    String type = null;
    String message = null;
    try (JsonParser p = ReferenceDecoder.JSON.createParser(ObjectReadContext.empty(), body)) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          String name = p.currentName();
          JsonToken t = p.nextToken();
          if (name.equals("error") && t == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
              String member = p.currentName();
              JsonToken v = p.nextToken();
              if (member.equals("type") && v == JsonToken.VALUE_STRING) {
                type = p.getString();
              } else if (member.equals("message") && v == JsonToken.VALUE_STRING) {
                message = p.getString();
              } else {
                p.skipChildren();
              }
            }
          } else {
            p.skipChildren();
          }
        }
      }
    } catch (JacksonException e) {
      // not JSON: classify by status alone
    }
    return ProviderError.of(kindFor(type, status), type,
        message != null ? message : new String(body, StandardCharsets.UTF_8).strip());
  }

  /** The kind for an error type, else for the status. */
  static ErrorKind kindFor(String type, int status) {
    if (type != null) {
      switch (type) {
        case "quota" -> { return ErrorKind.QUOTA_EXHAUSTED; }
        case "context_length" -> { return ErrorKind.CONTEXT_LENGTH_EXCEEDED; }
        case "overloaded" -> { return ErrorKind.OVERLOADED; }
        case "rate_limit" -> { return ErrorKind.RATE_LIMITED; }
        case "server" -> { return ErrorKind.SERVER; }
        default -> { }
      }
    }
    return status >= 400 ? ProviderError.kindForStatus(status) : ErrorKind.SERVER;
  }
}
