package dev.rill.provider.bedrock.internal;

import dev.rill.api.ChunkSink;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.Role;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.api.ToolCallDelta;
import dev.rill.api.Usage;
import dev.rill.api.WireEvent;
import dev.rill.provider.support.JsonFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;

/**
 * Decodes one Bedrock ConverseStream response (AWS event-stream messages, already framed) into {@link StreamChunk}s.
 * The event kind is the {@link WireEvent#type()} (the {@code :event-type} header, or {@code :exception-type} for
 * exception messages); the payload is JSON whose {@code "p"} padding field is ignored.
 *
 * <ul>
 *   <li>{@code messageStart}: emits a chunk with role {@link Role#ASSISTANT} (the one role a response states).
 *   <li>{@code contentBlockStart} with {@code start.toolUse}: opens a tool call and emits its id and name. Tool-call
 *       indexes count the tool blocks in order (0, 1, ...) whatever their {@code contentBlockIndex}, and a map from
 *       content index to tool index routes the argument fragments. A tool start without id or name, or a second start
 *       for one content index, is malformed.
 *   <li>{@code contentBlockDelta}: {@code delta.text} is content; {@code delta.toolUse.input} an argument fragment of
 *       the block's tool call (a fragment for a block that never started as a tool is malformed);
 *       {@code delta.reasoningContent.text} reasoning. {@code reasoningContent.signature} fragments are joined per
 *       block and emitted whole as {@link StreamChunk#reasoningSignature()} when the block stops; each
 *       {@code reasoningContent.redactedContent} is emitted at once as one {@link StreamChunk#redactedReasoning()}
 *       (base64, as sent). Neither is ever text; both are also kept ({@link #signatures()},
 *       {@link #redactedContent()}). Empty deltas emit nothing.
 *   <li>{@code contentBlockStop}: the signature of a reasoning block, if it has one.
 *   <li>{@code messageStop}: any signature not yet emitted, then the finish reason ({@link StopReasons}).
 *   <li>{@code metadata}: the usage, then {@link Progress#END}.
 *   <li>an exception message ({@code :message-type} {@code exception}, or a type ending in {@code Exception} when the
 *       event has no headers): thrown as a {@link RillException} whose kind follows {@link ExceptionTypes} (unknown
 *       types are {@link ErrorKind#SERVER}), with the type as provider code and the payload's {@code message}.
 *       A {@code :message-type} {@code error} message is handled alike, its {@code :error-code} and
 *       {@code :error-message} headers giving code and message.
 *   <li>{@code chunk} (InvokeModelWithResponseStream): delegated to {@link InvokeChunkDecoder}.
 *   <li>anything else is ignored.
 * </ul>
 *
 * <p><b>The end.</b> ConverseStream sends {@code messageStop} and then {@code metadata}, always last, with the usage.
 * The stream therefore ends on {@code metadata} (so the usage is never lost); a body that ends after
 * {@code messageStop} without {@code metadata} is still a proper end ({@link #endOfInput} returns true, the usage is
 * null), and one that ends before {@code messageStop} is TRUNCATED. For {@code chunk} streams, which have no terminator
 * of their own, the end of the body is proper once the wrapped model stated a finish reason.
 *
 * <p><b>Usage.</b> Bedrock's {@code inputTokens} excludes prompt-cache reads and writes, which it reports apart;
 * Rill's {@link Usage#inputTokens()} includes them, so it is {@code inputTokens + cacheReadInputTokens +
 * cacheWriteInputTokens}, with {@code cachedInputTokens} the reads and {@code cacheWriteTokens} the writes;
 * {@code totalTokens} is Bedrock's own.
 *
 * <p>A payload that is not a JSON object, or breaks the rules above, raises {@link ErrorKind#MALFORMED_RESPONSE}
 * carrying the raw event; the decoder's state is unchanged by such an event. Not thread-safe: one stream, one decoder.
 */
public final class ConverseStreamDecoder implements StreamDecoder {

