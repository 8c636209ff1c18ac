package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamingProvider;
import dev.rill.framing.OfflineDecoder;
import dev.rill.runtime.ChatStream;
import dev.rill.runtime.ProviderRegistry;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.server.RecordedRequest;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rill record} over the wire tap, for the three framings that matter most (OpenAI and Anthropic SSE, Bedrock's
 * binary event-stream signed with SigV4): a provider stream whose error echoes a canary credential (and a response
 * header that repeats it) is recorded, and the transcript decodes, offline and through {@code rill decode}, to the
 * chunks the live stream delivered and the same error kind, loads back through the class path as the kit reads it,
 * and holds the canary nowhere: not in a file, not on stdout or stderr.
 */
class RecordRoundTripTest {
  private static final String KEY = "sk-canary-RECORD-7f3a9c1e5b0d4e2f";
  private static final String AWS_ID = "AKIACANARYRECORD0042";
  private static final String AWS_SECRET = "canary/Secret+RECORD/0123456789abcdefghijklmn";
  private static final String AWS_TOKEN = "IQoJcanarySessionTokenRECORD0123456789";

  @TempDir
  Path dir;

  @Test
  void openAiErrorEventEchoingTheKey() throws Exception {
    Golden golden = GoldenTranscripts.load("openai", "error-after-output");
    String wire = golden.wireText().replace("The server had an error", "Key " + KEY + " had an error");
    assertThat(wire).contains(KEY);
    Scenario s = new Scenario("openai", "gpt-4o-mini", Map.of("CANARY_KEY", KEY),
        List.of("--api-key-env", "CANARY_KEY"), "text/event-stream",
        WireSplitter.sse(wire.getBytes(StandardCharsets.UTF_8)), List.of(KEY));
    Outcome o = roundTrip(s, "openai-echo");
    assertThat(o.request().header("authorization")).isEqualTo("Bearer " + KEY);
    assertThat(new String(o.golden().wire(), StandardCharsets.UTF_8)).isEqualTo(wire.replace(KEY, "***"));
  }

  @Test
  void anthropicErrorEventEchoingTheKey() throws Exception {
    Golden golden = GoldenTranscripts.load("anthropic", "error-overloaded");
    String wire = golden.wireText().replace("\"message\": \"Overloaded\"", "\"message\": \"Overloaded for " + KEY
        + "\"");
    assertThat(wire).contains(KEY);
    Scenario s = new Scenario("anthropic", "claude-sonnet-4-5-20250929", Map.of("CANARY_KEY", KEY),
        List.of("--api-key-env", "CANARY_KEY"), "text/event-stream",
        WireSplitter.sse(wire.getBytes(StandardCharsets.UTF_8)), List.of(KEY));
    Outcome o = roundTrip(s, "anthropic-echo");
    assertThat(o.request().header("x-api-key")).isEqualTo(KEY);
    assertThat(new String(o.golden().wire(), StandardCharsets.UTF_8)).isEqualTo(wire.replace(KEY, "***"));
  }

