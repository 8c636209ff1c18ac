package dev.rill.langchain4j.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.output.FinishReason;
import dev.rill.api.ChatResponse;
import dev.rill.api.ReasoningBlock;
import dev.rill.api.ToolCall;
import dev.rill.langchain4j.RillAttributes;
import dev.rill.langchain4j.RillChatResponseMetadata;
import dev.rill.langchain4j.RillTokenUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a Rill {@link ChatResponse} into LangChain4j's. */
public final class Responses {
  private Responses() {}

  /** LangChain4j's response for Rill's folded one (choice 0). */
  public static dev.langchain4j.model.chat.response.ChatResponse toLangChain4j(ChatResponse r) {
    return dev.langchain4j.model.chat.response.ChatResponse.builder()
        .aiMessage(aiMessage(r))
        .metadata(RillChatResponseMetadata.rillBuilder()
            .id(r.responseId())
            .modelName(r.model())
            .tokenUsage(RillTokenUsage.of(r.usage()))
            .finishReason(finishReason(r.finishReason()))
            .rillResponse(r)
            .build())
        .build();
  }

  /** The assistant message: text, thinking, tool calls, and what must be sent back in {@code attributes()}. */
  static AiMessage aiMessage(ChatResponse r) {
    List<ToolExecutionRequest> requests = new ArrayList<>(r.toolCalls().size());
    List<String> signatures = new ArrayList<>(r.toolCalls().size());
    boolean signed = false;
    for (ToolCall call : r.toolCalls()) {
      requests.add(toolRequest(call.id(), call.name(), call.arguments()));
      signatures.add(call.signature());
      signed |= !call.signature().isEmpty();
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put(RillAttributes.PROVIDER, r.provider());
    if (!r.reasoningBlocks().isEmpty()) {
      List<Map<String, Object>> blocks = new ArrayList<>(r.reasoningBlocks().size());
      for (ReasoningBlock block : r.reasoningBlocks()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", block.text());
        m.put("signature", block.signature());
        m.put("redacted", block.redacted());
        m.put("data", block.data());
        m.put("origin", r.provider());
        blocks.add(m);
      }
      attributes.put(RillAttributes.REASONING_BLOCKS, blocks);
    }
    if (signed) {
      attributes.put(RillAttributes.TOOL_CALL_SIGNATURES, signatures);
    }
    if (!r.refusal().isEmpty()) {
      attributes.put(RillAttributes.REFUSAL, r.refusal());
    }
    return AiMessage.builder()
        .text(r.text().isEmpty() && !requests.isEmpty() ? null : r.text())
        .thinking(r.reasoning().isEmpty() ? null : r.reasoning())
        .toolExecutionRequests(requests)
        .attributes(attributes)
        .build();
  }

  static ToolExecutionRequest toolRequest(String id, String name, String arguments) {
    return ToolExecutionRequest.builder().id(id == null || id.isEmpty() ? null : id).name(name).arguments(arguments)
        .build();
  }

  /** LangChain4j's finish reason for Rill's; null for null. */
  static FinishReason finishReason(dev.rill.api.FinishReason reason) {
    if (reason == null) {
      return null;
    }
    return switch (reason.kind()) {
      case STOP -> FinishReason.STOP;
      case LENGTH -> FinishReason.LENGTH;
      case TOOL_CALLS -> FinishReason.TOOL_EXECUTION;
      case CONTENT_FILTER -> FinishReason.CONTENT_FILTER;
      case ERROR, OTHER -> FinishReason.OTHER;
    };
  }
}
