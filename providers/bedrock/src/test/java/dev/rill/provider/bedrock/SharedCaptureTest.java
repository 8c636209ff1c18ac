package dev.rill.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ChunkSink;
import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.api.FinishReason.Kind;
import dev.rill.api.ReasoningBlock;
import dev.rill.api.StreamChunk;
import dev.rill.api.ToolCall;
import dev.rill.api.Usage;
import dev.rill.framing.Framer;
import dev.rill.framing.Framers;
import dev.rill.framing.FramingLimits;
import dev.rill.framing.OfflineDecoder;
import dev.rill.provider.bedrock.internal.ConverseStreamDecoder;
import dev.rill.testkit.fixtures.Format;
import dev.rill.testkit.fixtures.Recording;
import dev.rill.testkit.fixtures.Recordings;
import dev.rill.testkit.fixtures.SharedFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every real capture in {@code ../shared/fixtures/wire/bedrock-eventstream/}, decoded read by read, against what
 * PROVENANCE.md states for it. Skipped when the shared directory is absent.
 */
class SharedCaptureTest {

  static final String FAMILY = "bedrock-eventstream";
  static final String VALIDATION = "req_llm.converse-validation-exception.reqllm.json";

  static List<Path> captures() {
    Assumptions.assumeTrue(SharedFixtures.wireDir().isPresent(),
        "the shared fixtures (system property rill.shared.dir) are not available");
    List<Path> files = SharedFixtures.family(FAMILY);
    Assumptions.assumeFalse(files.isEmpty(), "no captures in " + FAMILY);
    return files;
  }

  static Recording load(String fileName) {
    return captures().stream().filter(p -> p.getFileName().toString().equals(fileName)).findFirst()
        .map(Recordings::load).orElseThrow(() -> new AssertionError("missing capture " + fileName));
  }

  static OfflineDecoder.Result decode(List<byte[]> reads) {
    return OfflineDecoder.decode(new BedrockProvider(), ChatRequest.builder("model").user("x").build(), reads,
        FramingLimits.DEFAULT);
  }

  static ChatResponse decodeClean(String fileName) {
    OfflineDecoder.Result result = decode(load(fileName).reads());
    assertThat(result.error()).as(fileName).isNull();
    assertThat(result.ended()).as(fileName).isTrue();
    return result.response();
  }