  private final String providerId;
  private final String model;
  private final ConverseEvent event = new ConverseEvent();
  private final Map<Integer, Integer> toolIndexes = new HashMap<>();
  private final Map<Integer, StringBuilder> signatures = new HashMap<>();
  private final List<Integer> reasoningBlocks = new ArrayList<>();
  private final List<Integer> signaturesSent = new ArrayList<>();
  private final List<String> redacted = new ArrayList<>();
  private InvokeChunkDecoder chunks;
  private int toolCount;
  private boolean stopped;

  /**
   * A decoder for one stream.
   *
   * @param providerId the provider id errors name
   * @param model the requested model errors name, or null
   */
  public ConverseStreamDecoder(String providerId, String model) {
    this.providerId = providerId;
    this.model = model;
  }

  @Override
  public Progress decode(WireEvent wire, ChunkSink sink) {
    String messageType = wire.headers().get(":message-type");
    if ("exception".equals(messageType) || "error".equals(messageType)
        || (messageType == null && wire.headers().isEmpty() && wire.type().endsWith("Exception"))) {
      throw streamError(wire, messageType);
    }
    if (wire.type().equals("chunk")) {
      parse(wire);
      if (event.bytes == null) {
        throw malformed(wire, "a chunk event without bytes");
      }
      if (chunks == null) {
        chunks = new InvokeChunkDecoder(providerId, model);
      }
      return chunks.decode(wire, event.bytes, sink);
    }
    switch (wire.type()) {
      case "messageStart" -> {
        parse(wire);
        sink.emit(StreamChunk.ofRole(Role.ASSISTANT));
      }
      case "contentBlockStart" -> {
        parse(wire);
        blockStart(wire, sink);
      }
      case "contentBlockDelta" -> {
        parse(wire);
        blockDelta(wire, sink);
      }
      case "contentBlockStop" -> {
        parse(wire);
        sendSignature(event.blockIndex, sink);
      }
      case "messageStop" -> {
        parse(wire);
        for (Integer block : reasoningBlocks) {
          sendSignature(block, sink);
        }
        stopped = true;
        if (event.stopReason != null) {
          sink.emit(StreamChunk.finish(StopReasons.of(event.stopReason)));
        }
      }
      case "metadata" -> {
        parse(wire);
        Usage usage = usage();
        if (usage != null) {
          sink.emit(StreamChunk.ofUsage(usage));
        }
        return Progress.END;
      }
      default -> { } // event types this plugin does not know
    }
    return Progress.CONTINUE;
  }

  /**
   * True when {@code messageStop} was seen (a missing {@code metadata} is tolerated), or, for a {@code chunk} stream,
   * when the wrapped model stated a finish reason; false otherwise (the runtime reports TRUNCATED).
   */
  @Override
  public boolean endOfInput(ChunkSink sink) {
    return stopped || (chunks != null && chunks.finished());
  }

  /** The reasoning signatures received, one per reasoning block that had one, in block order. */
  public List<String> signatures() {
    List<String> out = new ArrayList<>();
    for (Integer block : reasoningBlocks) {
      StringBuilder sb = signatures.get(block);
      if (sb != null) {
        out.add(sb.toString());
      }
    }
    return out;
  }

  /** The redacted (encrypted) reasoning blobs received, base64 as sent, in order. */
  public List<String> redactedContent() {
    return List.copyOf(redacted);
  }

  private void parse(WireEvent wire) {
    try (JsonParser p = BedrockJson.FACTORY.createParser(ObjectReadContext.empty(), wire.array(), wire.offset(),
        wire.length())) {
      if (!event.read(p)) {
        throw malformed(wire, "the '" + wire.type() + "' payload is not one JSON object");
      }
    } catch (JacksonException e) {
      throw malformed(wire, "the '" + wire.type() + "' payload is not valid JSON: " + e.getOriginalMessage());
    } catch (JsonFields.BadShape e) {
      throw malformed(wire, e.getMessage());
    }
  }

  private void blockStart(WireEvent wire, ChunkSink sink) {
    if (!event.toolUseStart) {
      return; // other block kinds start implicitly with their first delta
    }
    int index = event.blockIndex;
    if (index < 0) {
      throw malformed(wire, "contentBlockStart without a contentBlockIndex");
    }
    if (event.toolUseId == null || event.toolUseId.isEmpty() || event.toolName == null || event.toolName.isEmpty()) {
      throw malformed(wire, "a toolUse block start without a toolUseId or a name");
    }
    if (toolIndexes.containsKey(index)) {
      throw malformed(wire, "a second contentBlockStart for content block " + index);
    }
    int toolIndex = toolCount++;
    toolIndexes.put(index, toolIndex);
    sink.emit(StreamChunk.toolCall(ToolCallDelta.start(toolIndex, event.toolUseId, event.toolName)));
  }

