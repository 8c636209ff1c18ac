package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.server.RecordedRequest;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rill record} against a loopback server standing in for the provider: the golden it writes loads back. */
class RecordCommandTest {
  private static final String KEY = "sk-record-test-0123456789abcdef";
  private static final List<String> EVENTS = List.of(
      "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\",\"choices\":"
          + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n",
      "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\",\"choices\":"
          + "[{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"finish_reason\":null}]}\n\n",
      "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\",\"choices\":"
          + "[{\"index\":0,\"delta\":{\"content\":\" there\"},\"finish_reason\":null}]}\n\n",
      "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\",\"choices\":"
          + "[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n",
      "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\",\"choices\":[],"
          + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}\n\n",
      "data: [DONE]\n\n");

  record Run(int exit, String out, String err) {}

  static Run record(Map<String, String> env, String... args) {
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        return cls == RecordCommand.class ? cls.cast(new RecordCommand(env::get))
            : CommandLine.defaultFactory().create(cls);
      }
    };
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new RillCommand(), factory);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return new Run(cli.execute(args), out.toString(), err.toString());
  }

  @Test
  void recordsTheRelayedBytesWithTheirReadsAndTheFoldWithoutTheKey(@TempDir Path dir) throws Exception {
    try (WireServer server = WireServer.start()) {
      server.enqueue(Response.status(200).header("Content-Type", "text/event-stream")
          .writeEach(EVENTS.stream().map(e -> e.getBytes(StandardCharsets.UTF_8)).toList(), Duration.ofMillis(30)));
      Path out = dir.resolve("openai");
      Run run = record(Map.of("TEST_KEY", KEY), "record", "--provider", "openai", "--model", "gpt-4o-mini",
          "--prompt", "Say hello", "--base-url", server.baseUri() + "v1", "--api-key-env", "TEST_KEY",
          "--out", out.toString(), "hello");

      assertThat(run.exit()).as(run.toString()).isZero();
      RecordedRequest sent = server.takeRequest(Duration.ofSeconds(2));
      assertThat(sent.path()).isEqualTo("/v1/chat/completions");
      assertThat(sent.header("authorization")).isEqualTo("Bearer " + KEY);

      byte[] wire = Files.readAllBytes(out.resolve("hello.sse"));
      assertThat(new String(wire, StandardCharsets.UTF_8)).isEqualTo(String.join("", EVENTS));
      String json = Files.readString(out.resolve("hello.json"));
      assertThat(json).contains("\"reads\": [").contains("\"authorization\": \"***\"").doesNotContain(KEY);
      assertThat(json.substring(json.indexOf("\"reads\""))).containsPattern("\\[\\d+(, \\d+){2,}\\]");
      assertThat(Files.readString(out.resolve("index.txt"))).contains("hello");
      try (Stream<Path> files = Files.list(out)) {
        assertThat(files).allSatisfy(f -> assertThat(Files.readString(f, StandardCharsets.ISO_8859_1))
            .doesNotContain(KEY));
      }

      Golden g = GoldenTranscripts.read(out.resolve("hello.json"));
      assertThat(g.providerId()).isEqualTo("openai");
      assertThat(g.wire()).isEqualTo(wire);
      assertThat(g.expect().text()).isEqualTo("Hello there");
      assertThat(g.expect().finishReason()).isEqualTo(FinishReason.of(FinishReason.Kind.STOP, "stop"));
      assertThat(g.expect().usage().totalTokens()).isEqualTo(7L);
      assertThat(g.prompt()).isEqualTo("Say hello");
    }
  }

  @Test
  void anErrorResponseIsRecordedWithItsKind(@TempDir Path dir) throws Exception {
    try (WireServer server = WireServer.start()) {
      server.enqueue(Response.json(429, "{\"error\":{\"message\":\"You exceeded your current quota.\",\"type\":"
          + "\"insufficient_quota\",\"code\":\"insufficient_quota\"}}"));
      Path out = dir.resolve("t");
      Run run = record(Map.of("TEST_KEY", KEY), "record", "--provider", "openai", "--model", "gpt-4o-mini",
          "--prompt", "Hi", "--base-url", server.baseUri() + "v1", "--api-key-env", "TEST_KEY", "--out",
          out.toString(), "quota");

      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(run.out()).contains("QUOTA_EXHAUSTED");
      Golden g = GoldenTranscripts.read(out.resolve("quota.json"));
      assertThat(g.expect().expectsError()).isTrue();
      assertThat(g.expect().errorKind()).isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
    }
  }

  /** The body was written verbatim: a provider that echoes the key put it on disk. */
  @Test
  void aKeyTheProviderEchoesIsTakenOutOfEveryFileByteForByte(@TempDir Path dir) throws Exception {
    try (WireServer server = WireServer.start()) {
      server.enqueue(Response.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
          + ".\",\"type\":\"invalid_request_error\",\"code\":\"" + KEY + "\"}}").header("X-Echo", KEY));
      Path out = dir.resolve("auth");
      Run run = record(Map.of("TEST_KEY", KEY), "record", "--provider", "openai", "--model", "gpt-4o-mini",
          "--prompt", "Hi", "--base-url", server.baseUri() + "v1", "--api-key-env", "TEST_KEY", "--out",
          out.toString(), "unauthorized");
      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(run.out() + run.err()).doesNotContain(KEY);
      assertNoFileHolds(out, KEY);
      assertThat(Files.readString(out.resolve("unauthorized.json"))).contains("\"code\": \"***\"");
      assertThat(new String(Files.readAllBytes(out.resolve("unauthorized.sse")), StandardCharsets.UTF_8))
          .contains("Incorrect API key provided: ***.");
    }

    // An error event mid-stream echoing the key, which the relay's reads cut in two.
    String event = "data: {\"error\":{\"message\":\"key " + KEY + " revoked\",\"type\":\"server_error\","
        + "\"code\":\"revoked\"}}\n\n";
    int cut = event.indexOf(KEY) + 7;
    try (WireServer server = WireServer.start()) {
      server.enqueue(Response.status(200).header("Content-Type", "text/event-stream").writeEach(List.of(
          EVENTS.get(1).getBytes(StandardCharsets.UTF_8), event.substring(0, cut).getBytes(StandardCharsets.UTF_8),
          event.substring(cut).getBytes(StandardCharsets.UTF_8)), Duration.ofMillis(60)));
      Path out = dir.resolve("mid");
      Run run = record(Map.of("TEST_KEY", KEY), "record", "--provider", "openai", "--model", "gpt-4o-mini",
          "--prompt", "Hi", "--base-url", server.baseUri() + "v1", "--api-key-env", "TEST_KEY", "--out",
          out.toString(), "revoked");
      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(run.out() + run.err()).doesNotContain(KEY);
      assertNoFileHolds(out, KEY);
      Golden g = GoldenTranscripts.read(out.resolve("revoked.json"));
      assertThat(new String(g.wire(), StandardCharsets.UTF_8)).contains("key *** revoked")
          .isEqualTo(EVENTS.get(1) + event.replace(KEY, "***"));
      String json = Files.readString(out.resolve("revoked.json"));
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"reads\": \\[([0-9, ]*)\\]").matcher(json);
      assertThat(m.find()).as(json).isTrue();
      assertThat(java.util.Arrays.stream(m.group(1).split(", ")).mapToInt(Integer::parseInt).sum())
          .as("the read sizes add up to the redacted body").isEqualTo(g.wire().length);
      assertThat(g.expect().text()).isEqualTo("Hello");
      assertThat(g.expect().errorKind()).isEqualTo(ErrorKind.SERVER);
    }
  }

  private static void assertNoFileHolds(Path dir, String key) throws Exception {
    byte[] needle = key.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        byte[] bytes = Files.readAllBytes(f);
        for (int i = 0; i + needle.length <= bytes.length; i++) {
          assertThat(java.util.Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length))
              .as("%s holds the key at byte %d", f.getFileName(), i).isFalse();
        }
      }
    }
  }

  @Test
  void anUnknownProviderIsAUsageError(@TempDir Path dir) {
    Run run = record(Map.of(), "record", "--provider", "no-such", "--model", "m", "--prompt", "p", "--out",
        dir.toString(), "x");
    assertThat(run.exit()).isEqualTo(RillCommand.USAGE_ERROR);
    assertThat(run.err()).contains("unknown provider 'no-such'");
  }
}
