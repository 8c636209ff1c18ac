package dev.rill.provider.openairesponses.internal;

import dev.rill.api.ChunkSink;
import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.api.RillException;
import dev.rill.api.Role;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.api.ToolCallDelta;
import dev.rill.api.Usage;
import dev.rill.api.WireEvent;
import dev.rill.provider.support.JsonFields;
import dev.rill.provider.support.OpenAiStyleErrors;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;

/**
 * Decodes one Responses API stream into {@link StreamChunk}s.
 *
 * <p>The event kind is the JSON {@code type} field, which the API repeats as the SSE {@code event:} name; the SSE
 * name is used only when the JSON has none (captures that kept only the data lines have no event names). Each payload
 * is read in one streaming pass ({@link ResponsesEvent}), fields in any order.
 *
 * <ul>
 *   <li>{@code response.created}, {@code response.in_progress}, {@code response.queued}: the response id and model go
 *       to {@link ChunkSink#responseInfo} (again only when they change); the first one emits a chunk with role
 *       {@link Role#ASSISTANT}.
 *   <li>{@code response.output_item.added} with a {@code function_call} item opens a tool call and emits its
 *       {@code call_id} (the id a tool result must quote, not the item id) and name. Tool indexes count the function
 *       calls in order (0, 1, ...), whatever their {@code output_index}, so reasoning, message and server-side tool
 *       items (web search...) leave no gaps. A function call without {@code call_id} or name, or a second one at one
 *       output index, is malformed. Other item types emit nothing.
 *   <li>{@code response.function_call_arguments.delta}: an argument fragment of the call named by {@code item_id}, else
 *       by {@code output_index}; a fragment for a call that never started is malformed. The {@code .done} event, and
 *       {@code response.output_item.done}, are ignored unless the call got no fragments: then their complete
 *       {@code arguments} are emitted once. An {@code output_item.done} for a function call never announced opens it.
 *   <li>{@code response.output_text.delta} is content, {@code response.refusal.delta} refusal,
 *       {@code response.reasoning_summary_text.delta} and {@code response.reasoning_text.delta} reasoning. Reasoning
 *       from a different part (another summary index, content index or output item) is preceded by a blank line
 *       ({@code "\n\n"}), so the summary parts OpenAI streams apart do not run together; the first part gets none.
 *       Empty deltas emit nothing.
 *   <li>{@code response.completed}: one chunk with the finish reason and usage, then {@link Progress#END}. The raw
 *       reason is the response's {@code status} ({@code completed}); its kind is TOOL_CALLS if the response made a
 *       function call, else STOP.
 *   <li>{@code response.incomplete}: the same, with the reason from {@code incomplete_details.reason}:
 *       {@code max_output_tokens} is LENGTH, {@code content_filter} CONTENT_FILTER, anything else (or none: raw
 *       {@code incomplete}) OTHER.
 *   <li>{@code response.failed} and {@code error}: thrown as a {@link RillException} whose kind follows the error code
 *       ({@link ResponsesErrors#streamKind}), with the code (else the type) as provider code. The {@code error} event's
 *       fields are read flat ({@code code}, {@code message}), as documented, or nested under {@code error}, as OpenAI
 *       also sends them.
 *   <li>Everything else ({@code content_part.*}, {@code *.done}, {@code web_search_call.*},
 *       {@code output_text.annotation.added}, unknown types) is ignored, as are blank payloads and a {@code [DONE]}
 *       payload some proxies add.
 * </ul>
 *
 * <p><b>Usage.</b> {@code input_tokens} (cached included), {@code output_tokens} (reasoning included),
 * {@code total_tokens}, {@code input_tokens_details.cached_tokens} and {@code output_tokens_details.reasoning_tokens};
 * counts the stream never stated stay null.
 *
 * <p><b>End of input.</b> {@code response.completed} and {@code response.incomplete} are the protocol's terminators,
 * so {@link #endOfInput} returns false: the runtime calls it only when the body ended without one, which is TRUNCATED.
 *
 * <p>A payload that is not a JSON object, or breaks the rules above, raises {@link ErrorKind#MALFORMED_RESPONSE}
 * carrying the raw event; such an event changes no state, so the decoder stays usable. Not thread-safe: one stream,
 * one decoder.
 */
public final class ResponsesStreamDecoder implements StreamDecoder {

  /** A function call of this response. */
  private static final class Call {
    final int toolIndex;
    boolean argumentsSent;

    Call(int toolIndex) {
      this.toolIndex = toolIndex;
    }
  }

  private static final String DONE = "[DONE]";

  private final String providerId;
  private final String model;
  private final ResponsesEvent event = new ResponsesEvent();
  private final Map<Integer, Call> callsByOutputIndex = new HashMap<>();
  private final Map<String, Call> callsByItemId = new HashMap<>();
  private int callCount;
  private boolean roleSent;
  private String reportedId;
  private String reportedModel;
  private String reasoningPart;