  private void blockDelta(WireEvent wire, ChunkSink sink) {
    int index = event.blockIndex;
    if (event.deltaToolUse) {
      Integer toolIndex = index < 0 ? null : toolIndexes.get(index);
      if (toolIndex == null) {
        throw malformed(wire, "a toolUse delta for content block " + index + ", which never started as a tool call");
      }
      if (event.deltaToolInput != null && !event.deltaToolInput.isEmpty()) {
        sink.emit(StreamChunk.toolCall(ToolCallDelta.arguments(toolIndex, event.deltaToolInput)));
      }
    }
    if (event.deltaText != null && !event.deltaText.isEmpty()) {
      sink.emit(StreamChunk.text(event.deltaText));
    }
    if (event.reasoningText != null || event.reasoningSignature != null || event.reasoningRedacted != null) {
      if (!reasoningBlocks.contains(index)) {
        reasoningBlocks.add(index);
      }
    }
    if (event.reasoningText != null && !event.reasoningText.isEmpty()) {
      sink.emit(StreamChunk.reasoningDelta(event.reasoningText));
    }
    if (event.reasoningSignature != null) {
      signatures.computeIfAbsent(index, i -> new StringBuilder()).append(event.reasoningSignature);
    }
    if (event.reasoningRedacted != null) {
      redacted.add(event.reasoningRedacted);
      if (!event.reasoningRedacted.isEmpty()) {
        sink.emit(StreamChunk.ofRedactedReasoning(event.reasoningRedacted));
      }
    }
  }

  /** Emits the whole signature of reasoning block {@code index} once, if it has one. */
  private void sendSignature(int index, ChunkSink sink) {
    StringBuilder signature = signatures.get(index);
    if (signature != null && signature.length() > 0 && !signaturesSent.contains(index)) {
      signaturesSent.add(index);
      sink.emit(StreamChunk.ofReasoningSignature(signature.toString()));
    }
  }

  private Usage usage() {
    if (!event.hasUsage) {
      return null;
    }
    Long read = event.cacheReadTokens;
    Long write = event.cacheWriteTokens;
    if (event.inputTokens == null && event.outputTokens == null && event.totalTokens == null && read == null
        && write == null) {
      return null;
    }
    Long input = event.inputTokens == null ? null
        : event.inputTokens + (read == null ? 0 : read) + (write == null ? 0 : write);
    return new Usage(input, event.outputTokens, event.totalTokens, null, read, write);
  }

  private RillException streamError(WireEvent wire, String messageType) {
    String type;
    String message;
    if ("error".equals(messageType)) {
      type = wire.headers().getOrDefault(":error-code", wire.type());
      message = wire.headers().get(":error-message");
    } else {
      type = wire.type();
      message = null;
      try (JsonParser p = BedrockJson.FACTORY.createParser(ObjectReadContext.empty(), wire.array(), wire.offset(),
          wire.length())) {
        if (event.read(p)) {
          message = event.message != null ? event.message : event.originalMessage;
        }
      } catch (JacksonException | JsonFields.BadShape e) {
        // the type alone classifies the error; the raw payload is attached below
      }
    }
    ErrorKind kind = ExceptionTypes.kindOf(type, message);
    return RillException.builder(kind != null ? kind : ErrorKind.SERVER)
        .provider(providerId)
        .model(model)
        .providerCode(type)
        .providerMessage(message)
        .message("exception in the stream: " + type + (message != null ? ": " + message : ""))
        .rawEvent(wire.text())
        .build();
  }

  private RillException malformed(WireEvent wire, String message) {
    return RillException.builder(ErrorKind.MALFORMED_RESPONSE)
        .provider(providerId)
        .model(model)
        .message(message)
        .rawEvent(wire.text())
        .build();
  }
}