  /** Bedrock was not recordable through the proxy: a SigV4 signature covers the host it was made for. */
  @Test
  void bedrockSignedWithSigV4AndAnExceptionEchoingTheCredentials() throws Exception {
    Golden golden = GoldenTranscripts.load("bedrock", "throttling-exception");
    List<byte[]> messages = new ArrayList<>(WireSplitter.eventStream(golden.wire()));
    byte[] last = messages.get(messages.size() - 1);
    assertThat(new String(last, StandardCharsets.ISO_8859_1)).contains("throttlingException");
    messages.set(messages.size() - 1, TestEventStream.exception("throttlingException", "{\"message\":\"Too many"
        + " tokens for " + AWS_ID + " (token " + AWS_TOKEN + ", secret " + AWS_SECRET + ")\"}"));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_ACCESS_KEY_ID", AWS_ID);
    env.put("AWS_SECRET_ACCESS_KEY", AWS_SECRET);
    env.put("AWS_SESSION_TOKEN", AWS_TOKEN);
    Scenario s = new Scenario("bedrock", "anthropic.claude-3-5-haiku-20241022-v1:0", env,
        List.of("--option-env", "aws-access-key-id=AWS_ACCESS_KEY_ID", "--option-env",
            "aws-secret-access-key=AWS_SECRET_ACCESS_KEY", "--option-env", "aws-session-token=AWS_SESSION_TOKEN"),
        "application/vnd.amazon.eventstream", messages, List.of(AWS_ID, AWS_SECRET, AWS_TOKEN));
    Outcome o = roundTrip(s, "bedrock-echo");
    assertThat(o.request().path()).isEqualTo("/v1/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse-stream");
    assertThat(o.request().header("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=" + AWS_ID + "/")
        .contains("Signature=");
    assertThat(o.request().header("x-amz-security-token")).isEqualTo(AWS_TOKEN);
    // Every message but the re-framed exception is byte for byte as served.
    List<byte[]> recorded = WireSplitter.eventStream(o.golden().wire());
    assertThat(recorded).hasSameSizeAs(messages);
    for (int i = 0; i < messages.size() - 1; i++) {
      assertThat(recorded.get(i)).as("message %d", i).isEqualTo(messages.get(i));
    }
    assertThat(new String(recorded.get(recorded.size() - 1), StandardCharsets.UTF_8))
        .contains("Too many tokens for *** (token ***, secret ***)");
    String json = Files.readString(dir.resolve("bedrock-echo").resolve("bedrock-echo.json"));
    assertThat(json).contains("\"authorization\": \"***\"").contains("\"x-amz-security-token\": \"***\"");
  }

  /** A clean golden: the transcript is the served body, byte for byte, and decodes to the live chunks. */
  @Test
  void bedrockTextIsRecordedByteForByte() throws Exception {
    Golden golden = GoldenTranscripts.load("bedrock", "text");
    Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", AWS_ID, "AWS_SECRET_ACCESS_KEY", AWS_SECRET);
    Scenario s = new Scenario("bedrock", "us.amazon.nova-micro-v1:0", env,
        List.of("--option-env", "aws-access-key-id=AWS_ACCESS_KEY_ID", "--option-env",
            "aws-secret-access-key=AWS_SECRET_ACCESS_KEY"),
        "application/vnd.amazon.eventstream", WireSplitter.eventStream(golden.wire()), List.of(AWS_ID, AWS_SECRET));
    Outcome o = roundTrip(s, "bedrock-text");
    assertThat(o.golden().wire()).isEqualTo(golden.wire());
    assertThat(o.golden().expect().text()).isEqualTo(golden.expect().text());
    assertThat(o.golden().expect().usage()).isEqualTo(golden.expect().usage());
  }

  // ---------------------------------------------------------------- the round trip

  record Scenario(String provider, String model, Map<String, String> env, List<String> credentialArgs,
      String contentType, List<byte[]> pieces, List<String> canaries) {}

  record Outcome(Golden golden, RecordedRequest request) {}

  private Outcome roundTrip(Scenario s, String name) throws Exception {
    try (WireServer server = WireServer.start()) {
      Response served = Response.status(200).header("Content-Type", s.contentType())
          .header("X-Echo", String.join(",", s.canaries())).writeEach(s.pieces(), Duration.ofMillis(5));
      server.enqueue(served).enqueue(served);
      String base = server.baseUri() + "v1";

      // The live stream, as an application would see it.
      Rill.Builder b = Rill.builder().environment(s.env()::get).baseUrl(s.provider(), base);
      List<String> args = s.credentialArgs();
      if (args.get(0).equals("--api-key-env")) {
        b.apiKey(s.provider(), s.env().get(args.get(1)));
      } else {
        for (int i = 1; i < args.size(); i += 2) {
          String[] pair = args.get(i).split("=", 2);
          b.option(s.provider(), pair[0], s.env().get(pair[1]));
        }
      }
      List<StreamChunk> live = new ArrayList<>();
      RillException liveError = null;
      try (Rill rill = b.build(); ChatStream stream = rill.stream(ChatRequest.builder(s.provider() + ":" + s.model())
          .user("Say hello").build(), StreamOptions.basic())) {
        stream.forEach(live::add).join();
      } catch (CompletionException e) {
        liveError = (RillException) e.getCause();
      }
      assertThat(live).as("live chunks").isNotEmpty();
      if (liveError != null) {
        String told = liveError + " " + liveError.providerMessage() + " " + liveError.providerCode() + " "
            + liveError.rawEvent();
        for (String canary : s.canaries()) {
          assertThat(told).as("the live error (every credential of the call is redacted)").doesNotContain(canary);
        }
      }
      server.takeRequest(Duration.ofSeconds(2));

      // The recording.
      Path out = dir.resolve(name);
      List<String> command = new ArrayList<>(List.of("record", "--provider", s.provider(), "--model", s.model(),
          "--prompt", "Say hello", "--base-url", base, "--out", out.toString()));
      command.addAll(args);
      command.add(name);
      RecordCommandTest.Run run = RecordCommandTest.record(s.env(), command.toArray(String[]::new));
      assertThat(run.exit()).as(run.toString()).isZero();
      RecordedRequest sent = server.takeRequest(Duration.ofSeconds(2));
      assertThat(sent).isNotNull();
      for (String canary : s.canaries()) {
        assertThat(run.out() + run.err()).doesNotContain(canary).doesNotContain(canary.replace("/", "\\/"));
        assertNoFileHolds(out, canary);
        assertNoFileHolds(out, canary.replace("/", "\\/"));
      }

      // Offline, it decodes to the live chunks and the live outcome; the expectation it carries agrees.
      Golden g = GoldenTranscripts.read(out.resolve(name + ".json"));
      StreamingProvider plugin = ProviderRegistry.discover(getClass().getClassLoader()).require(s.provider());
      ChatRequest request = ChatRequest.builder(s.model()).user("Say hello").build();
      OfflineDecoder.Result offline = OfflineDecoder.decode(plugin, request, g.wire());
      assertThat(offline.chunks()).as("offline chunks").isEqualTo(live);
      if (liveError != null) {
        assertThat(offline.error()).as("offline error").isNotNull();
        assertThat(offline.error().kind()).isEqualTo(liveError.kind());
        assertThat(g.expect().mismatches(offline.response(), offline.error())).isEmpty();
      } else {
        assertThat(offline.error()).isNull();
        assertThat(offline.ended()).isTrue();
        assertThat(g.expect().mismatches(offline.response())).isEmpty();
      }

      // rill decode reads the body file.
      CliRun decoded = CliRun.run("decode", "--provider", s.provider(), "--model", s.model(),
          out.resolve(name + "." + GoldenTranscripts.extension(g.framing())).toString(), "--json");
      List<Map<String, Object>> lines = JsonObjects.lines(decoded.out());
      assertThat(lines.stream().filter(l -> "chunk".equals(l.get("type"))).count()).as(decoded.toString())
          .isEqualTo(live.size());
      assertThat(lines.get(lines.size() - 1).get("type")).isEqualTo(liveError != null ? "error" : "response");

      // The kit reads it from a class path (as rill certify reads a plugin jar's transcripts).
      Path root = dir.resolve(name + "-classpath");
      Path transcripts = Files.createDirectories(root.resolve(GoldenTranscripts.ROOT + s.provider()));
      try (Stream<Path> files = Files.list(out)) {
        for (Path f : files.toList()) {
          Files.copy(f, transcripts.resolve(f.getFileName().toString()));
        }
      }
      try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
        assertThat(GoldenTranscripts.names(s.provider(), loader)).containsExactly(name);
        Golden packaged = GoldenTranscripts.load(s.provider(), name, loader);
        assertThat(packaged.wire()).isEqualTo(g.wire());
        assertThat(packaged.expect()).isEqualTo(g.expect());
      }
      return new Outcome(g, sent);
    }
  }

