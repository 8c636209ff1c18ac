package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.server.RecordedRequest;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StreamCommandTest {
  private static final String KEY = "sk-test-Zq81SecretKeyValue0042";
  private static final Map<String, String> ENV = Map.of("RILL_TEST_KEY", KEY);
  private static final Golden TEXT = GoldenTranscripts.load("openai", "text-usage");

  private WireServer server;

  @BeforeEach
  void start() {
    server = WireServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Response goldenReplay() {
    return Response.status(200).header("Content-Type", "text/event-stream")
        .writeEach(WireSplitter.split(TEXT.framing(), TEXT.wire()), Duration.ofMillis(1));
  }

  @Test
  void streamsTokensFromTheServerAtTheBaseUrl() {
    server.enqueue(goldenReplay());

    CliRun run = CliRun.run(ENV, "stream", "openai:gpt-4o-mini", "Why is the sky blue?",
        "--base-url", server.baseUri().toString(), "--api-key-env", "RILL_TEST_KEY",
        "--system", "Be brief.", "--max-tokens", "100");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).isEqualTo(TEXT.expect().text() + "\n");
    assertThat(run.err()).contains("[openai:gpt-4o-mini-2024-07-18]").contains("finish STOP (raw \"stop\")");
    RecordedRequest sent = server.takeRequest(Duration.ofSeconds(2));
    assertThat(sent.path()).endsWith("/chat/completions");
    assertThat(sent.header("authorization")).isEqualTo("Bearer " + KEY);
    assertThat(sent.bodyText()).contains("\"Be brief.\"").contains("\"Why is the sky blue?\"").contains("100");
    assertThat(run.all()).doesNotContain(KEY);
  }

  @Test
  void aSchemaAndASeedGoIntoTheRequestAndTheAnswerIsTheJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    Golden structured = GoldenTranscripts.load("openai", "structured-output");
    server.enqueue(Response.status(200).header("Content-Type", "text/event-stream").write(structured.wire()));
    String schema = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
        + "\"required\":[\"city\"],\"additionalProperties\":false}";
    java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("city.schema.json"), schema);

    CliRun run = CliRun.run(ENV, "stream", "openai:gpt-4o-mini", "Name a city.", "--base-url",
        server.baseUri().toString(), "--api-key-env", "RILL_TEST_KEY", "--seed", "7", "--schema", "city=" + file);

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).isEqualTo(structured.expect().text() + "\n");
    assertThat(server.takeRequest(Duration.ofSeconds(2)).bodyText()).endsWith("\"seed\":7,\"response_format\":"
        + "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"city\",\"schema\":" + schema
        + ",\"strict\":true}}}");
  }

  @Test
  void aSchemaFileThatCannotBeReadIsAUsageError() {
    CliRun run = CliRun.run(ENV, "stream", "openai:gpt-4o-mini", "x", "--base-url", server.baseUri().toString(),
        "--api-key-env", "RILL_TEST_KEY", "--schema", "city=/nonexistent/city.json");

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("--schema: cannot read");
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void jsonPrintsChunksThenTheResponse() {
    server.enqueue(goldenReplay());

    CliRun run = CliRun.run(ENV, "stream", "openai:gpt-4o-mini", "Why is the sky blue?",
        "--base-url", server.baseUri().toString(), "--api-key-env", "RILL_TEST_KEY", "--json");

    assertThat(run.exit()).as(run.toString()).isZero();
    List<Map<String, Object>> lines = JsonObjects.lines(run.out());
    assertThat(lines.get(0)).containsEntry("type", "chunk");
    assertThat(lines.get(lines.size() - 1)).containsEntry("type", "response")
        .containsEntry("text", TEXT.expect().text());
  }

  @Test
  void unauthorizedExitsWithTheKindAndNeverPrintsTheKey() {
    String body = "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ". You can find your API key at"
        + " https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\",\"param\":null,"
        + "\"code\":\"invalid_api_key\"}}";
    server.enqueue(Response.json(401, body));
    server.enqueue(Response.json(401, body));

    CliRun run = CliRun.run(ENV, "stream", "openai:gpt-4o-mini", "Hi",
        "--base-url", server.baseUri().toString(), "--api-key-env", "RILL_TEST_KEY");

    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).startsWith("rill stream: AUTHENTICATION");
    assertThat(run.all()).doesNotContain(KEY);

    CliRun json = CliRun.run(ENV, "stream", "openai:gpt-4o-mini", "Hi",
        "--base-url", server.baseUri().toString(), "--api-key-env", "RILL_TEST_KEY", "--json");

    assertThat(json.exit()).as(json.toString()).isEqualTo(1);
    List<Map<String, Object>> lines = JsonObjects.lines(json.out());
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).containsEntry("type", "error").containsEntry("kind", "AUTHENTICATION")
        .containsEntry("httpStatus", 401L);
    assertThat(json.all()).doesNotContain(KEY);
  }

  /** The error code echoed the key: "[HTTP 401, code sk-...]" on stderr, and the key twice under --json. */
  @Test
  void aKeyEchoedAsTheErrorCodeIsNeverPrinted() {
    String body = "{\"error\":{\"message\":\"bad key\",\"type\":\"invalid_request_error\",\"code\":\"" + KEY
        + "\"}}";
    server.enqueue(Response.json(401, body));
    server.enqueue(Response.json(401, body));

    CliRun run = CliRun.run(ENV, "stream", "openai:gpt-4o-mini", "Hi",
        "--base-url", server.baseUri().toString(), "--api-key-env", "RILL_TEST_KEY");
    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).contains("code ***");
    assertThat(run.all()).doesNotContain(KEY);

    CliRun json = CliRun.run(ENV, "stream", "openai:gpt-4o-mini", "Hi",
        "--base-url", server.baseUri().toString(), "--api-key-env", "RILL_TEST_KEY", "--json");
    assertThat(json.exit()).as(json.toString()).isEqualTo(1);
    assertThat(JsonObjects.lines(json.out()).get(0)).containsEntry("providerCode", "***");
    assertThat(json.all()).doesNotContain(KEY);
  }

  @Test
  void usageErrorsExit2() {
    assertThat(CliRun.run("stream", "gpt-4o-mini", "Hi").exit()).isEqualTo(2); // no provider in the spec
    CliRun unknown = CliRun.run("stream", "nope:model", "Hi");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown provider 'nope'");
    CliRun unset = CliRun.run("stream", "openai:gpt-4o-mini", "Hi", "--api-key-env", "RILL_UNSET_VARIABLE");
    assertThat(unset.exit()).isEqualTo(2);
    assertThat(unset.err()).contains("RILL_UNSET_VARIABLE is not set");
    assertThat(CliRun.run("stream", "openai:gpt-4o-mini").exit()).isEqualTo(2); // no prompt
    assertThat(CliRun.run().exit()).isEqualTo(2); // no subcommand
  }

  @Test
  void aMissingKeyIsAnAuthenticationErrorNotACrash() {
    CliRun run = CliRun.run("stream", "openai:gpt-4o-mini", "Hi", "--base-url", server.baseUri().toString());
    // No key in this test's environment or properties: the provider refuses before any request, unless the
    // machine running the build has OPENAI_API_KEY set, in which case the server's 500 answers.
    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).startsWith("rill stream: ");
  }
}
