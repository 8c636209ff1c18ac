package dev.rill.runtime.internal.chain;

import dev.rill.api.ChatResponse;
import dev.rill.api.FinishReason;
import dev.rill.api.ToolCall;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * What a complete stream may still get wrong: no finish reason although the terminator came, tool-call
 * arguments that are not valid JSON, and a LENGTH finish (the answer was cut).
 */
final class ContinuityCheck {
  private static final JsonFactory JSON = new JsonFactory();

  private ContinuityCheck() {}

  static List<String> warnings(ChatResponse r) {
    List<String> out = new ArrayList<>(2);
    for (ChatResponse.Choice c : r.choices()) {
      String which = r.choices().size() > 1 ? "choice " + c.index() + ": " : "";
      if (c.finishReason() == null) {
        out.add(which + "the stream ended with its terminator but without a finish reason");
      } else if (c.finishReason().kind() == FinishReason.Kind.LENGTH) {
        out.add(which + "finish reason LENGTH (raw '" + c.finishReason().raw()
            + "'): the output hit the token limit and is cut");
      }
      for (ToolCall call : c.toolCalls()) {
        if (!isJson(call.arguments())) {
          out.add(which + "tool call " + call.name() + " (" + call.id() + ") has arguments that are not valid JSON: "
              + abbreviate(call.arguments()));
        }
      }
    }
    return out;
  }

  static boolean isJson(String text) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), text)) {
      if (p.nextToken() == null) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (JacksonException e) {
      return false;
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "..." : s;
  }
}
