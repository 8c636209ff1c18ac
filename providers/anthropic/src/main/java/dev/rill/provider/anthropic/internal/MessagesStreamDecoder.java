package dev.rill.provider.anthropic.internal;

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
 * Decodes one Anthropic Messages SSE stream into {@link StreamChunk}s.
 *
 * <p>The event kind is the JSON {@code type} field; the SSE {@code event:} name is used only when the JSON has no
 * {@code type} (captures that kept the data lines alone, such as vercel's {@code .chunks.txt}, have no event lines,
 * and the JSON is what Anthropic's own SDKs trust). Each payload is read in one streaming pass, fields in any order;
 * surrounding whitespace is fine.
 *
 * <ul>
 *   <li>{@code message_start}: reports id and model, emits a chunk with role {@link Role#ASSISTANT} and the usage so
 *       far. A second {@code message_start} in one stream is {@link ErrorKind#MALFORMED_RESPONSE}: two responses are
 *       never interleaved.
 *   <li>{@code content_block_start}: a {@code tool_use} block opens a tool call and emits its id and name. Tool-call
 *       indexes count the {@code tool_use} blocks in order (0, 1, ...), whatever their content index, so text and
 *       thinking blocks leave no gaps; a map from content index to tool index routes the argument fragments, so
 *       interleaved blocks work. {@code server_tool_use} and other server-side blocks are not client tool calls and
 *       emit nothing. A {@code tool_use} without id or name, or a second start for one content index, is malformed.
 *   <li>{@code content_block_delta}: {@code text_delta} is content, {@code thinking_delta} reasoning,
 *       {@code input_json_delta} an argument fragment of the block's tool call (a delta for a content index that
 *       never started is malformed). {@code signature_delta} fragments are joined per block, never text: the whole
 *       signature is emitted as {@link StreamChunk#reasoningSignature()} when its {@code thinking} block stops
 *       (or, at the latest, with {@code message_delta}), and kept ({@link #signatures()}). Empty deltas emit nothing.
 *   <li>{@code content_block_start} of a {@code redacted_thinking} block emits its {@code data} as
 *       {@link StreamChunk#redactedReasoning()}.
 *   <li>{@code message_delta}: the finish reason ({@link StopReasons}) and the cumulative usage, merged with what
 *       {@code message_start} said, in one chunk.
 *   <li>{@code message_stop}: {@link Progress#END}.
 *   <li>{@code error}: thrown as a {@link RillException} whose kind follows {@link ErrorTypes} (unknown types are
 *       {@link ErrorKind#SERVER}) with the error type as provider code.
 *   <li>{@code content_block_stop} emits the signature of a {@code thinking} block; {@code ping} and unknown event
 *       types are ignored.
 * </ul>
 *
 * <p><b>Usage.</b> Anthropic's {@code input_tokens} excludes prompt-cache reads and writes; Rill's
 * {@link Usage#inputTokens()} includes them, so it is {@code input_tokens + cache_read_input_tokens +
 * cache_creation_input_tokens}, with {@code cachedInputTokens} the cache reads and {@code cacheWriteTokens} the cache
 * creation. Counts the stream never stated stay null.
 *
 * <p><b>End of input.</b> {@code message_stop} is the protocol's terminator, so {@link #endOfInput} always returns
 * false: a body that ends without it is reported as {@link ErrorKind#TRUNCATED}, even right after a
 * {@code message_delta} carrying a stop reason. The live API always sends {@code message_stop}; a stream cut before it
 * may have lost usage or later blocks, and the finish reason already emitted stays in the partial response. (Some
 * stored captures lack the blank line after their last event, so a spec-following SSE parser drops the final
 * {@code message_stop}; restore the line ending to replay them as sent.)
 *
 * <p>A payload that is not a JSON object, or breaks the rules above, raises {@link ErrorKind#MALFORMED_RESPONSE}
 * carrying the raw event; the decoder's state is unchanged by such an event, so it stays usable. Not thread-safe:
 * one stream, one decoder.
 */
public final class MessagesStreamDecoder implements StreamDecoder {

  /** What a started content block is. */
  private static final class Block {
    final int toolIndex;
    StringBuilder signature;
    boolean thinking;
    boolean signatureSent;

    Block(int toolIndex) {
      this.toolIndex = toolIndex;
    }
  }

  private final String providerId;
  private final String model;
  private final MessagesEvent event = new MessagesEvent();
  private final Map<Integer, Block> blocks = new HashMap<>();
  private final List<Block> thinkingBlocks = new ArrayList<>();
  private boolean started;
  private int toolCount;
  private Long inputTokens;
  private Long outputTokens;
  private Long cacheWriteTokens;
  private Long cacheReadTokens;

  /**
   * A decoder for one stream.
   *
   * @param providerId the provider id errors name
   * @param model the requested model errors name, or null
   */
  public MessagesStreamDecoder(String providerId, String model) {
    this.providerId = providerId;
    this.model = model;
  }

  @Override
  public Progress decode(WireEvent wire, ChunkSink sink) {
    try (JsonParser p = AnthropicJson.FACTORY.createParser(ObjectReadContext.empty(), wire.array(), wire.offset(),
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
      case "message_start" -> messageStart(wire, sink);
      case "content_block_start" -> blockStart(wire, sink);
      case "content_block_delta" -> blockDelta(wire, sink);
      case "content_block_stop" -> {
        Block block = event.index < 0 ? null : blocks.get(event.index);
        if (block != null) {
          sendSignature(block, sink);
        }
      }
      case "message_delta" -> {
        for (Block block : thinkingBlocks) {
          sendSignature(block, sink);
        }
        messageDelta(sink);
      }
      case "message_stop" -> {
        return Progress.END;
      }
      case "error" -> throw streamError();
      default -> { } // ping, and types this plugin does not know
    }
    return Progress.CONTINUE;
  }

  /**
   * Always false: a stream is complete only with {@code message_stop} (see the class comment), and the runtime calls
   * this only when the body ended without it.
   */
  @Override
  public boolean endOfInput(ChunkSink sink) {
    return false;
  }

  /** The thinking signatures received ({@code signature_delta}), one per thinking block, in block order. */
  public List<String> signatures() {
    List<String> out = new ArrayList<>(thinkingBlocks.size());
    for (Block b : thinkingBlocks) {
      if (b.signature != null) {
        out.add(b.signature.toString());
      }
    }
    return out;
  }

  private void messageStart(WireEvent wire, ChunkSink sink) {
    if (started) {
      throw malformed(wire, "a second message_start in one stream");
    }
    started = true;
    sink.responseInfo(event.messageId, event.messageModel);
    updateUsage();
    sink.emit(StreamChunk.builder().role(Role.ASSISTANT).usage(usage()).build());
  }

  private void blockStart(WireEvent wire, ChunkSink sink) {
    int index = event.index;
    if (index < 0) {
      throw malformed(wire, "content_block_start without an index");
    }
    if (event.blockType == null) {
      throw malformed(wire, "content_block_start without a content_block type");
    }
    if (blocks.containsKey(index)) {
      throw malformed(wire, "a second content_block_start for content index " + index);
    }
    switch (event.blockType) {
      case "tool_use" -> {
        if (event.blockId == null || event.blockId.isEmpty() || event.blockName == null || event.blockName.isEmpty()) {
          throw malformed(wire, "a tool_use block without an id or a name");
        }
        int toolIndex = toolCount++;
        blocks.put(index, new Block(toolIndex));
        sink.emit(StreamChunk.toolCall(ToolCallDelta.start(toolIndex, event.blockId, event.blockName)));
      }
      case "text" -> {
        blocks.put(index, new Block(-1));
        if (event.blockText != null && !event.blockText.isEmpty()) {
          sink.emit(StreamChunk.text(event.blockText));
        }
      }
      case "thinking" -> {
        Block block = new Block(-1);
        block.thinking = true;
        blocks.put(index, block);
        thinkingBlocks.add(block);
        if (event.blockThinking != null && !event.blockThinking.isEmpty()) {
          sink.emit(StreamChunk.reasoningDelta(event.blockThinking));
        }
        if (event.blockSignature != null && !event.blockSignature.isEmpty()) {
          block.signature = new StringBuilder(event.blockSignature);
        }
      }
      case "redacted_thinking" -> {
        blocks.put(index, new Block(-1));
        if (event.blockData != null && !event.blockData.isEmpty()) {
          sink.emit(StreamChunk.ofRedactedReasoning(event.blockData));
        }
      }
      default -> blocks.put(index, new Block(-1)); // server_tool_use, *_tool_result...
    }
  }

  private void blockDelta(WireEvent wire, ChunkSink sink) {
    String deltaType = event.deltaType;
    if (deltaType == null) {
      return;
    }
    switch (deltaType) {
      case "text_delta" -> {
        if (event.deltaText != null && !event.deltaText.isEmpty()) {
          sink.emit(StreamChunk.text(event.deltaText));
        }
      }
      case "thinking_delta" -> {
        if (event.deltaThinking != null && !event.deltaThinking.isEmpty()) {
          sink.emit(StreamChunk.reasoningDelta(event.deltaThinking));
        }
      }
      case "signature_delta" -> {
        Block block = blocks.get(event.index);
        if (block != null && event.deltaSignature != null) {
          if (block.signature == null) {
            block.signature = new StringBuilder();
          }
          block.signature.append(event.deltaSignature);
        }
      }
      case "input_json_delta" -> {
        Block block = event.index < 0 ? null : blocks.get(event.index);
        if (block == null) {
          throw malformed(wire, "input_json_delta for content index " + event.index + ", which never started");
        }
        if (block.toolIndex >= 0 && event.deltaPartialJson != null && !event.deltaPartialJson.isEmpty()) {
          sink.emit(StreamChunk.toolCall(ToolCallDelta.arguments(block.toolIndex, event.deltaPartialJson)));
        }
      }
      default -> { } // citations_delta and delta types this plugin does not know
    }
  }

  /** Emits the block's whole signature once, if it has one. */
  private static void sendSignature(Block block, ChunkSink sink) {
    if (block.thinking && block.signature != null && block.signature.length() > 0 && !block.signatureSent) {
      block.signatureSent = true;
      sink.emit(StreamChunk.ofReasoningSignature(block.signature.toString()));
    }
  }

  private void messageDelta(ChunkSink sink) {
    boolean usageChanged = updateUsage();
    if (event.stopReason == null && !usageChanged) {
      return;
    }
    StreamChunk.Builder chunk = StreamChunk.builder().usage(usage());
    if (event.stopReason != null) {
      chunk.finishReason(StopReasons.of(event.stopReason));
    }
    sink.emit(chunk.build());
  }

  /** Folds the event's usage counts into the stream's; returns whether the event had any. */
  private boolean updateUsage() {
    if (!event.hasUsage) {
      return false;
    }
    boolean any = false;
    if (event.inputTokens != null) {
      inputTokens = event.inputTokens;
      any = true;
    }
    if (event.outputTokens != null) {
      outputTokens = event.outputTokens;
      any = true;
    }
    if (event.cacheCreationInputTokens != null) {
      cacheWriteTokens = event.cacheCreationInputTokens;
      any = true;
    }
    if (event.cacheReadInputTokens != null) {
      cacheReadTokens = event.cacheReadInputTokens;
      any = true;
    }
    return any;
  }

  /** The usage so far, or null when the stream stated none. */
  private Usage usage() {
    if (inputTokens == null && outputTokens == null && cacheWriteTokens == null && cacheReadTokens == null) {
      return null;
    }
    Long input = inputTokens == null ? null
        : inputTokens + (cacheReadTokens == null ? 0 : cacheReadTokens)
            + (cacheWriteTokens == null ? 0 : cacheWriteTokens);
    return new Usage(input, outputTokens, null, null, cacheReadTokens, cacheWriteTokens);
  }

  private RillException streamError() {
    ErrorKind kind = ErrorTypes.kindOf(event.errorType, event.errorMessage);
    return RillException.builder(kind != null ? kind : ErrorKind.SERVER)
        .provider(providerId)
        .model(model)
        .providerCode(event.errorType)
        .providerMessage(event.errorMessage)
        .message("error event in the stream" + (event.errorMessage != null ? ": " + event.errorMessage : ""))
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