  @TestFactory
  Stream<DynamicTest> everyCaptureDecodes() {
    return captures().stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
      Recording r = Recordings.load(path);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.format()).isIn(Format.RAW, Format.REQLLM_JSON);
      if (r.format() == Format.REQLLM_JSON) {
        assertThat(r.header("content-type")).isEqualTo("application/vnd.amazon.eventstream");
      }
      OfflineDecoder.Result result = decode(r.reads());
      if (path.getFileName().toString().equals(VALIDATION)) {
        assertThat(result.error()).isNotNull();
        return;
      }
      assertThat(result.error()).as(r.name()).isNull();
      assertThat(result.ended()).as(r.name()).isTrue();
      assertThat(result.response().finishReason()).as(r.name()).isNotNull();
      assertThat(result.response().usage()).as(r.name()).isNotNull();
      assertThat(result.response().hasOutput()).as(r.name()).isTrue();
    }));
  }

  @Test
  void novaText() {
    ChatResponse r = decodeClean("pydantic-ai.converse-nova-text.bin");
    assertThat(r.text()).isEqualTo("The capital of France is Paris. Paris is not only the capital city but also the "
        + "most populous city in France, and it is a major center for culture, commerce, fashion, and international "
        + "diplomacy. Known for its historical landmarks, such as the Eiffel Tower, the Louvre Museum, and Notre-Dame "
        + "Cathedral, Paris is often referred to as \"The City of Light\" or \"The City of Love.\"");
    assertThat(r.usage()).isEqualTo(new Usage(13L, 82L, 95L, null, null, null));
    assertThat(r.finishReason()).isEqualTo(FinishReason.of(Kind.STOP, "end_turn"));
  }

  @Test
  void novaToolUse() {
    ChatResponse r = decodeClean("pydantic-ai.converse-nova-tool-use.bin");
    assertThat(r.text()).startsWith("<thinking> To find the temperature of the capital of France,")
        .endsWith(" to find the current temperature in Paris.</thinking>\n");
    assertThat(r.toolCalls()).containsExactly(
        ToolCall.of("tooluse_lAG_zP8QRHmSYOwZzzaCqA", "get_temperature", "{\"city\":\"Paris\"}"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.of(Kind.TOOL_CALLS, "tool_use"));
    assertThat(r.usage()).isEqualTo(new Usage(471L, 91L, 562L, null, null, null));
  }

  @Test
  void claudeThinkingWithSignature() {
    ChatResponse r = decodeClean("pydantic-ai.converse-claude-thinking.bin");
    assertThat(r.reasoning()).isEqualTo("The user has greeted me with a simple \"Hello\". I should respond in a friendly "
        + "and welcoming manner. This is a straightforward greeting, so I'll respond warmly and ask how I can help "
        + "them today.");
    assertThat(r.text()).isEqualTo("Hello! It's nice to meet you. How can I help you today?");
    assertThat(r.usage()).isEqualTo(new Usage(36L, 73L, 109L, null, null, null));
    ConverseStreamDecoder decoder = decodeDirectly("pydantic-ai.converse-claude-thinking.bin", new ArrayList<>());
    assertThat(decoder.signatures()).singleElement().asString().startsWith("Eu0CCkgIBxABGAIqQJDccbDQkr81n7Qj");
    assertThat(r.text() + r.reasoning()).doesNotContain(decoder.signatures().get(0));
    assertThat(r.reasoningBlocks()).containsExactly(ReasoningBlock.of(r.reasoning(), decoder.signatures().get(0)));
  }

  @Test
  void claudeRedactedThinkingIsKeptButIsNotText() {
    ChatResponse r = decodeClean("pydantic-ai.converse-claude-redacted-thinking.bin");
    assertThat(r.reasoning()).isEmpty();
    assertThat(r.text()).startsWith("I notice you've sent what appears to be some kind of command or trigger string")
        .endsWith("What would you like to talk about today?");
    assertThat(r.usage()).isEqualTo(new Usage(92L, 253L, 345L, null, null, null));
    List<String> blobs = decodeDirectly("pydantic-ai.converse-claude-redacted-thinking.bin", new ArrayList<>())
        .redactedContent();
    assertThat(blobs).hasSize(2).allSatisfy(blob -> assertThat(r.text()).doesNotContain(blob));
    assertThat(r.reasoningBlocks()).containsExactly(ReasoningBlock.ofRedacted(blobs.get(0)),
        ReasoningBlock.ofRedacted(blobs.get(1)));
  }

  @Test
  void reqLlmClaudeTextAcrossTwelveReads() {
    Recording rec = load("req_llm.converse-claude-text.reqllm.json");
    assertThat(rec.reads()).hasSize(12);
    ChatResponse r = decodeClean("req_llm.converse-claude-text.reqllm.json");
    assertThat(r.text()).isEqualTo("Hello! I'm a constellation of circuits awakening to greet you across the digital "
        + "cosmos.");
    assertThat(r.usage()).isEqualTo(new Usage(25L, 22L, 47L, null, null, null));
  }

  @Test
  void reqLlmCohereToolUse() {
    ChatResponse r = decodeClean("req_llm.converse-cohere-tool-use.reqllm.json");
    assertThat(r.text()).isEqualTo("I will generate a software engineer profile using the structured_output tool.");
    assertThat(r.toolCalls()).containsExactly(ToolCall.of("tooluse_xcSHYSKTTA2E1o8WgHIMmg", "structured_output",
        "{\n    \"age\": 30,\n    \"name\": \"John Smith\",\n    \"occupation\": \"Software Engineer\"\n}"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.of(Kind.TOOL_CALLS, "tool_use"));
    assertThat(r.usage()).isEqualTo(new Usage(5L, 40L, 45L, null, null, null));
  }

  @Test
  void validationExceptionInsideA200() {
    OfflineDecoder.Result result = decode(load(VALIDATION).reads());
    assertThat(result.error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(result.error().providerCode()).isEqualTo("validationException");
    assertThat(result.error().providerMessage()).isEqualTo("The model returned the following errors: The detected file "
        + "MIME type text/plain does not match the expected type image/png. Reformat your input and try again.");
    assertThat(result.error().hadOutput()).isFalse();
  }

  @Test
  void invokeWithResponseStreamOpenAiStyleChunks() {
    ChatResponse r = decodeClean("req_llm.invoke-gpt-oss-chunk.reqllm.json");
    assertThat(r.responseId()).isEqualTo("chatcmpl-7bd80623-fb09-4aed-a267-4fe90ce9ecc9");
    assertThat(r.model()).isEqualTo("openai.gpt-oss-120b-1:0");
    assertThat(r.text()).startsWith("<reasoning>User asks: \"Say hello in one short, imaginative sentence.\"")
        .endsWith("Hello, bright dream\u2011weaver, dancing on the sunrise of imagination!");
    assertThat(r.finishReason()).isEqualTo(FinishReason.of(Kind.STOP, "stop"));
    assertThat(r.usage()).isEqualTo(Usage.of(90, 81));
  }

  @Test
  void aCorruptedCrcIsMalformed() {
    byte[] body = load("pydantic-ai.converse-nova-text.bin").body().clone();
    body[body.length / 2] ^= 0x20;
    OfflineDecoder.Result result = decode(List.of(body));
    assertThat(result.error()).isNotNull();
    assertThat(result.error().kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    assertThat(result.error().getMessage()).contains("CRC");
    assertThat(result.response().text()).startsWith("The capital of France is Paris.");
    assertThat(result.ended()).isFalse();
  }

  /** Frames a capture by hand to reach the decoder's kept signatures and redacted blobs. */
  private static ConverseStreamDecoder decodeDirectly(String fileName, List<StreamChunk> chunks) {
    ConverseStreamDecoder decoder = new ConverseStreamDecoder("bedrock", "model");
    ChunkSink sink = new ChunkSink() {
      @Override
      public void emit(StreamChunk chunk) {
        chunks.add(chunk);
      }

      @Override
      public void responseInfo(String responseId, String model) {}
    };
    Framer framer = Framers.awsEventStream(FramingLimits.DEFAULT, event -> {
      decoder.decode(event, sink);
      return true;
    });
    for (byte[] read : load(fileName).reads()) {
      framer.feed(read, 0, read.length);
    }
    return decoder;
  }
}
