package dev.rill.cli;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamingProvider;
import dev.rill.api.ToolCall;
import dev.rill.api.ToolCallDelta;
import dev.rill.framing.DecodeSession;
import java.io.InputStream;
import dev.rill.runtime.ProviderRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rill decode}: decodes a recorded response body offline, through the provider's framer and decoder in a
 * {@link DecodeSession}, exactly as the runtime decodes a live stream, and prints the chunks as they come, then the
 * folded response. A recording that ends without the protocol's terminator is {@code TRUNCATED}, as online.
 */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    name = "decode",
    header = "Decode a recorded response body offline.",
    description = "Decodes a recorded response body offline (SSE text, NDJSON or binary event-stream, per the"
        + " provider's framing) and prints the chunks, then the folded response.")
final class DecodeCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--provider", required = true, paramLabel = "ID", description = "The provider whose decoder to use, e.g. openai.")
  private String provider;

  @Option(names = "--model", paramLabel = "NAME", defaultValue = "recorded",
      description = "The model the request named (decoders that need it; the wire's own model wins). Default: ${DEFAULT-VALUE}.")
  private String model;

  @Option(names = "--json", description = "One JSON object per chunk, then {\"type\":\"response\",...} or"
      + " {\"type\":\"error\",...,\"partial\":{...}}, the error with what was folded before it.")
  private boolean json;

  @Parameters(index = "0", paramLabel = "FILE", description = "The raw response body bytes.")
  private Path file;

  @Override
  public Integer call() {
    ProviderRegistry registry = ProviderRegistry.discover(DecodeCommand.class.getClassLoader());
    StreamingProvider plugin = registry.find(provider).orElseThrow(() -> UsageErrors.unknownProvider(
        spec.commandLine(), provider, registry.ids()));
    ChatRequest request = ChatRequest.builder(model).user("(recorded)").build();
    PrintWriter out = spec.commandLine().getOut();
    JsonLines lines = json ? new JsonLines(out) : null;
    int[] chunks = {0};
    // The file is read and decoded a buffer at a time, exactly as the runtime decodes a live body: memory stays
    // bounded by the session's limits, whatever the file's size.
    DecodeSession session = DecodeSession.builder(plugin, request).output(c -> {
      chunks[0]++;
      if (lines != null) {
        lines.chunk(c);
      } else {
        out.println("chunk " + chunks[0] + ": " + describe(c));
      }
    }).build();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while (!session.isDone() && (n = in.read(buffer)) > 0) {
        session.feed(buffer, 0, n);
      }
      session.endOfInput();
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "cannot read " + file + ": " + Problems.describe(e));
    } finally {
      session.close();
    }
    RillException error = session.error();
    if (lines != null) {
      if (error != null) {
        lines.error(error, session.response());
        return RillCommand.STREAM_ERROR;
      }
      lines.response(session.response());
      return RillCommand.OK;
    }
    if (chunks[0] > 0) {
      out.println();
    }
    printResponse(out, error == null ? "response" : "partial response", session.response(), session);
    out.flush();
    if (error != null) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("rill decode: " + error.getMessage());
      if (error.rawEvent() != null) {
        err.println("  event: " + Text.quote(error.rawEvent()));
      }
      err.flush();
      return RillCommand.STREAM_ERROR;
    }
    return RillCommand.OK;
  }

  /** One chunk's non-empty parts, e.g. {@code content "The"  finish STOP (raw "stop")}. */
  static String describe(StreamChunk c) {
    List<String> parts = new ArrayList<>();
    if (c.choice() != 0) {
      parts.add("choice " + c.choice());
    }
    if (c.role() != null) {
      parts.add("role " + c.role().name().toLowerCase(Locale.ROOT));
    }
    if (!c.content().isEmpty()) {
      parts.add("content " + Text.quote(c.content()));
    }
    if (!c.reasoning().isEmpty()) {
      parts.add("reasoning " + Text.quote(c.reasoning()));
    }
    if (!c.refusal().isEmpty()) {
      parts.add("refusal " + Text.quote(c.refusal()));
    }
    for (ToolCallDelta d : c.toolCalls()) {
      parts.add("tool call #" + d.index() + (d.id() != null ? " id " + d.id() : "")
          + (d.name() != null ? " name " + d.name() : "") + " arguments " + Text.quote(d.arguments()));
    }
    if (c.finishReason() != null) {
      parts.add("finish " + Text.finishReason(c.finishReason()));
    }
    if (c.usage() != null) {
      parts.add("usage " + Text.usage(c.usage()));
    }
    return parts.isEmpty() ? "(empty)" : String.join("  ", parts);
  }

  private static void printResponse(PrintWriter out, String title, ChatResponse r, DecodeSession result) {
    out.println(title + " (" + r.provider() + (r.model() != null ? ", model " + r.model() : "")
        + (r.responseId() != null ? ", id " + r.responseId() : "") + ")");
    out.println("  text:          " + r.text());
    if (!r.reasoning().isEmpty()) {
      out.println("  reasoning:     " + r.reasoning());
    }
    if (!r.refusal().isEmpty()) {
      out.println("  refusal:       " + r.refusal());
    }
    for (ToolCall call : r.toolCalls()) {
      out.println("  tool call:     " + Text.toolCall(call));
    }
    out.println("  usage:         " + Text.usage(r.usage()));
    out.println("  finish reason: " + Text.finishReason(r.finishReason()));
    out.println("  chunks:        " + r.chunkCount() + " from " + result.events() + " event(s), "
        + result.keepAlives() + " keep-alive(s)");
    for (String w : r.warnings()) {
      out.println("  warning:       " + w);
    }
  }
}
