// Why one file of about 860 lines: the hottest decoder, written as one pull-parsing pass over a stream-long
// non-blocking Jackson parser with reused per-choice state (docs/benchmarks.md, round 3: 11.8x less allocation than a
// parser per event); the dialects of the OpenAI-compatible servers (Mistral's content parts, DeepSeek/xAI/Groq
// reasoning fields, Groq's usage) are branches of that one pass, which a split into classes would turn into calls
// and copies per event.

package dev.rill.provider.openai.internal;

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
import dev.rill.provider.support.OpenAiStyleErrors;
import java.io.OutputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.async.ByteArrayFeeder;
import tools.jackson.core.json.JsonFactory;

/**
 * Decodes one chat-completions stream: each SSE {@code data:} payload is a {@code chat.completion.chunk} object, and
 * the payload {@code [DONE]}, matched exactly, ends the stream.
 *
 * <p>Per chunk: {@code id} and {@code model} go to {@link ChunkSink#responseInfo} when first seen or changed; each
 * entry of {@code choices} becomes at most one {@link StreamChunk} for its {@code index}, carrying
 * {@code delta.content} (a string, or Mistral's array of {@code text} and {@code thinking} parts),
 * {@code delta.refusal}, reasoning ({@code delta.reasoning_content} from DeepSeek and xAI, else {@code delta.reasoning}
 * from Groq, OpenRouter and Ollama; a server that sends both gets the first non-empty one), tool-call fragments and the
 * finish reason; {@code usage} (or Groq's {@code x_groq.usage} when there is no top-level one) rides on the last chunk
 * of the event, or on a usage-only chunk. Output tokens include reasoning tokens: when a server counts them apart
 * (xAI: {@code total = prompt + completion + reasoning}), they are added to the completion count. Nothing empty is
 * emitted: a role-only delta waits and rides on the choice's first real chunk, as {@link Role#ASSISTANT} (the author
 * of every delta of a response, whatever name the server gives it); a finish reason repeated unchanged (OpenRouter) is
 * dropped.
 *
 * <p>Tool calls are keyed by the position Rill assigns per choice ({@link ToolCallDelta#index()}), not the wire index
 * alone: a fragment that repeats its call's id (DeepSeek, Qwen) continues that call, with the repeat removed; a call
 * without an index (Mistral sends whole calls) is placed by its id, or continues the last call; a new id on a wire
 * index already in use starts a new call. A plain {@code stop} on a choice that made tool calls is reported as
 * TOOL_CALLS with raw {@code stop}.
 *
 * <p>A top-level {@code error} object (OpenAI and OpenRouter send one in a chunk under HTTP 200; Groq sends
 * {@code event: error}) ends the stream: whatever else the chunk carries (usage) is emitted first, then a
 * {@link RillException} is thrown whose kind follows {@link OpenAiErrors#streamKind}. A payload that is not a JSON
 * object, or whose known fields have the wrong JSON types, throws {@link ErrorKind#MALFORMED_RESPONSE} with the raw
 * event and changes no state, so the decoder stays usable if the runtime skips the event. Unknown fields
 * ({@code obfuscation}, {@code logprobs}, {@code prompt_filter_results}, {@code system_fingerprint}...) and event types
 * other than {@code message} and {@code error} are ignored.
 *
 * <p>{@link #endOfInput} returns false: every server of this family ends a complete stream with {@code [DONE]}, so a
 * body that ends without it was cut (a dropped connection, a proxy timeout), even after a finish reason.
 *
 * <p>The decoder keeps one non-blocking parser for the whole stream; {@code [DONE]}, a malformed event and
 * {@link #close()} close it, returning its buffers to the factory's recycler pool. After {@link #close()} a decode
 * would open a new one (the runtime never calls it).
 */
public final class ChatChunkDecoder implements StreamDecoder {

  private static final String DONE = "[DONE]";

  private final String provider;
  private final String model;
  private final JsonFactory json;
  private ChoiceState firstChoice;
  private final Map<Integer, ChoiceState> choices = new HashMap<>();
  private String reportedId;
  private String reportedModel;
  /** One non-blocking parser per stream, fed each event's bytes; null until the first event and after a bad one. */
  private JsonParser parser;
  private ByteArrayFeeder feeder;
  /** Parse results, reused for every event (parsing writes only here, never to the state above). */
  private final ParsedChunk scratch = new ParsedChunk();
  private final TrailingBytes trailing = new TrailingBytes();

