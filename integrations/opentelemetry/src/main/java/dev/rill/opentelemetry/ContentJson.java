package dev.rill.opentelemetry;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.Message;
import dev.rill.api.Part;
import dev.rill.api.ToolCall;
import java.util.List;
import java.util.Locale;

/**
 * The opt-in content attributes ({@code gen_ai.input.messages}, {@code gen_ai.output.messages}) as JSON text, in the
 * conventions' shape: messages of a role and parts ({@code text}, {@code tool_call}, {@code tool_call_response}).
 * Written only when {@link RillTelemetry.Builder#captureContent} is on.
 */
final class ContentJson {
  private ContentJson() {}

  static String input(ChatRequest request) {
    StringBuilder b = new StringBuilder("[");
    List<Message> messages = request.messages();
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (i > 0) {
        b.append(',');
      }
      b.append("{\"role\":");
      string(b, m.role().name().toLowerCase(Locale.ROOT));
      b.append(",\"parts\":[");
      boolean first = true;
      if (m.toolCallId() != null) {
        b.append("{\"type\":\"tool_call_response\",\"id\":");
        string(b, m.toolCallId());
        b.append(",\"response\":");
        string(b, m.text());
        b.append('}');
        first = false;
      } else {
        for (Part p : m.parts()) {
          if (p instanceof Part.Text t) {
            first = comma(b, first);
            b.append("{\"type\":\"text\",\"content\":");
            string(b, t.text());
            b.append('}');
          }
        }
      }
      for (ToolCall call : m.toolCalls()) {
        first = comma(b, first);
        toolCall(b, call);
      }
      b.append("]}");
    }
    return b.append(']').toString();
  }

  static String output(ChatResponse response) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < response.choices().size(); i++) {
      ChatResponse.Choice c = response.choices().get(i);
      if (i > 0) {
        b.append(',');
      }
      b.append("{\"role\":\"assistant\",\"parts\":[");
      boolean first = true;
      if (!c.text().isEmpty()) {
        first = comma(b, first);
        b.append("{\"type\":\"text\",\"content\":");
        string(b, c.text());
        b.append('}');
      }
      for (ToolCall call : c.toolCalls()) {
        first = comma(b, first);
        toolCall(b, call);
      }
      b.append(']');
      if (c.finishReason() != null) {
        b.append(",\"finish_reason\":");
        string(b, c.finishReason().raw() != null ? c.finishReason().raw()
            : c.finishReason().kind().name().toLowerCase(Locale.ROOT));
      }
      b.append('}');
    }
    return b.append(']').toString();
  }

  private static void toolCall(StringBuilder b, ToolCall call) {
    b.append("{\"type\":\"tool_call\",\"id\":");
    string(b, call.id());
    b.append(",\"name\":");
    string(b, call.name());
    b.append(",\"arguments\":");
    string(b, call.arguments());
    b.append('}');
  }

  private static boolean comma(StringBuilder b, boolean first) {
    if (!first) {
      b.append(',');
    }
    return false;
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
