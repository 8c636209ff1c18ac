package dev.rill.cli;

import dev.rill.api.ChatResponse;
import dev.rill.api.ChunkMetadata;
import dev.rill.api.FinishReason;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.ToolCall;
import dev.rill.api.ToolCallDelta;
import dev.rill.api.Usage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes the {@code --json} output: one JSON object per line, each with a {@code "type"} member ({@code chunk},
 * {@code response}, {@code summary}, {@code provider}, {@code problem}, {@code error}). Written with Jackson's
 * streaming generator; a line is complete before it is printed, so a failure never leaves half an object.
 */
final class JsonLines {
  private static final JsonFactory JSON = new JsonFactory();

  private final PrintWriter out;

  JsonLines(PrintWriter out) {
    this.out = out;
  }

  /** Writes one object: {@code body} writes its members after {@code "type"}. */
  void line(String type, Consumer<JsonGenerator> body) {
    StringWriter buffer = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), buffer)) {
      g.writeStartObject();
      g.writeStringProperty("type", type);
      body.accept(g);
      g.writeEndObject();
    }
    synchronized (out) {
      out.println(buffer);
      out.flush();
    }
  }

  /** {@code {"type":"chunk","content","reasoning","refusal","toolCalls":[...],"finishReason","usage"}}. */
  void chunk(StreamChunk c) {
    line("chunk", g -> {
      if (c.choice() != 0) {
        g.writeNumberProperty("choice", c.choice());
      }
      g.writeStringProperty("content", c.content());
      g.writeStringProperty("reasoning", c.reasoning());
      g.writeStringProperty("refusal", c.refusal());
      g.writeArrayPropertyStart("toolCalls");
      for (ToolCallDelta d : c.toolCalls()) {
        g.writeStartObject();
        g.writeNumberProperty("index", d.index());
        g.writeStringProperty("id", d.id());
        g.writeStringProperty("name", d.name());
        g.writeStringProperty("arguments", d.arguments());
        g.writeEndObject();
      }
      g.writeEndArray();
      finishReason(g, c.finishReason());
      usage(g, c.usage());
      if (c.metadata() != null) {
        metadata(g, c.metadata());
      }
    });
  }

  /** {@code "metadata": {"index","timestamp","sizeBytes","provider","model"}} (enhanced mode). */
  static void metadata(JsonGenerator g, ChunkMetadata m) {
    g.writeObjectPropertyStart("metadata");
    g.writeNumberProperty("index", m.index());
    g.writeStringProperty("timestamp", m.timestamp().toString());
    g.writeNumberProperty("sizeBytes", m.sizeBytes());
    g.writeStringProperty("provider", m.provider());
    g.writeStringProperty("model", m.model());
    g.writeEndObject();
  }

  /**
   * {@code "timing": {"timeToFirstChunkMillis","durationMillis","chunksPerSecond","attempts"}} from the enhanced
   * pipeline's {@link ChatResponse.Timing}, or null.
   */
  static void timing(JsonGenerator g, ChatResponse.Timing t, long chunks) {
    if (t == null) {
      g.writeNullProperty("timing");
      return;
    }
    g.writeObjectPropertyStart("timing");
    if (t.timeToFirstChunk() == null) {
      g.writeNullProperty("timeToFirstChunkMillis");
    } else {
      g.writeNumberProperty("timeToFirstChunkMillis", millis(t.timeToFirstChunk()));
    }
    g.writeNumberProperty("durationMillis", millis(t.duration()));
    g.writeNumberProperty("chunksPerSecond", Math.round(t.chunksPerSecond(chunks) * 10) / 10.0);
    g.writeNumberProperty("attempts", t.attempts());
    g.writeEndObject();
  }

  /** Milliseconds with one decimal. */
  static double millis(Duration d) {
    return Math.round(d.toNanos() / 1e5) / 10.0;
  }

  /** {@code "warnings": [...]}, always present (an empty array when there are none). */
  static void warnings(JsonGenerator g, List<String> warnings) {
    g.writeArrayPropertyStart("warnings");
    for (String w : warnings) {
      g.writeString(w);
    }
    g.writeEndArray();
  }

  /** {@code {"type":"response", ...}}: the folded response. */
  void response(ChatResponse r) {
    line("response", g -> responseMembers(g, r));
  }

  /** {@code {"type":"error","kind","message",...,"partial":{...}}} for a Rill error, with its partial response. */
  void error(RillException e) {
    error(e, e.partial());
  }

  /**
   * {@code {"type":"error","kind","message",...,"partial":{...}}}: the error, and {@code partial} (what was folded
   * before it, with the members of a response line) unless null.
   */
  void error(RillException e, ChatResponse partial) {
    line("error", g -> {
      g.writeStringProperty("kind", e.kind().name());
      g.writeStringProperty("message", e.getMessage());
      if (e.httpStatus().isPresent()) {
        g.writeNumberProperty("httpStatus", e.httpStatus().getAsInt());
      }
      if (e.providerCode() != null) {
        g.writeStringProperty("providerCode", e.providerCode());
      }
      if (e.provider() != null) {
        g.writeStringProperty("provider", e.provider());
      }
      if (partial != null) {
        g.writeObjectPropertyStart("partial");
        responseMembers(g, partial);
        g.writeEndObject();
      }
    });
  }

  /** The members of a response object (text, reasoning, tool calls, usage, finish reason...). */
  static void responseMembers(JsonGenerator g, ChatResponse r) {
    responseMembers(g, r, false);
  }

  /**
   * The members of a response object; with {@code enhanced}, {@code "warnings"} is always written and
   * {@code "timing"} is added.
   */
  static void responseMembers(JsonGenerator g, ChatResponse r, boolean enhanced) {
    g.writeStringProperty("provider", r.provider());
    g.writeStringProperty("model", r.model());
    g.writeStringProperty("responseId", r.responseId());
    g.writeStringProperty("text", r.text());
    g.writeStringProperty("reasoning", r.reasoning());
    g.writeStringProperty("refusal", r.refusal());
    g.writeArrayPropertyStart("toolCalls");
    for (ToolCall call : r.toolCalls()) {
      g.writeStartObject();
      g.writeStringProperty("id", call.id());
      g.writeStringProperty("name", call.name());
      g.writeName("arguments");
      arguments(g, call.arguments());
      g.writeEndObject();
    }
    g.writeEndArray();
    usage(g, r.usage());
    finishReason(g, r.finishReason());
    g.writeNumberProperty("chunks", r.chunkCount());
    if (enhanced) {
      warnings(g, r.warnings());
      timing(g, r.timing(), r.chunkCount());
    } else if (!r.warnings().isEmpty()) {
      warnings(g, r.warnings());
    }
  }

  /** {@code "finishReason": {"kind","raw"}} or null. */
  static void finishReason(JsonGenerator g, FinishReason f) {
    if (f == null) {
      g.writeNullProperty("finishReason");
      return;
    }
    g.writeObjectPropertyStart("finishReason");
    g.writeStringProperty("kind", f.kind().name());
    g.writeStringProperty("raw", f.raw());
    g.writeEndObject();
  }

  /** {@code "usage": {...}} with null for unknown counts, or null. */
  static void usage(JsonGenerator g, Usage u) {
    if (u == null) {
      g.writeNullProperty("usage");
      return;
    }
    g.writeObjectPropertyStart("usage");
    count(g, "inputTokens", u.inputTokens());
    count(g, "outputTokens", u.outputTokens());
    count(g, "totalTokens", u.totalTokens());
    count(g, "reasoningTokens", u.reasoningTokens());
    count(g, "cachedInputTokens", u.cachedInputTokens());
    count(g, "cacheWriteTokens", u.cacheWriteTokens());
    g.writeEndObject();
  }

  private static void count(JsonGenerator g, String name, Long value) {
    if (value == null) {
      g.writeNullProperty(name);
    } else {
      g.writeNumberProperty(name, value.longValue());
    }
  }

  /** Writes tool-call arguments as parsed JSON when they are one valid JSON value, else as the raw string. */
  static void arguments(JsonGenerator g, String arguments) {
    if (!isOneJsonValue(arguments)) {
      g.writeString(arguments);
      return;
    }
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), arguments)) {
      p.nextToken();
      g.copyCurrentStructure(p);
    }
  }

  /** Whether {@code text} is exactly one JSON value (whitespace around it allowed). */
  static boolean isOneJsonValue(String text) {
    if (text == null || text.isBlank()) {
      return false;
    }
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
}