  /**
   * @param provider the provider id, for errors
   * @param model the requested model, for errors; may be null
   */
  public ChatChunkDecoder(String provider, String model) {
    this(provider, model, ChatCompletions.JSON);
  }

  /** A decoder whose parser comes from {@code json} (tests give a factory with a pool they can watch). */
  ChatChunkDecoder(String provider, String model, JsonFactory json) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.model = model;
    this.json = Objects.requireNonNull(json, "json");
  }

  @Override
  public Progress decode(WireEvent event, ChunkSink sink) {
    if (event.dataEquals(DONE)) {
      discardParser();
      return Progress.END;
    }
    boolean errorEvent = "error".equals(event.type());
    if (!errorEvent && !WireEvent.MESSAGE.equals(event.type())) {
      return Progress.CONTINUE;
    }
    if (event.isBlank()) {
      if (errorEvent) {
        throw RillException.builder(ErrorKind.SERVER).provider(provider).model(model)
            .message("the stream sent an error event without data").build();
      }
      return Progress.CONTINUE;
    }
    ParsedChunk chunk;
    try {
      chunk = parse(event);
    } catch (JacksonException | SchemaException | IllegalArgumentException e) {
      discardParser();
      if (errorEvent) {
        String text = event.text();
        throw RillException.builder(ErrorKind.SERVER).provider(provider).model(model)
            .message("the stream sent an error event").providerMessage(text).rawEvent(text).build();
      }
      String detail = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
      throw RillException.builder(ErrorKind.MALFORMED_RESPONSE).provider(provider).model(model)
          .message("cannot read a chat.completion.chunk: " + detail).rawEvent(event.text()).cause(e).build();
    }
    if (errorEvent && chunk.error == null) {
      chunk.error = new OpenAiStyleErrors.ErrorBody(event.text(), null, null, 0);
    }
    apply(chunk, sink);
    if (chunk.error != null) {
      OpenAiStyleErrors.ErrorBody error = chunk.error;
      String message = error.message() == null ? "the provider reported an error inside the stream"
          : "the provider reported an error inside the stream: " + error.message();
      throw RillException.builder(OpenAiErrors.streamKind(error)).provider(provider).model(model)
          .providerCode(error.codeOrType()).providerMessage(error.message()).message(message).build();
    }
    return Progress.CONTINUE;
  }

  @Override
  public boolean endOfInput(ChunkSink sink) {
    return false;
  }

  /** Closes the stream's parser, if one is open (the stream ended without {@code [DONE]}: an error, a cancel...). */
  @Override
  public void close() {
    discardParser();
  }


  // ---------------------------------------------------------------------------------------------------------------
  // Applying a parsed chunk: the only place decoder state changes.

  private void apply(ParsedChunk chunk, ChunkSink sink) {
    String id = nonEmpty(chunk.id);
    String answeringModel = nonEmpty(chunk.model);
    if ((id != null && !id.equals(reportedId)) || (answeringModel != null && !answeringModel.equals(reportedModel))) {
      reportedId = id != null ? id : reportedId;
      reportedModel = answeringModel != null ? answeringModel : reportedModel;
      sink.responseInfo(reportedId, reportedModel);
    }
    // Each chunk is emitted once the next is known, so usage can ride on the event's last one without a list.
    StreamChunk pending = null;
    for (int n = 0; n < chunk.choiceCount; n++) {
      ParsedChoice pc = chunk.choices.get(n);
      ChoiceState state = choiceState(pc.index);
      if (pc.role != null && !state.roleSent) {
        state.roleStated = true;
      }
      List<ToolCallDelta> deltas = state.toolDeltas(pc.toolCalls);
      FinishReason finish = null;
      if (pc.finishReason != null) {
        finish = finishReason(pc.finishReason, !state.slots.isEmpty());
        if (finish.equals(state.finish)) {
          finish = null;
        } else {
          state.finish = finish;
        }
      }
      if (pc.content.isEmpty() && pc.reasoning.isEmpty() && pc.refusal.isEmpty() && deltas.isEmpty()
          && finish == null) {
        continue;
      }
      Role role = null;
      if (!state.roleSent && state.roleStated) {
        role = Role.ASSISTANT;
        state.roleSent = true;
      }
      if (pending != null) {
        sink.emit(pending);
      }
      pending = chunkOf(pc, role, deltas, finish);
    }
    Usage usage = chunk.usage != null ? chunk.usage : chunk.groqUsage;
    if (usage != null) {
      pending = pending == null ? StreamChunk.ofUsage(usage) : pending.toBuilder().usage(usage).build();
    }
    if (pending != null) {
      sink.emit(pending);
    }
  }

  /**
   * The chunk of one choice's delta. A text or reasoning delta alone on choice 0 (nearly every event) comes from its
   * factory, one object, whether or not the JIT removes a builder; anything else from the builder.
   */
  private static StreamChunk chunkOf(ParsedChoice pc, Role role, List<ToolCallDelta> deltas, FinishReason finish) {
    if (pc.index == 0 && role == null && finish == null && deltas.isEmpty() && pc.refusal.isEmpty()) {
      if (pc.reasoning.isEmpty()) {
        return StreamChunk.text(pc.content);
      }
      if (pc.content.isEmpty()) {
        return StreamChunk.reasoningDelta(pc.reasoning);
      }
    }
    return StreamChunk.builder().choice(pc.index).role(role).content(pc.content).reasoning(pc.reasoning)
        .refusal(pc.refusal).toolCalls(deltas).finishReason(finish).build();
  }

  /** The state of choice {@code index}; choice 0 (nearly every stream's only one) without a map look-up. */
  private ChoiceState choiceState(int index) {
    if (index == 0) {
      ChoiceState s = firstChoice;
      if (s == null) {
        s = new ChoiceState();
        firstChoice = s;
      }
      return s;
    }
    return choices.computeIfAbsent(index, i -> new ChoiceState());
  }

  /** Maps a raw finish reason; unknown values are OTHER, never STOP. */
  static FinishReason finishReason(String raw, boolean madeToolCalls) {
    FinishReason.Kind kind = switch (raw) {
      case "stop" -> madeToolCalls ? FinishReason.Kind.TOOL_CALLS : FinishReason.Kind.STOP;
      case "length" -> FinishReason.Kind.LENGTH;
      case "tool_calls", "function_call" -> FinishReason.Kind.TOOL_CALLS;
      case "content_filter" -> FinishReason.Kind.CONTENT_FILTER;
      default -> FinishReason.Kind.OTHER;
    };
    return FinishReason.of(kind, raw);
  }

  private static String nonEmpty(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** What one choice has streamed so far. */
  private static final class ChoiceState {
    boolean roleStated;
    boolean roleSent;
    FinishReason finish;
    final List<ToolSlot> slots = new ArrayList<>();
    final Map<Integer, Integer> slotByWireIndex = new HashMap<>();
    final Map<String, Integer> slotById = new HashMap<>();
    int lastSlot = -1;

    List<ToolCallDelta> toolDeltas(List<ParsedToolCall> calls) {
      if (calls.isEmpty()) {
        return List.of();
      }
      // StreamChunk copies a mutable list; one delta (the common case) goes in an immutable one, never copied.
      ToolCallDelta single = null;
      List<ToolCallDelta> deltas = null;
      for (int pos = 0; pos < calls.size(); pos++) {
        ParsedToolCall call = calls.get(pos);
        String id = nonEmpty(call.id);
        int slot;
        if (call.index != null) {
          Integer known = slotByWireIndex.get(call.index);
          if (known == null || (id != null && slots.get(known).id != null && !id.equals(slots.get(known).id))) {
            slot = id != null && slotById.containsKey(id) ? slotById.get(id) : newSlot();
            slotByWireIndex.put(call.index, slot);
          } else {
            slot = known;
          }
        } else if (id != null) {
          Integer known = slotById.get(id);
          slot = known != null ? known : newSlot();
        } else {
          slot = pos == 0 && lastSlot >= 0 ? lastSlot : newSlot();
        }
        ToolSlot s = slots.get(slot);
        String newId = null;
        if (id != null && s.id == null) {
          s.id = id;
          slotById.put(id, slot);
          newId = id;
        }
        String name = nonEmpty(call.name);
        String newName = null;
        if (name != null && !s.nameSent) {
          s.nameSent = true;
          newName = name;
        }
        lastSlot = slot;
        String arguments = call.arguments == null ? "" : call.arguments;
        if (newId != null || newName != null || !arguments.isEmpty()) {
          ToolCallDelta delta = ToolCallDelta.of(slot, newId, newName, arguments);
          if (single == null && deltas == null) {
            single = delta;
          } else {
            if (deltas == null) {
              deltas = new ArrayList<>(calls.size());
              deltas.add(single);
            }
            deltas.add(delta);
          }
        }
      }
      return deltas != null ? deltas : single != null ? List.of(single) : List.of();
    }

    private int newSlot() {
      slots.add(new ToolSlot());
      return slots.size() - 1;
    }
  }

  private static final class ToolSlot {
    String id;
    boolean nameSent;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Parsing: reads one payload into plain values and touches no decoder state.

  /** A known field with the wrong JSON type. */
  private static final class SchemaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SchemaException(String message) {
      super(message, null, false, false);
    }
  }

  /** What one payload holds; one instance per decoder, reset for every event. */
  private static final class ParsedChunk {
    String id;
    String model;
    /** Choice objects, reused across events; the first {@link #choiceCount} are this event's. */
    final List<ParsedChoice> choices = new ArrayList<>(1);
    int choiceCount;
    Usage usage;
    Usage groqUsage;
    OpenAiStyleErrors.ErrorBody error;

    ParsedChunk reset() {
      id = null;
      model = null;
      choiceCount = 0;
      usage = null;
      groqUsage = null;
      error = null;
      return this;
    }

    ParsedChoice addChoice() {
      if (choiceCount == choices.size()) {
        choices.add(new ParsedChoice());
      }
      ParsedChoice c = choices.get(choiceCount++);
      c.reset();
      return c;
    }
  }

  private static final class ParsedChoice {
    int index;
    String role;
    String content;
    String reasoningContent;
    String reasoningField;
    String reasoning;
    String refusal;
    List<ParsedToolCall> toolCalls;
    String finishReason;

    void reset() {
      index = 0;
      role = null;
      content = "";
      reasoningContent = "";
      reasoningField = "";
      reasoning = "";
      refusal = "";
      toolCalls = List.of();
      finishReason = null;
    }
  }

  private record ParsedToolCall(Integer index, String id, String name, String arguments) {}

  /**
   * Parses one payload with the stream's non-blocking parser, fed the event's bytes: one parser per stream
   * instead of one per event saves its set-up (~670 bytes and ~100 ns per event). The payload must be exactly
   * one JSON object: input that ends inside it, or anything but whitespace after it, is malformed, and the
   * caller then drops the parser ({@link #discardParser}), so a bad event never spills into the next one.
   */
  private ParsedChunk parse(WireEvent event) {
    JsonParser p = parser;
    if (p == null) {
      p = json.createNonBlockingByteArrayParser(ObjectReadContext.empty());
      parser = p;
      feeder = (ByteArrayFeeder) p.nonBlockingInputFeeder();
    }
    feeder.feedInput(event.array(), event.offset(), event.offset() + event.length());
    ParsedChunk chunk = scratch.reset();
    if (next(p) != JsonToken.START_OBJECT) {
      throw new SchemaException("the payload is not a JSON object");
    }
    while (next(p) == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken t = next(p);
      switch (name) {
        case "id" -> chunk.id = stringOrSame(p, t, "id", reportedId);
        case "model" -> chunk.model = stringOrSame(p, t, "model", reportedModel);
        case "choices" -> readChoices(p, t, chunk);
        case "usage" -> chunk.usage = readUsage(p, t);
        case "x_groq" -> chunk.groqUsage = readGroq(p, t);
        case "error" -> chunk.error = readError(p, t);
        default -> p.skipChildren();
      }
    }
    if (p.releaseBuffered(trailing) > 0 && !trailing.blank) {
      throw new SchemaException("text after the JSON object");
    }
    if (p.nextToken() != JsonToken.NOT_AVAILABLE) { // consumes the trailing whitespace
      throw new SchemaException("text after the JSON object");
    }
    return chunk;
  }

  /** The next token of the current payload; running out of input inside the object is malformed. */
  private static JsonToken next(JsonParser p) {
    JsonToken t = p.nextToken();
    if (t == JsonToken.NOT_AVAILABLE || t == null) {
      throw new SchemaException("the payload ends inside the JSON object");
    }
    return t;
  }

  /** Drops the stream's parser (after a bad event, or at the end), returning its buffers to the factory's pool. */
  private void discardParser() {
    JsonParser p = parser;
    parser = null;
    feeder = null;
    if (p != null) {
      try {
        p.close();
      } catch (JacksonException ignored) {
        // nothing held but pooled buffers
      }
    }
  }

  /** Receives the bytes left after the payload's object ({@code releaseBuffered}) and notes whether all are blank. */
  private static final class TrailingBytes extends OutputStream {
    boolean blank;

    @Override
    public void write(int b) {
      blank = b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    @Override
    public void write(byte[] b, int off, int len) {
      boolean ws = true;
      for (int i = off, end = off + len; i < end && ws; i++) {
        byte c = b[i];
        ws = c == ' ' || c == '\t' || c == '\r' || c == '\n';
      }
      blank = ws;
    }
  }

  /**
   * A string field whose value is usually the same as before (the response id, the model): when its characters
   * equal {@code previous}, that instance is returned and no String is made.
   */
  private static String stringOrSame(JsonParser p, JsonToken t, String field, String previous) {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_STRING) {
      throw new SchemaException("'" + field + "' is not a string but " + t);
    }
    int length = p.getStringLength();
    if (length == 0) {
      return "";
    }
    if (previous != null && previous.length() == length) {
      char[] chars = p.getStringCharacters();
      int offset = p.getStringOffset();
      int i = 0;
      while (i < length && chars[offset + i] == previous.charAt(i)) {
        i++;
      }
      if (i == length) {
        return previous;
      }
    }
    return p.getString();
  }

  private static String string(JsonParser p, JsonToken t, String field) {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_STRING) {
      throw new SchemaException("'" + field + "' is not a string but " + t);
    }
    return p.getString();
  }

  private static void readChoices(JsonParser p, JsonToken t, ParsedChunk into) {
    if (t == JsonToken.VALUE_NULL) {
      return;
    }
    if (t != JsonToken.START_ARRAY) {
      throw new SchemaException("'choices' is not an array but " + t);
    }
    JsonToken e;
    while ((e = next(p)) != JsonToken.END_ARRAY) {
      if (e != JsonToken.START_OBJECT) {
        throw new SchemaException("a choice is not an object but " + e);
      }
      readChoice(p, into.addChoice());
    }
  }

  private static void readChoice(JsonParser p, ParsedChoice c) {
    while (next(p) == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken t = next(p);
      switch (name) {
        case "index" -> c.index = index(p, t, "choices[].index");
        case "delta" -> {
          if (t == JsonToken.START_OBJECT) {
            readDelta(p, c);
          } else if (t != JsonToken.VALUE_NULL) {
            throw new SchemaException("'delta' is not an object but " + t);
          }
        }
        case "finish_reason" -> c.finishReason = nonEmpty(string(p, t, "finish_reason"));
        default -> p.skipChildren();
      }
    }
    c.reasoning = !c.reasoningContent.isEmpty() ? c.reasoningContent : c.reasoningField;
  }

  private static int index(JsonParser p, JsonToken t, String field) {
    if (t != JsonToken.VALUE_NUMBER_INT) {
      throw new SchemaException("'" + field + "' is not an integer but " + t);
    }
    long v = p.getLongValue();
    if (v < 0 || v > 100_000) {
      throw new SchemaException("'" + field + "' is out of range: " + v);
    }
    return (int) v;
  }

  private static void readDelta(JsonParser p, ParsedChoice c) {
    while (next(p) == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken t = next(p);
      switch (name) {
        case "role" -> c.role = nonEmpty(string(p, t, "delta.role"));
        case "content" -> readContent(p, t, c);
        case "refusal" -> c.refusal = orEmpty(string(p, t, "delta.refusal"));
        case "reasoning_content" -> c.reasoningContent = orEmpty(string(p, t, "delta.reasoning_content"));
        case "reasoning" -> c.reasoningField = orEmpty(string(p, t, "delta.reasoning"));
        case "tool_calls" -> c.toolCalls = readToolCalls(p, t);
        case "function_call" -> {
          if (t == JsonToken.START_OBJECT) {
            ParsedToolCall legacy = readFunction(p, 0, null);
            c.toolCalls = List.of(legacy);
          } else if (t != JsonToken.VALUE_NULL) {
            throw new SchemaException("'delta.function_call' is not an object but " + t);
          }
        }
        default -> p.skipChildren();
      }
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** {@code delta.content}: a string, null, or an array of typed parts (Mistral). */
  private static void readContent(JsonParser p, JsonToken t, ParsedChoice c) {
    if (t == JsonToken.VALUE_NULL) {
      return;
    }
    if (t == JsonToken.VALUE_STRING) {
      c.content = c.content.isEmpty() ? p.getString() : c.content + p.getString();
      return;
    }
    if (t != JsonToken.START_ARRAY) {
      throw new SchemaException("'delta.content' is not a string or an array but " + t);
    }
    StringBuilder text = new StringBuilder(c.content);
    StringBuilder thinking = new StringBuilder(c.reasoningContent);
    JsonToken e;
    while ((e = next(p)) != JsonToken.END_ARRAY) {
      if (e == JsonToken.VALUE_STRING) {
        text.append(p.getString());
      } else if (e == JsonToken.START_OBJECT) {
        readContentPart(p, text, thinking);
      } else {
        p.skipChildren();
      }
    }
    c.content = text.toString();
    c.reasoningContent = thinking.toString();
  }

  /** One part: {@code {"type":"text","text":...}} or {@code {"type":"thinking","thinking":[{"type":"text",...}]}}. */
  private static void readContentPart(JsonParser p, StringBuilder text, StringBuilder thinking) {
    String type = null;
    String partText = null;
    StringBuilder partThinking = null;
    while (next(p) == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken t = next(p);
      switch (name) {
        case "type" -> type = string(p, t, "content[].type");
        case "text" -> partText = string(p, t, "content[].text");
        case "thinking" -> {
          partThinking = new StringBuilder();
          if (t == JsonToken.VALUE_STRING) {
            partThinking.append(p.getString());
          } else if (t == JsonToken.START_ARRAY) {
            JsonToken e;
            while ((e = next(p)) != JsonToken.END_ARRAY) {
              if (e == JsonToken.START_OBJECT) {
                readContentPart(p, partThinking, partThinking);
              } else if (e == JsonToken.VALUE_STRING) {
                partThinking.append(p.getString());
              } else {
                p.skipChildren();
              }
            }
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    if ("thinking".equals(type)) {
      if (partThinking != null) {
        thinking.append(partThinking);
      }
    } else if ((type == null || "text".equals(type)) && partText != null) {
      text.append(partText);
    }
  }

  private static List<ParsedToolCall> readToolCalls(JsonParser p, JsonToken t) {
    if (t == JsonToken.VALUE_NULL) {
      return List.of();
    }
    if (t != JsonToken.START_ARRAY) {
      throw new SchemaException("'delta.tool_calls' is not an array but " + t);
    }
    List<ParsedToolCall> calls = new ArrayList<>(1);
    JsonToken e;
    while ((e = next(p)) != JsonToken.END_ARRAY) {
      if (e != JsonToken.START_OBJECT) {
        throw new SchemaException("a tool call is not an object but " + e);
      }
      Integer index = null;
      String id = null;
      ParsedToolCall function = null;
      while (next(p) == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken v = next(p);
        switch (name) {
          case "index" -> index = index(p, v, "tool_calls[].index");
          case "id" -> id = string(p, v, "tool_calls[].id");
          case "function" -> {
            if (v == JsonToken.START_OBJECT) {
              function = readFunction(p, null, null);
            } else if (v != JsonToken.VALUE_NULL) {
              throw new SchemaException("'tool_calls[].function' is not an object but " + v);
            }
          }
          default -> p.skipChildren();
        }
      }
      calls.add(new ParsedToolCall(index, id, function == null ? null : function.name(),
          function == null ? null : function.arguments()));
    }
    return calls;
  }

  /** {@code {"name":..., "arguments":...}}; arguments sent as a JSON object rather than a string are kept as JSON. */
  private static ParsedToolCall readFunction(JsonParser p, Integer index, String id) {
    String name = null;
    String arguments = null;
    while (next(p) == JsonToken.PROPERTY_NAME) {
      String field = p.currentName();
      JsonToken t = next(p);
      switch (field) {
        case "name" -> name = string(p, t, "function.name");
        case "arguments" -> {
          if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            arguments = copyValue(p);
          } else {
            arguments = string(p, t, "function.arguments");
          }
        }
        default -> p.skipChildren();
      }
    }
    return new ParsedToolCall(index, id, name, arguments);
  }

  /**
   * The JSON text of the object or array the parser is on, copied event by event through {@link #next}: with the
   * stream's non-blocking parser, {@code JsonGenerator.copyCurrentStructure} met {@code NOT_AVAILABLE} in a value the
   * event ends inside and threw an {@code IllegalStateException} (found by fuzzing); this is a schema error instead.
   */
  private static String copyValue(JsonParser p) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = ChatCompletions.JSON.createGenerator(ObjectWriteContext.empty(), w)) {
      int depth = 0;
      JsonToken t = p.currentToken();
      while (true) {
        g.copyCurrentEvent(p);
        if (t.isStructStart()) {
          depth++;
        } else if (t.isStructEnd()) {
          depth--;
        }
        if (depth == 0) {
          break;
        }
        t = next(p);
      }
    }
    return w.toString();
  }

  private static Usage readUsage(JsonParser p, JsonToken t) {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.START_OBJECT) {
      throw new SchemaException("'usage' is not an object but " + t);
    }
    Long prompt = null;
    Long completion = null;
    Long total = null;
    Long reasoning = null;
    Long cached = null;
    Long cacheHit = null;
    while (next(p) == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken v = next(p);
      switch (name) {
        case "prompt_tokens" -> prompt = count(p, v);
        case "completion_tokens" -> completion = count(p, v);
        case "total_tokens" -> total = count(p, v);
        case "prompt_cache_hit_tokens" -> cacheHit = count(p, v);
        case "prompt_tokens_details" -> cached = nestedCount(p, v, "cached_tokens");
        case "completion_tokens_details" -> reasoning = nestedCount(p, v, "reasoning_tokens");
        default -> p.skipChildren();
      }
    }
    if (cached == null) {
      cached = cacheHit;
    }
    if (prompt != null && completion != null && total != null && reasoning != null && reasoning > 0
        && prompt + completion != total && prompt + completion + reasoning == total) {
      // xAI counts reasoning outside completion_tokens (its total adds all three); Rill's output includes reasoning
      completion = completion + reasoning;
    }
    if (prompt == null && completion == null && total == null && reasoning == null && cached == null) {
      return null;
    }
    return new Usage(prompt, completion, total, reasoning, cached, null);
  }

  private static Long count(JsonParser p, JsonToken t) {
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      long v = p.getValueAsLong();
      return v < 0 ? null : v;
    }
    p.skipChildren();
    return null;
  }

  private static Long nestedCount(JsonParser p, JsonToken t, String field) {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    Long found = null;
    while (next(p) == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken v = next(p);
      if (name.equals(field)) {
        found = count(p, v);
      } else {
        p.skipChildren();
      }
    }
    return found;
  }

  private static Usage readGroq(JsonParser p, JsonToken t) {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    Usage usage = null;
    while (next(p) == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken v = next(p);
      if (name.equals("usage")) {
        usage = readUsage(p, v);
      } else {
        p.skipChildren();
      }
    }
    return usage;
  }

  private static OpenAiStyleErrors.ErrorBody readError(JsonParser p, JsonToken t) {
    if (t == JsonToken.START_OBJECT) {
      return OpenAiStyleErrors.readErrorObject(p);
    }
    if (t == JsonToken.VALUE_STRING) {
      return new OpenAiStyleErrors.ErrorBody(p.getString(), null, null, 0);
    }
    p.skipChildren();
    return null;
  }
}
