package dev.acme.rill.internal;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.Message;
import dev.rill.api.Part;
import dev.rill.api.RillException;
import dev.rill.api.Tool;
import java.io.ByteArrayOutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/**
 * Encodes a {@link ChatRequest} as Acme's request body: {@code {"model", "stream": true, "messages": [...],
 * "tools": [...]}}. The provider declares TOOLS and SYSTEM_PROMPT, so both are encoded (conformance rule H0.8).
 */
public final class AcmeRequests {
  private AcmeRequests() {}

  /**
   * The request body; {@code request.model()} is the bare model name.
   *
   * @throws RillException {@code INVALID_REQUEST} for a typed setting, a response format or an option: Acme's protocol
   *     has no field for them, and a plugin refuses what it cannot send rather than drop it
   */
  public static byte[] encode(ChatRequest request) {
    refuseWhatAcmeCannotSend(request);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = AcmeJson.FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeStringProperty("model", request.model());
      g.writeBooleanProperty("stream", true);
      g.writeArrayPropertyStart("messages");
      for (Message m : request.messages()) {
        StringBuilder text = new StringBuilder();
        for (Part part : m.parts()) {
          if (part instanceof Part.Text t) {
            text.append(t.text());
          }
        }
        g.writeStartObject();
        g.writeStringProperty("role", m.role().name().toLowerCase(java.util.Locale.ROOT));
        g.writeStringProperty("content", text.toString());
        g.writeEndObject();
      }
      g.writeEndArray();
      if (!request.tools().isEmpty()) {
        g.writeArrayPropertyStart("tools");
        for (Tool tool : request.tools()) {
          g.writeStartObject();
          g.writeStringProperty("name", tool.name());
          g.writeStringProperty("description", tool.description());
          g.writeName("parameters");
          g.writeRawValue(tool.parametersSchema());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  private static void refuseWhatAcmeCannotSend(ChatRequest request) {
    String unsupported = request.seed() != null ? "seed"
        : request.topK() != null ? "topK"
        : request.presencePenalty() != null ? "presencePenalty"
        : request.frequencyPenalty() != null ? "frequencyPenalty"
        : request.parallelToolCalls() != null ? "parallelToolCalls"
        : request.responseFormat() != null ? "responseFormat"
        : !request.options().isEmpty() ? "option '" + request.options().entries().get(0).name() + "'"
        : null;
    if (unsupported != null) {
      throw RillException.builder(ErrorKind.INVALID_REQUEST).provider("acme")
          .message("provider 'acme' has no field for " + unsupported).build();
    }
  }
}
