package dev.rill.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.api.internal.RuntimeAccess;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The plugin-facing chunk: named factories and a builder, value semantics, metadata only from the runtime. */
class StreamChunkTest {
  private static final ChunkMetadata META = new ChunkMetadata(3, Instant.parse("2026-01-02T03:04:05Z"), 120,
      "openai", "gpt-4o-mini");
  private static final FinishReason STOP = FinishReason.of(FinishReason.Kind.STOP, "stop");

  @Test
  void aChunkCannotBeBuiltPositionally() {
    assertThat(StreamChunk.class.isRecord()).isFalse();
    assertThat(Modifier.isFinal(StreamChunk.class.getModifiers())).isTrue();
    assertThat(StreamChunk.class.getConstructors()).isEmpty();
    assertThat(StreamChunk.Builder.class.getConstructors()).isEmpty();
  }

  @Test
  void noPublicMethodOfTheChunkOrItsBuilderTakesMetadata() {
    for (Class<?> type : List.of(StreamChunk.class, StreamChunk.Builder.class)) {
      for (Method m : type.getMethods()) {
        assertThat(m.getParameterTypes()).as(m.toString()).doesNotContain(ChunkMetadata.class);
      }
    }
  }

  @Test
  void eachFactorySetsOneThingOnChoiceZero() {
    ToolCallDelta start = ToolCallDelta.start(0, "call_1", "get_weather");
    Usage usage = Usage.of(3, 4);
    assertThat(StreamChunk.text("Hi")).isEqualTo(StreamChunk.builder().content("Hi").build());
    assertThat(StreamChunk.reasoningDelta("hmm")).isEqualTo(StreamChunk.builder().reasoning("hmm").build());
    assertThat(StreamChunk.refusalDelta("no")).isEqualTo(StreamChunk.builder().refusal("no").build());
    assertThat(StreamChunk.toolCall(start)).isEqualTo(StreamChunk.builder().toolCalls(List.of(start)).build());
    assertThat(StreamChunk.toolCalls(List.of(start))).isEqualTo(StreamChunk.toolCall(start));
    assertThat(StreamChunk.finish(STOP)).isEqualTo(StreamChunk.builder().finishReason(STOP).build());
    assertThat(StreamChunk.ofUsage(usage)).isEqualTo(StreamChunk.builder().usage(usage).build());
    assertThat(StreamChunk.ofRole(Role.ASSISTANT)).isEqualTo(StreamChunk.builder().role(Role.ASSISTANT).build());
    assertThat(StreamChunk.ofReasoningSignature("sig"))
        .isEqualTo(StreamChunk.builder().reasoningSignature("sig").build());
    assertThat(StreamChunk.ofRedactedReasoning("opaque"))
        .isEqualTo(StreamChunk.builder().redactedReasoning("opaque").build());

    StreamChunk text = StreamChunk.text("Hi");
    assertThat(text.choice()).isZero();
    assertThat(text.role()).isNull();
    assertThat(text.reasoning()).isEmpty();
    assertThat(text.refusal()).isEmpty();
    assertThat(text.toolCalls()).isEmpty();
    assertThat(text.finishReason()).isNull();
    assertThat(text.usage()).isNull();
    assertThat(text.metadata()).isNull();
    assertThat(StreamChunk.ofRole(Role.ASSISTANT).isEmpty()).isFalse();
    assertThat(StreamChunk.ofRole(Role.ASSISTANT).hasOutput()).isFalse();
    assertThat(StreamChunk.refusalDelta("no").hasOutput()).isTrue();
  }