  /**
   * A decoder for one stream.
   *
   * @param providerId the provider id errors name
   * @param model the requested model errors name, or null
   */
  public ResponsesStreamDecoder(String providerId, String model) {
    this.providerId = Objects.requireNonNull(providerId, "providerId");
    this.model = model;
  }

  @Override
  public Progress decode(WireEvent wire, ChunkSink sink) {
    if (wire.isBlank() || wire.dataEquals(DONE)) {
      return Progress.CONTINUE;
    }
    try (JsonParser p = Responses.JSON.createParser(ObjectReadContext.empty(), wire.array(), wire.offset(),
        wire.length())) {
      if (!event.read(p)) {
        throw malformed(wire, "the event data is not one JSON object");
      }
    } catch (JacksonException e) {
      throw malformed(wire, "the event data is not valid JSON: " + e.getOriginalMessage());
    } catch (JsonFields.BadShape e) {
      throw malformed(wire, e.getMessage());
    }
    String type = event.type;
    if (type == null) {
      if (WireEvent.MESSAGE.equals(wire.type())) {
        throw malformed(wire, "the event has no type");
      }
      type = wire.type();
    }
    switch (type) {
      case "response.created", "response.in_progress", "response.queued" -> started(sink);
      case "response.output_item.added" -> itemAdded(wire, sink);
      case "response.output_item.done" -> itemDone(sink);
      case "response.function_call_arguments.delta" -> argumentsDelta(wire, sink);
      case "response.function_call_arguments.done" -> argumentsDone(sink);
      case "response.output_text.delta" -> {
        if (event.delta != null && !event.delta.isEmpty()) {
          sink.emit(StreamChunk.text(event.delta));
        }
      }
      case "response.refusal.delta" -> {
        if (event.delta != null && !event.delta.isEmpty()) {
          sink.emit(StreamChunk.builder().refusal(event.delta).build());
        }
      }
      case "response.reasoning_summary_text.delta" -> reasoning(sink, "summary", event.summaryIndex);
      case "response.reasoning_text.delta" -> reasoning(sink, "text", event.contentIndex);
      case "response.completed" -> {
        finished(sink, finishOfCompleted());
        return Progress.END;
      }
      case "response.incomplete" -> {
        finished(sink, finishOfIncomplete(event.incompleteReason));
        return Progress.END;
      }
      case "response.failed" -> throw failed();
      case "error" -> throw errorEvent();
      default -> { } // content_part.*, *.done, web_search_call.*, annotations, types this plugin does not know
    }
    return Progress.CONTINUE;
  }

  /**
   * Always false: a stream is complete only with {@code response.completed} or {@code response.incomplete}, and the
   * runtime calls this only when the body ended without either.
   */
  @Override
  public boolean endOfInput(ChunkSink sink) {
    return false;
  }

  private void started(ChunkSink sink) {
    reportResponse(sink);
    if (!roleSent) {
      roleSent = true;
      sink.emit(StreamChunk.ofRole(Role.ASSISTANT));
    }
  }

  private void reportResponse(ChunkSink sink) {
    String id = nonEmpty(event.responseId);
    String answering = nonEmpty(event.responseModel);
    if ((id != null && !id.equals(reportedId)) || (answering != null && !answering.equals(reportedModel))) {
      reportedId = id != null ? id : reportedId;
      reportedModel = answering != null ? answering : reportedModel;
      sink.responseInfo(reportedId, reportedModel);
    }
  }

  private void itemAdded(WireEvent wire, ChunkSink sink) {
    if (!"function_call".equals(event.itemType)) {
      return;
    }
    if (nonEmpty(event.itemCallId) == null || nonEmpty(event.itemName) == null) {
      throw malformed(wire, "a function_call item without a call_id or a name");
    }
    if (event.outputIndex >= 0 && callsByOutputIndex.containsKey(event.outputIndex)) {
      throw malformed(wire, "a second function_call item at output index " + event.outputIndex);
    }
    if (event.itemOwnId != null && callsByItemId.containsKey(event.itemOwnId)) {
      throw malformed(wire, "a second function_call item with id " + event.itemOwnId);
    }
    open(sink, event.itemArguments);
  }

  /** Starts a call from the event's item, emitting its id, name and any arguments it already holds. */
  private void open(ChunkSink sink, String arguments) {
    Call call = new Call(callCount++);
    if (event.outputIndex >= 0) {
      callsByOutputIndex.put(event.outputIndex, call);
    }
    if (event.itemOwnId != null) {
      callsByItemId.put(event.itemOwnId, call);
    }
    String args = arguments == null ? "" : arguments;
    call.argumentsSent = !args.isEmpty();
    sink.emit(StreamChunk.toolCall(ToolCallDelta.of(call.toolIndex, event.itemCallId, event.itemName, args)));
  }

  private void itemDone(ChunkSink sink) {
    if (!"function_call".equals(event.itemType)) {
      return;
    }
    Call call = event.itemOwnId != null ? callsByItemId.get(event.itemOwnId) : null;
    if (call == null && event.outputIndex >= 0) {
      call = callsByOutputIndex.get(event.outputIndex);
    }
    if (call == null) {
      if (nonEmpty(event.itemCallId) != null && nonEmpty(event.itemName) != null) {
        open(sink, event.itemArguments);
      }
      return;
    }
    sendMissingArguments(sink, call, event.itemArguments);
  }

