package dev.rill.provider.gemini.internal;

import dev.rill.api.ChunkSink;
import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.api.ProviderError;
import dev.rill.api.RillException;
import dev.rill.api.Role;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.api.ToolCallDelta;
import dev.rill.api.Usage;
import dev.rill.api.WireEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * Decodes a Gemini {@code streamGenerateContent} response: each event's data is one
 * {@code GenerateContentResponse}, whether it came as an SSE {@code data:} payload ({@code alt=sse}) or as one
 * element of the streamed JSON array (no {@code alt}).
 *
 * <ul>
 *   <li>{@code candidates[i]} is choice {@code index}; a text part is content, or reasoning when
 *       {@code thought: true}; empty texts are dropped. Thought signatures are never text: the
 *       {@code thoughtSignature} of a {@code functionCall} part is that call's {@link ToolCallDelta#signature()};
 *       the one of a thought or text part (empty or not) is a {@link StreamChunk#reasoningSignature()}, which signs
 *       the thoughts before it (a part's reasoning, then its signature, then its text, in one chunk; a second
 *       signature or thoughts after a signature start a new chunk). All are also kept per choice
 *       ({@link #thoughtSignatures(int)}).
 *   <li>A {@code functionCall} with {@code args} is one whole tool call: a single {@link ToolCallDelta} with the id
 *       (Gemini's, else {@code call_<n>} numbered per stream from 1), the name and the arguments compacted. Vertex's
 *       streamed calls ({@code willContinue} and {@code partialArgs}) give a first delta with id and name, then
 *       argument text as it streams, closed by the call's last part, the next named call, the finish reason or the
 *       end of input.
 *   <li>{@code finishReason} maps by {@link GeminiFinishReasons}; STOP is TOOL_CALLS when the choice called a
 *       function. A blocked prompt ({@code promptFeedback.blockReason}, no candidates) ends choice 0 with
 *       CONTENT_FILTER and the block reason as raw value, so what was received (usage) stays available.
 *   <li>{@code usageMetadata} is cumulative: it is emitted whenever it changes, on the event's last chunk
 *       (see {@link GeminiPayload} for how the counts map); the fold keeps the latest.
 *   <li>{@code modelVersion} and {@code responseId} go to {@link ChunkSink#responseInfo}.
 *   <li>An {@code error} object is thrown as a {@link RillException} classified by {@link GeminiErrors}.
 * </ul>
 *
 * Gemini has no terminator: {@link #decode} never returns END, and {@link #endOfInput} reports a proper end
 * exactly when a finish reason was seen. A payload that is not one JSON object is MALFORMED_RESPONSE with the raw
 * text, and leaves the decoder as it was.
 */
public final class GeminiStreamDecoder implements StreamDecoder {

  private final String providerId;
  private final String model;
  private final TreeMap<Integer, ChoiceState> choices = new TreeMap<>();
  private int generatedIds;
  private boolean finished;
  private Usage lastUsage;
  private String lastResponseId;
  private String lastModel;

  /** A decoder for one stream from {@code providerId}, for the requested {@code model} (used in errors). */
  public GeminiStreamDecoder(String providerId, String model) {
    this.providerId = providerId;
    this.model = model;
  }

  private static final class ChoiceState {
    int nextToolIndex;
    boolean calledFunction;
    boolean roleSent;
    FinishReason finishReason;
    OpenCall open;
    final List<String> signatures = new ArrayList<>(0);
  }

  private record OpenCall(int index, PartialArgsWriter writer) {}

  @Override
  public Progress decode(WireEvent event, ChunkSink sink) {
    if (event.isBlank()) {
      return Progress.CONTINUE;
    }
    GeminiPayload payload = read(event);
    if (payload.error != null) {
      ProviderError error = GeminiErrors.toProviderError(payload.error, 0);
      RillException.Builder b = RillException.builder(error.kind()).provider(providerId).model(model).from(error);
      if (payload.error.code() > 0) {
        b.httpStatus(payload.error.code());
      }
      throw b.build();
    }
    reportResponseInfo(payload, sink);

    List<StreamChunk.Builder> chunks = new ArrayList<>(2);
    for (GeminiPayload.Candidate candidate : payload.candidates) {
      apply(candidate, sink, chunks);
    }
    if (payload.blockReason != null && GeminiFinishReasons.blocks(payload.blockReason)) {
      ChoiceState first = choices.computeIfAbsent(0, i -> new ChoiceState());
      if (first.finishReason == null) {
        first.finishReason = GeminiFinishReasons.blocked(payload.blockReason);
        finished = true;
        chunks.add(StreamChunk.builder().choice(0).finishReason(first.finishReason));
      }
    }
    if (payload.usage != null && !payload.usage.equals(lastUsage)) {
      lastUsage = payload.usage;
      if (chunks.isEmpty()) {
        chunks.add(StreamChunk.builder());
      }
      chunks.get(chunks.size() - 1).usage(payload.usage);
    }
    for (StreamChunk.Builder chunk : chunks) {
      sink.emit(chunk.build());
    }
    return Progress.CONTINUE;
  }

  @Override
  public boolean endOfInput(ChunkSink sink) {
    for (var e : choices.entrySet()) {
      ChoiceState state = e.getValue();
      if (state.open != null) {
        ToolCallDelta close = closeOpenCall(state);
        sink.emit(StreamChunk.builder().choice(e.getKey()).toolCalls(List.of(close)).build());
      }
    }
    return finished;
  }

  /** The thought signatures choice {@code choice} received, in order (kept, never shown as text). */
  public List<String> thoughtSignatures(int choice) {
    ChoiceState state = choices.get(choice);
    return state == null ? List.of() : List.copyOf(state.signatures);
  }

  /** Adds the candidate's chunks (usually one, none when it carries nothing) to {@code out}. */
  private void apply(GeminiPayload.Candidate candidate, ChunkSink sink, List<StreamChunk.Builder> out) {
    ChoiceState state = choices.computeIfAbsent(candidate.index, i -> new ChoiceState());
    StringBuilder content = null;
    StringBuilder reasoning = null;
    String signature = null;
    List<ToolCallDelta> deltas = null;
    for (GeminiPayload.PartView part : candidate.parts) {
      String partSignature = part.thoughtSignature != null && !part.thoughtSignature.isEmpty()
          ? part.thoughtSignature : null;
      if (partSignature != null) {
        state.signatures.add(partSignature);
      }
      if (part.functionCall != null) {
        if (deltas == null) {
          deltas = new ArrayList<>(2);
        }
        functionCall(state, part.functionCall, partSignature, deltas, sink);
        continue;
      }
      boolean hasText = part.text != null && !part.text.isEmpty();
      if (signature != null && (partSignature != null || (hasText && part.thought))) {
        // this chunk already closed a reasoning block: what follows goes to the next chunk
        out.add(chunk(state, candidate.index, content, reasoning, signature, deltas));
        content = null;
        reasoning = null;
        signature = null;
        deltas = null;
      }
      if (hasText && part.thought) {
        reasoning = (reasoning == null ? new StringBuilder() : reasoning).append(part.text);
      }
      if (partSignature != null) {
        signature = partSignature;
      }
      if (hasText && !part.thought) {
        content = (content == null ? new StringBuilder() : content).append(part.text);
      }
    }
    FinishReason finish = null;
    if (candidate.finishReason != null) {
      if (state.open != null) {
        if (deltas == null) {
          deltas = new ArrayList<>(1);
        }
        deltas.add(closeOpenCall(state));
      }
      finish = GeminiFinishReasons.of(candidate.finishReason);
      if (finish.kind() == FinishReason.Kind.STOP && state.calledFunction) {
        finish = finish.as(FinishReason.Kind.TOOL_CALLS);
      }
      state.finishReason = finish;
      finished = true;
    }
    boolean output = content != null || reasoning != null || signature != null
        || (deltas != null && !deltas.isEmpty());
    if (!output && finish == null) {
      return;
    }
    out.add(chunk(state, candidate.index, content, reasoning, signature, deltas).finishReason(finish));
  }

  private static StreamChunk.Builder chunk(ChoiceState state, int index, StringBuilder content,
      StringBuilder reasoning, String signature, List<ToolCallDelta> deltas) {
    StreamChunk.Builder chunk = StreamChunk.builder().choice(index);
    boolean output = content != null || reasoning != null || signature != null
        || (deltas != null && !deltas.isEmpty());
    if (output && !state.roleSent) {
      chunk.role(Role.ASSISTANT);
      state.roleSent = true;
    }
    if (content != null) {
      chunk.content(content.toString());
    }
    if (reasoning != null) {
      chunk.reasoning(reasoning.toString());
    }
    if (signature != null) {
      chunk.reasoningSignature(signature);
    }
    if (deltas != null) {
      chunk.toolCalls(deltas);
    }
    return chunk;
  }

  private void functionCall(ChoiceState state, GeminiPayload.FunctionCall fc, String signature,
      List<ToolCallDelta> deltas, ChunkSink sink) {
    if (state.open != null) {
      if (fc.name == null) {
        appendPartial(state.open, fc, deltas);
        if (!fc.willContinue) {
          deltas.add(closeOpenCall(state));
        }
        return;
      }
      deltas.add(closeOpenCall(state));
    }
    if (fc.name == null) {
      if (fc.args != null || !fc.partialArgs.isEmpty()) {
        sink.warning(providerId + ": ignored a functionCall part with arguments but no name and no call open");
      }
      return;
    }
    int index = state.nextToolIndex++;
    String id = fc.id != null && !fc.id.isEmpty() ? fc.id : "call_" + (++generatedIds);
    state.calledFunction = true;
    if (fc.args != null) {
      deltas.add(new ToolCallDelta(index, id, fc.name, fc.args, signature));
    } else if (fc.willContinue) {
      deltas.add(new ToolCallDelta(index, id, fc.name, "", signature));
      state.open = new OpenCall(index, new PartialArgsWriter());
      appendPartial(state.open, fc, deltas);
    } else if (!fc.partialArgs.isEmpty()) {
      PartialArgsWriter writer = new PartialArgsWriter();
      StringBuilder args = new StringBuilder();
      for (PartialArgsWriter.PartialArg arg : fc.partialArgs) {
        args.append(writer.append(arg));
      }
      deltas.add(new ToolCallDelta(index, id, fc.name, args.append(writer.finish()).toString(), signature));
    } else {
      deltas.add(new ToolCallDelta(index, id, fc.name, "{}", signature));
    }
  }

  private static void appendPartial(OpenCall open, GeminiPayload.FunctionCall fc, List<ToolCallDelta> deltas) {
    for (PartialArgsWriter.PartialArg arg : fc.partialArgs) {
      String text = open.writer().append(arg);
      if (!text.isEmpty()) {
        deltas.add(ToolCallDelta.arguments(open.index(), text));
      }
    }
  }

  private static ToolCallDelta closeOpenCall(ChoiceState state) {
    OpenCall open = state.open;
    state.open = null;
    return ToolCallDelta.arguments(open.index(), open.writer().finish());
  }

  private void reportResponseInfo(GeminiPayload payload, ChunkSink sink) {
    String id = payload.responseId != null && !payload.responseId.isEmpty() ? payload.responseId : null;
    String version = payload.modelVersion != null && !payload.modelVersion.isEmpty() ? payload.modelVersion : null;
    if ((id != null && !id.equals(lastResponseId)) || (version != null && !version.equals(lastModel))) {
      lastResponseId = id != null ? id : lastResponseId;
      lastModel = version != null ? version : lastModel;
      sink.responseInfo(id, version);
    }
  }

  private GeminiPayload read(WireEvent event) {
    try (JsonParser p = GeminiJson.FACTORY.createParser(ObjectReadContext.empty(), event.array(), event.offset(),
        event.length())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw malformed(event, "the payload is not a JSON object", null);
      }
      GeminiPayload payload = GeminiPayload.read(p);
      if (p.nextToken() != null) {
        throw malformed(event, "unexpected content after the JSON object", null);
      }
      return payload;
    } catch (JacksonException e) {
      throw malformed(event, "invalid JSON: " + e.getOriginalMessage(), e);
    } catch (RillException e) {
      throw e;
    } catch (RuntimeException e) {
      throw malformed(event, "unreadable payload: " + e, e);
    }
  }

  private RillException malformed(WireEvent event, String why, Throwable cause) {
    return RillException.builder(ErrorKind.MALFORMED_RESPONSE).provider(providerId).model(model)
        .message(providerId + " sent a payload that is not a GenerateContentResponse: " + why)
        .rawEvent(event.text()).cause(cause).build();
  }


  @Override
  public String toString() {
    return "GeminiStreamDecoder[" + providerId + ", " + Objects.toString(model) + "]";
  }
}