  private static void assertNoFileHolds(Path dir, String secret) throws Exception {
    byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        byte[] bytes = Files.readAllBytes(f);
        for (int i = 0; i + needle.length <= bytes.length; i++) {
          assertThat(Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length))
              .as("%s holds a canary at byte %d", f.getFileName(), i).isFalse();
        }
      }
    }
  }

  /** Test encoder of AWS event-stream messages, written from the format (independent of the production code). */
  static final class TestEventStream {
    private TestEventStream() {}

    static byte[] exception(String type, String json) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put(":exception-type", type);
      headers.put(":content-type", "application/json");
      headers.put(":message-type", "exception");
      return message(headers, json.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] message(Map<String, String> headers, byte[] payload) {
      ByteArrayOutputStream h = new ByteArrayOutputStream();
      headers.forEach((k, v) -> {
        byte[] name = k.getBytes(StandardCharsets.UTF_8);
        byte[] value = v.getBytes(StandardCharsets.UTF_8);
        h.write(name.length);
        h.writeBytes(name);
        h.write(7);
        h.write(value.length >> 8);
        h.write(value.length & 0xff);
        h.writeBytes(value);
      });
      byte[] headerBytes = h.toByteArray();
      int total = 12 + headerBytes.length + payload.length + 4;
      ByteArrayOutputStream out = new ByteArrayOutputStream(total);
      writeInt(out, total);
      writeInt(out, headerBytes.length);
      writeInt(out, crc(out.toByteArray()));
      out.writeBytes(headerBytes);
      out.writeBytes(payload);
      writeInt(out, crc(out.toByteArray()));
      return out.toByteArray();
    }

    private static int crc(byte[] bytes) {
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(bytes);
      return (int) crc.getValue();
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
      out.write(v >>> 24);
      out.write(v >>> 16);
      out.write(v >>> 8);
      out.write(v);
    }
  }
}
