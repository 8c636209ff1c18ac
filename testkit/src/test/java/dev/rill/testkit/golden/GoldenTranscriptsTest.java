package dev.rill.testkit.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.api.Framing;
import dev.rill.api.ReasoningBlock;
import dev.rill.api.RillException;
import dev.rill.api.ToolCall;
import dev.rill.api.Usage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenTranscriptsTest {

  private static ChatResponse response(String text, List<ToolCall> calls, FinishReason finish, Usage usage) {
    return new ChatResponse("example", "gpt-4o-mini", "c1", text, "", "", calls, usage, finish, 3, List.of(),
        List.of(), null, List.of());
  }

  @Test
  void listsTheIndexedTranscriptsSorted() {
    List<Golden> all = GoldenTranscripts.list("example");
    assertThat(all).extracting(Golden::name).containsExactly("overloaded", "text-usage", "tool-call");
    Golden text = all.get(1);
    assertThat(text.providerId()).isEqualTo("example");
    assertThat(text.model()).isEqualTo("gpt-4o-mini");
    assertThat(text.framing()).isEqualTo(Framing.SSE);
    assertThat(text.description()).startsWith("plain text");
    assertThat(text.prompt()).isEqualTo("Say hello");
    assertThat(text.source()).startsWith("https://");
    assertThat(text.wireText()).startsWith("data: {").endsWith("data: [DONE]\n\n");
    Expectation e = text.expect();
    assertThat(e.text()).isEqualTo("Hello, world!\n");
    assertThat(e.finishReason()).isEqualTo(FinishReason.of(FinishReason.Kind.STOP, "stop"));
    assertThat(e.usage()).isEqualTo(new Usage(9L, 4L, 13L, null, 0L, null));
    assertThat(e.expectsError()).isFalse();
  }

  @Test
  void directoryListingFindsUnindexedTranscripts() {
    List<Golden> found = GoldenTranscripts.list("unindexed");
    assertThat(found).singleElement().satisfies(g -> {
      assertThat(g.name()).isEqualTo("ndjson-text");
      assertThat(g.framing()).isEqualTo(Framing.NDJSON);
      assertThat(g.wireText()).contains("\"done\":true");
      assertThat(g.expect().usage()).isNull();
    });
    assertThat(GoldenTranscripts.list("nobody")).isEmpty();
  }

  @Test
  void matchingResponseHasNoMismatches() {
    Golden g = GoldenTranscripts.load("example", "text-usage");
    ChatResponse ok = response("Hello, world!\n", List.of(), FinishReason.of(FinishReason.Kind.STOP, "stop"),
        new Usage(9L, 4L, null, null, 0L, null));
    assertThat(g.expect().mismatches(ok)).isEmpty();
    g.expect().assertMatches(ok);
  }

  @Test
  void everyDifferingFieldIsReported() {
    Expectation e = GoldenTranscripts.load("example", "text-usage").expect();
    ChatResponse bad = response("Hello, world!", List.of(ToolCall.of("x", "f", "{}")),
        FinishReason.of(FinishReason.Kind.OTHER, "stop"), new Usage(9L, 5L, null, null, null, null));
    List<String> m = e.mismatches(bad);
    assertThat(m).anySatisfy(s -> assertThat(s).startsWith("text: differs at index 13"))
        .anySatisfy(s -> assertThat(s).startsWith("toolCalls: expected 0 but was 1"))
        .anySatisfy(s -> assertThat(s).startsWith("finishReason:"))
        .anySatisfy(s -> assertThat(s).isEqualTo("usage.outputTokens: expected 4 but was 5"))
        .anySatisfy(s -> assertThat(s).isEqualTo("usage.totalTokens: expected 13 but was 14"))
        .anySatisfy(s -> assertThat(s).isEqualTo("usage.cachedInputTokens: expected 0 but was null"))
        .hasSize(6);
    assertThatThrownBy(() -> e.assertMatches(bad)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("usage.outputTokens");
    assertThat(e.mismatches(response("Hello, world!\n", List.of(), FinishReason.of(FinishReason.Kind.STOP, "stop"),
        null))).containsExactly("usage: expected Usage[inputTokens=9, outputTokens=4, totalTokens=13, "
        + "reasoningTokens=null, cachedInputTokens=0, cacheWriteTokens=null] but was null");
  }

  @Test
  void toolCallFieldsAreComparedOneByOne() {
    Expectation e = GoldenTranscripts.load("example", "tool-call").expect();
    FinishReason tools = FinishReason.of(FinishReason.Kind.TOOL_CALLS, "tool_calls");
    assertThat(e.mismatches(response("", List.of(ToolCall.of("call_1", "get_weather", "{\"city\":\"Paris\"}")), tools,
        null))).isEmpty();
    assertThat(e.mismatches(response("", List.of(ToolCall.of("call_2", "get_weather", "{\"city\": \"Paris\"}")),
        tools, null))).hasSize(2)
        .anySatisfy(s -> assertThat(s).isEqualTo("toolCalls[0].id: expected \"call_1\" but was \"call_2\""))
        .anySatisfy(s -> assertThat(s).startsWith("toolCalls[0].arguments: differs at index 8"));
  }

  @Test
  void errorGoldensCompareKindAndCode() {
    Expectation e = GoldenTranscripts.load("example", "overloaded").expect();
    assertThat(e.expectsError()).isTrue();
    assertThat(e.errorKind()).isEqualTo(ErrorKind.OVERLOADED);
    assertThat(e.errorCode()).isEqualTo("overloaded_error");
    RillException right = RillException.builder(ErrorKind.OVERLOADED).providerCode("overloaded_error").build();
    RillException wrongCode = RillException.builder(ErrorKind.OVERLOADED).providerCode("api_error").build();
    RillException wrongKind = RillException.builder(ErrorKind.SERVER).providerCode("overloaded_error").build();
    assertThat(e.mismatches(right)).isEmpty();
    assertThat(e.mismatches(wrongCode)).containsExactly(
        "error.code: expected \"overloaded_error\" but was \"api_error\"");
    assertThat(e.mismatches(wrongKind)).singleElement().asString().startsWith("error.kind: expected OVERLOADED");
    assertThat(e.mismatches(response("Partial", List.of(), null, null))).singleElement().asString()
        .startsWith("error: expected OVERLOADED");
    assertThat(e.mismatches(response("Partial", List.of(), null, null), right)).isEmpty();
    assertThat(e.mismatches(response("Part", List.of(), null, null), right)).singleElement().asString()
        .startsWith("text:");
    Expectation noError = GoldenTranscripts.load("example", "text-usage").expect();
    assertThat(noError.mismatches(right)).singleElement().asString().startsWith("error: expected the stream to complete");
  }

  @Test
  void loadsFromAJarWithoutDirectoryEntriesViaTheIndex(@TempDir Path dir) throws IOException {
    Path jar = dir.resolve("p.jar");
    writeJar(jar, false, Map.of(
        "META-INF/rill/transcripts/jarred/index.txt", "a\n\n# comment\nb.json\n",
        "META-INF/rill/transcripts/jarred/a.json", meta("AWS_EVENT_STREAM"),
        "META-INF/rill/transcripts/jarred/a.bin", "\u0000\u0001",
        "META-INF/rill/transcripts/jarred/b.json", meta("JSON_ARRAY"),
        "META-INF/rill/transcripts/jarred/b.jsonarray", "[{}]"));
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      List<Golden> all = GoldenTranscripts.list("jarred", loader);
      assertThat(all).extracting(Golden::name).containsExactly("a", "b");
      assertThat(all.get(0).wire()).containsExactly(0, 1);
      assertThat(all.get(1).framing()).isEqualTo(Framing.JSON_ARRAY);
    }
  }

  @Test
  void listsAJarDirectoryWithoutAnIndex(@TempDir Path dir) throws IOException {
    Path jar = dir.resolve("q.jar");
    writeJar(jar, true, Map.of(
        "META-INF/rill/transcripts/listed/x.json", meta("SSE"),
        "META-INF/rill/transcripts/listed/x.sse", "data: {}\n\n",
        "META-INF/rill/transcripts/listed/sub/y.json", meta("SSE")));
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      assertThat(GoldenTranscripts.list("listed", loader)).extracting(Golden::name).containsExactly("x");
    }
  }

  @Test
  void brokenTranscriptsNameTheirFile(@TempDir Path dir) throws IOException {
    Path typo = dir.resolve("typo.json");
    Files.writeString(typo, "{\"framing\":\"SSE\",\"expect\":{\"finish_reason\":null}}");
    Files.writeString(dir.resolve("typo.sse"), "data: x\n\n");
    assertThatThrownBy(() -> GoldenTranscripts.read(typo)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("typo.json").hasMessageContaining("expect.finish_reason");
    Path noWire = dir.resolve("nowire.json");
    Files.writeString(noWire, meta("NDJSON"));
    assertThatThrownBy(() -> GoldenTranscripts.read(noWire)).hasMessageContaining("nowire.ndjson");
    Path badKind = dir.resolve("kind.json");
    Files.writeString(badKind, "{\"framing\":\"SSE\",\"expect\":{\"error\":{\"kind\":\"BOOM\"}}}");
    assertThatThrownBy(() -> GoldenTranscripts.read(badKind)).hasMessageContaining("BOOM");
    assertThatThrownBy(() -> GoldenTranscripts.load("example", "missing")).hasMessageContaining("missing.json");
  }

  @Test
  void reasoningBlocksAndToolCallSignaturesAreCheckedWhenGiven(@TempDir Path dir) throws IOException {
    Path json = dir.resolve("signed.json");
    Files.writeString(json, "{\"framing\":\"SSE\",\"expect\":{\"text\":\"\",\"reasoning\":\"r\","
        + "\"reasoningBlocks\":[{\"text\":\"r\",\"signature\":\"s1\"},{\"redacted\":true,\"data\":\"d\"}],"
        + "\"toolCalls\":[{\"id\":\"c\",\"name\":\"f\",\"arguments\":\"{}\",\"signature\":\"fs\"}],"
        + "\"finishReason\":null,\"usage\":null}}");
    Files.writeString(dir.resolve("signed.sse"), "data: {}\n\n");
    Expectation e = GoldenTranscripts.read(json).expect();
    assertThat(e.reasoningBlocks()).containsExactly(ReasoningBlock.of("r", "s1"), ReasoningBlock.ofRedacted("d"));
    ChatResponse right = new ChatResponse("p", null, null, "", "r", "", List.of(new ToolCall("c", "f", "{}", "fs")),
        null, null, 3, List.of(), List.of(), null, List.of(ReasoningBlock.of("r", "s1"), ReasoningBlock.ofRedacted("d")));
    assertThat(e.mismatches(right)).isEmpty();
    ChatResponse wrong = new ChatResponse("p", null, null, "", "r", "", List.of(ToolCall.of("c", "f", "{}")),
        null, null, 3, List.of(), List.of(), null, List.of(ReasoningBlock.of("r", "s2")));
    assertThat(e.mismatches(wrong))
        .anySatisfy(s -> assertThat(s).startsWith("toolCalls[0].signature: differs at index 0"))
        .anySatisfy(s -> assertThat(s).isEqualTo("reasoningBlocks: expected 2 but was 1"))
        .anySatisfy(s -> assertThat(s).startsWith("reasoningBlocks[0].signature: differs at index 1"))
        .hasSize(3);
    // left out, neither is checked
    Expectation lenient = GoldenTranscripts.load("example", "tool-call").expect();
    assertThat(lenient.reasoningBlocks()).isNull();
    assertThat(lenient.mismatches(new ChatResponse("example", null, null, "", "", "",
        List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}", "any")), null,
        FinishReason.of(FinishReason.Kind.TOOL_CALLS, "tool_calls"), 3, List.of(), List.of(), null,
        List.of(ReasoningBlock.of("x", "y"))))).isEmpty();
    Path typo = dir.resolve("typo.json");
    Files.writeString(typo, "{\"framing\":\"SSE\",\"expect\":{\"reasoningBlocks\":[{\"sig\":\"x\"}]}}");
    Files.writeString(dir.resolve("typo.sse"), "data: x\n\n");
    assertThatThrownBy(() -> GoldenTranscripts.read(typo)).hasMessageContaining("expect.reasoningBlocks[].sig");
  }

  @Test
  void readsFromTheFileSystem(@TempDir Path dir) throws IOException {
    Path json = dir.resolve("fs.json");
    Files.writeString(json, meta("SSE"));
    Files.writeString(dir.resolve("fs.sse"), "data: {}\n\n");
    Golden g = GoldenTranscripts.read(json);
    assertThat(g.name()).isEqualTo("fs");
    assertThat(g.providerId()).isEqualTo(dir.getFileName().toString());
    assertThat(g.expect().text()).isEqualTo("hi");
  }

  private static String meta(String framing) {
    return "{\"framing\":\"" + framing + "\",\"expect\":{\"text\":\"hi\",\"finishReason\":null,\"usage\":null}}";
  }

  private static void writeJar(Path jar, boolean directoryEntries, Map<String, String> files) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
      if (directoryEntries) {
        for (String d : List.of("META-INF/", "META-INF/rill/", "META-INF/rill/transcripts/",
            "META-INF/rill/transcripts/listed/", "META-INF/rill/transcripts/listed/sub/")) {
          j.putNextEntry(new JarEntry(d));
          j.closeEntry();
        }
      }
      for (var e : new java.util.TreeMap<>(files).entrySet()) {
        j.putNextEntry(new JarEntry(e.getKey()));
        j.write(e.getValue().getBytes(StandardCharsets.ISO_8859_1));
        j.closeEntry();
      }
    }
  }
}