  private void argumentsDelta(WireEvent wire, ChunkSink sink) {
    Call call = callOf();
    if (call == null) {
      throw malformed(wire, "function_call_arguments.delta for item " + event.itemId + " at output index "
          + event.outputIndex + ", which never started");
    }
    if (event.delta != null && !event.delta.isEmpty()) {
      call.argumentsSent = true;
      sink.emit(StreamChunk.toolCall(ToolCallDelta.arguments(call.toolIndex, event.delta)));
    }
  }

  private void argumentsDone(ChunkSink sink) {
    Call call = callOf();
    if (call != null) {
      sendMissingArguments(sink, call, event.arguments);
    }
  }

  private static void sendMissingArguments(ChunkSink sink, Call call, String arguments) {
    if (!call.argumentsSent && arguments != null && !arguments.isEmpty()) {
      call.argumentsSent = true;
      sink.emit(StreamChunk.toolCall(ToolCallDelta.arguments(call.toolIndex, arguments)));
    }
  }

  /** The call an arguments event names: by item id first, else by output index. */
  private Call callOf() {
    Call call = event.itemId != null ? callsByItemId.get(event.itemId) : null;
    if (call == null && event.outputIndex >= 0) {
      call = callsByOutputIndex.get(event.outputIndex);
    }
    return call;
  }

  private void reasoning(ChunkSink sink, String kind, int partIndex) {
    if (event.delta == null || event.delta.isEmpty()) {
      return;
    }
    String item = event.itemId != null ? event.itemId : Integer.toString(event.outputIndex);
    String part = kind + ':' + item + ':' + partIndex;
    String text = event.delta;
    if (reasoningPart != null && !reasoningPart.equals(part)) {
      text = "\n\n" + text;
    }
    reasoningPart = part;
    sink.emit(StreamChunk.reasoningDelta(text));
  }

  private FinishReason finishOfCompleted() {
    String raw = event.responseStatus != null ? event.responseStatus : "completed";
    FinishReason.Kind kind = !"completed".equals(raw) ? FinishReason.Kind.OTHER
        : callCount > 0 ? FinishReason.Kind.TOOL_CALLS : FinishReason.Kind.STOP;
    return FinishReason.of(kind, raw);
  }

  /** Maps {@code incomplete_details.reason}; unknown values are OTHER, never STOP. */
  static FinishReason finishOfIncomplete(String reason) {
    if (reason == null || reason.isEmpty()) {
      return FinishReason.of(FinishReason.Kind.OTHER, "incomplete");
    }
    FinishReason.Kind kind = switch (reason) {
      case "max_output_tokens" -> FinishReason.Kind.LENGTH;
      case "content_filter" -> FinishReason.Kind.CONTENT_FILTER;
      default -> FinishReason.Kind.OTHER;
    };
    return FinishReason.of(kind, reason);
  }

  private void finished(ChunkSink sink, FinishReason finish) {
    if (event.hasResponse) {
      reportResponse(sink);
    }
    sink.emit(StreamChunk.builder().finishReason(finish).usage(usage()).build());
  }

  /** The response's usage, or null when it stated none. */
  private Usage usage() {
    if (!event.hasUsage || (event.inputTokens == null && event.outputTokens == null && event.totalTokens == null
        && event.cachedTokens == null && event.reasoningTokens == null)) {
      return null;
    }
    return new Usage(event.inputTokens, event.outputTokens, event.totalTokens, event.reasoningTokens,
        event.cachedTokens, null);
  }

  private RillException failed() {
    String code = event.responseErrorCode;
    String message = event.responseErrorMessage;
    ErrorKind kind = event.hasResponseError || code != null || message != null
        ? ResponsesErrors.streamKind(new OpenAiStyleErrors.ErrorBody(message, null, code, 0))
        : ErrorKind.SERVER;
    return RillException.builder(kind).provider(providerId).model(model)
        .providerCode(code).providerMessage(message)
        .message("the response failed" + (message != null ? ": " + message : ""))
        .build();
  }

  private RillException errorEvent() {
    String code = event.code != null ? event.code : event.errorCode;
    String message = event.message != null ? event.message : event.errorMessage;
    OpenAiStyleErrors.ErrorBody error = new OpenAiStyleErrors.ErrorBody(message, event.errorType, code, 0);
    return RillException.builder(ResponsesErrors.streamKind(error)).provider(providerId).model(model)
        .providerCode(error.codeOrType()).providerMessage(message)
        .message("error event in the stream" + (message != null ? ": " + message : ""))
        .build();
  }

  private RillException malformed(WireEvent wire, String message) {
    return RillException.builder(ErrorKind.MALFORMED_RESPONSE).provider(providerId).model(model)
        .message(message).rawEvent(wire.text()).build();
  }


  private static String nonEmpty(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