  @Test
  void nullTextsAreEmptyAndInvalidValuesAreRefused() {
    StreamChunk c = StreamChunk.builder().content(null).reasoning(null).refusal(null).toolCalls(null)
        .reasoningSignature(null).redactedReasoning(null).build();
    assertThat(c.content()).isEmpty();
    assertThat(c.reasoning()).isEmpty();
    assertThat(c.refusal()).isEmpty();
    assertThat(c.toolCalls()).isEmpty();
    assertThat(c.isEmpty()).isTrue();
    assertThat(StreamChunk.text(null).content()).isEmpty();
    assertThatThrownBy(() -> StreamChunk.builder().choice(-1).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StreamChunk.finish(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> StreamChunk.ofUsage(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> StreamChunk.ofRole(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void theToolCallListIsCopiedAndImmutable() {
    List<ToolCallDelta> deltas = new java.util.ArrayList<>(List.of(ToolCallDelta.arguments(0, "{")));
    StreamChunk c = StreamChunk.builder().toolCalls(deltas).build();
    deltas.add(ToolCallDelta.arguments(0, "}"));
    assertThat(c.toolCalls()).containsExactly(ToolCallDelta.arguments(0, "{"));
    assertThatThrownBy(() -> c.toolCalls().add(ToolCallDelta.arguments(0, "}")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void chunksWithTheSameFieldsAreEqualAndOnlyThen() {
    StreamChunk a = full().build();
    StreamChunk b = full().build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(full().choice(2).build())
        .isNotEqualTo(full().role(null).build())
        .isNotEqualTo(full().content("other").build())
        .isNotEqualTo(full().reasoning("other").build())
        .isNotEqualTo(full().refusal("other").build())
        .isNotEqualTo(full().toolCalls(List.of()).build())
        .isNotEqualTo(full().finishReason(null).build())
        .isNotEqualTo(full().usage(null).build())
        .isNotEqualTo(full().reasoningSignature("other").build())
        .isNotEqualTo(full().redactedReasoning("other").build())
        .isNotEqualTo(RuntimeAccess.withMetadata(a, META))
        .isNotEqualTo(null)
        .isNotEqualTo("a string");
  }

  @Test
  void theRuntimeAttachesMetadataToACopyAndToBuilderCarriesIt() {
    StreamChunk plain = full().build();
    StreamChunk tagged = RuntimeAccess.withMetadata(plain, META);

    assertThat(tagged.metadata()).isEqualTo(META);
    assertThat(plain.metadata()).isNull();
    assertThat(RuntimeAccess.withMetadata(tagged, null)).isEqualTo(plain);
    assertThat(tagged.toBuilder().build()).isEqualTo(tagged);
    assertThat(tagged.toBuilder().content("changed").build().metadata()).isEqualTo(META);
    assertThat(plain.toBuilder().build()).isEqualTo(plain);
    assertThatThrownBy(() -> RuntimeAccess.withMetadata(null, META)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void theChunkAccessIsSetOnceByTheChunkItself() {
    StreamChunk.text("loads the class");
    assertThatThrownBy(() -> RuntimeAccess.setChunkAccess((c, m) -> c)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theInternalPackageIsExportedToTheRuntimeAlone() throws Exception {
    Path classes = Path.of(StreamChunk.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }
    Set<String> unqualified = descriptor.exports().stream().filter(e -> !e.isQualified())
        .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    assertThat(unqualified).containsExactly("dev.rill.api");
    assertThat(descriptor.exports()).filteredOn(e -> e.source().equals("dev.rill.api.internal"))
        .singleElement().satisfies(e -> assertThat(e.targets()).containsExactly("dev.rill.runtime"));
  }

  @Test
  void roleIsTheEnumAndTheDeltaViewFollows() {
    StreamChunk c = StreamChunk.builder().role(Role.ASSISTANT).content("Hi").build();
    assertThat(c.delta()).isEqualTo(new StreamChunk.Delta(Role.ASSISTANT, "Hi"));
    assertThat(StreamChunk.text("x").delta().role()).isNull();
  }

  @Test
  void toStringShowsOnlyWhatTheChunkCarries() {
    assertThat(StreamChunk.builder().build()).hasToString("StreamChunk{}");
    assertThat(StreamChunk.text("Hi \"you\"\n")).hasToString("StreamChunk{content=\"Hi \\\"you\\\"\\n\"}");
    assertThat(StreamChunk.builder().choice(1).role(Role.ASSISTANT).finishReason(STOP).build())
        .hasToString("StreamChunk{choice=1, role=ASSISTANT, finishReason=" + STOP + "}");
    String signature = "x".repeat(400);
    assertThat(StreamChunk.ofReasoningSignature(signature).toString())
        .isEqualTo("StreamChunk{reasoningSignature=(400 chars)}").doesNotContain(signature);
    assertThat(StreamChunk.ofRedactedReasoning("abc")).hasToString("StreamChunk{redactedReasoning=(3 chars)}");
    assertThat(RuntimeAccess.withMetadata(StreamChunk.text("a"), META).toString())
        .isEqualTo("StreamChunk{content=\"a\", metadata=" + META + "}");
    assertThat(StreamChunk.text("\u0001")).hasToString("StreamChunk{content=\"\\u0001\"}");
  }

  @Test
  void toolCallDeltaFactoriesNameTheirFragment() {
    assertThat(ToolCallDelta.start(1, "call_1", "f")).isEqualTo(new ToolCallDelta(1, "call_1", "f", "", ""));
    assertThat(ToolCallDelta.arguments(1, "{\"a\"")).isEqualTo(new ToolCallDelta(1, null, null, "{\"a\"", ""));
    assertThat(ToolCallDelta.of(2, "c", "g", "{}")).isEqualTo(new ToolCallDelta(2, "c", "g", "{}", ""));
    assertThatThrownBy(() -> ToolCallDelta.arguments(-1, "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void chunkMetadataCountsBytesPastTwoGibibytes() {
    long beyondInt = Integer.MAX_VALUE + 1L;
    assertThat(new ChunkMetadata(0, Instant.EPOCH, beyondInt, "p", null).sizeBytes()).isEqualTo(beyondInt);
    assertThatThrownBy(() -> new ChunkMetadata(0, Instant.EPOCH, -1, "p", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyApiRecordHasItsCanonicalConstructorAlone() throws Exception {
    Path classes = Path.of(StreamChunk.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> records;
    try (var files = Files.walk(classes)) {
      records = files.map(f -> classes.relativize(f).toString())
          .filter(f -> f.endsWith(".class") && !f.equals("module-info.class"))
          .map(f -> load(f.substring(0, f.length() - ".class".length()).replace('/', '.').replace('\\', '.')))
          .filter(Class::isRecord).collect(Collectors.toList());
    }
    assertThat(records).contains(ChatResponse.class, ChatResponse.Choice.class, Part.Reasoning.class,
        ToolCall.class, ToolCallDelta.class, ChunkMetadata.class);
    for (Class<?> type : records) {
      Class<?>[] canonical = Arrays.stream(type.getRecordComponents()).map(r -> r.getType()).toArray(Class<?>[]::new);
      assertThat(type.getDeclaredConstructors()).as(type.getName()).singleElement()
          .satisfies(c -> assertThat(c.getParameterTypes()).containsExactly(canonical));
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, StreamChunkTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  private static StreamChunk.Builder full() {
    return StreamChunk.builder().choice(1).role(Role.ASSISTANT).content("text").reasoning("thought")
        .refusal("refused").toolCalls(List.of(ToolCallDelta.start(0, "c", "f"))).finishReason(STOP)
        .usage(Usage.of(1, 2)).reasoningSignature("sig").redactedReasoning("data");
  }
}
