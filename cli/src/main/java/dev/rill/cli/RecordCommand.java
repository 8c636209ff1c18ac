package dev.rill.cli;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.Redaction;
import dev.rill.api.RillException;
import dev.rill.api.Secret;
import dev.rill.api.ToolCall;
import dev.rill.api.Usage;
import dev.rill.runtime.ChatStream;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import dev.rill.runtime.WireTap;
import dev.rill.testkit.golden.GoldenTranscripts;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rill record}: makes one real call through Rill and writes it as a golden transcript
 * ({@code <name>.<ext>} with the body bytes, {@code <name>.json} with the expected fold, and {@code index.txt}), the
 * format {@code docs/provider-authoring.md} documents.
 *
 * <p>The call is an ordinary Rill call (basic options) with a {@link WireTap} ({@link WireRecorder}): the request goes
 * straight to the provider, signed as the plugin signs it (AWS SigV4 included), and the tap keeps the response body
 * as the HTTP client read it, one entry per read. What Rill folds from those bytes is the expectation, so the
 * transcript and its expected fold agree by construction. Credentials never reach the files or the output: the tap
 * hears the request with credential headers and query parameters masked ({@link HttpCall#withoutCredentials()}),
 * and every credential of the call (the key, and the values of the options given with {@code --option-env} whose
 * names {@link Redaction#isSensitiveOption} names) is taken out of everything written with {@link Redaction}: every
 * occurrence in the response body (byte for byte, also where it spans two reads, the read boundaries kept; an AWS
 * event-stream message re-framed by {@link EventStreamRedaction} so it still decodes), in header values, and in the
 * expected fold (so a provider that echoes the key in an error body or event records {@code ***} on both sides, and
 * the transcript still agrees with itself).
 */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    name = "record",
    header = "Record a real streamed call as a golden transcript.",
    description = "Makes one call through Rill, taps its wire bytes, and"
        + " writes DIR/NAME.<sse|ndjson|bin|jsonarray> (the body, as received), DIR/NAME.json (the expected fold,"
        + " and the read boundaries) and adds NAME to DIR/index.txt. Credentials are redacted.")
final class RecordCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--provider", required = true, paramLabel = "ID", description = "The provider id, e.g. openai.")
  private String provider;

  @Option(names = "--model", required = true, paramLabel = "M", description = "The model, e.g. gpt-4o-mini.")
  private String model;

  @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The user message.")
  private String prompt;

  @Option(names = "--base-url", paramLabel = "URL", description = "The provider's base URL (default: its own).")
  private String baseUrl;

  @Option(names = "--api-key-env", paramLabel = "VAR", description = "Read the API key from this environment"
      + " variable (default: the provider's).")
  private String apiKeyEnv;

  @Option(names = "--option-env", paramLabel = "NAME=VAR", description = "Set the provider option NAME from the"
      + " environment variable VAR (repeatable), e.g. aws-secret-access-key=AWS_SECRET_ACCESS_KEY for Bedrock's SigV4.")
  private Map<String, String> optionEnv = new LinkedHashMap<>();

  @Option(names = "--description", paramLabel = "TEXT", description = "The transcript's one-line description.")
  private String description;

  @Option(names = "--source", paramLabel = "URL", description = "The documentation page the call illustrates.")
  private String source;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "The transcript folder, e.g."
      + " src/main/resources/META-INF/rill/transcripts/<id>.")
  private Path out;

  @Parameters(index = "0", paramLabel = "NAME", description = "The transcript's base name, e.g. text-usage.")
  private String name;

  private final UnaryOperator<String> environment;

  /** Reads keys from the process environment. */
  RecordCommand() {
    this(System::getenv);
  }

  /** Reads keys through {@code environment} (tests). */
  RecordCommand(UnaryOperator<String> environment) {
    this.environment = Objects.requireNonNull(environment);
  }

  @Override
  public Integer call() throws IOException {
    CommandLine cli = spec.commandLine();
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new ParameterException(cli, "NAME must be letters, digits, '.', '_' or '-': " + name);
    }
    PrintWriter err = cli.getErr();
    ProviderInfo info;
    try (Rill discovery = Rill.builder().build()) {
      info = discovery.providers().find(provider).map(p -> p.info()).orElseThrow(() -> UsageErrors.unknownProvider(cli,
          provider, discovery.providers().ids()));
    }
    URI upstream;
    try {
      upstream = URI.create(baseUrl != null ? baseUrl : info.defaultBaseUrl().toString());
      if (upstream.getScheme() == null || upstream.getHost() == null) {
        throw new IllegalArgumentException("an absolute http(s) URL is needed");
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cli, "bad --base-url '" + baseUrl + "': " + e.getMessage());
    }
    String keyVar = apiKeyEnv != null ? apiKeyEnv : info.apiKeyEnv();
    String key = keyVar == null ? null : environment.apply(keyVar);
    if (apiKeyEnv != null && (key == null || key.isBlank())) {
      throw new ParameterException(cli, "--api-key-env: the environment variable " + apiKeyEnv + " is not set");
    }
    if (apiKeyEnv == null && (key == null || key.isBlank())) {
      key = System.getProperty("rill.provider." + provider + ".api-key"); // the runtime reads it too: redact it
    }
    Map<String, String> options = new LinkedHashMap<>();
    optionEnv.forEach((option, variable) -> {
      String value = environment.apply(variable);
      if (value == null || value.isBlank()) {
        throw new ParameterException(cli, "--option-env " + option + ": the environment variable " + variable
            + " is not set");
      }
      options.put(option, value.strip());
    });
    Secret secret = key == null || key.isBlank() ? null : Secret.of(key.strip());
    Redaction redaction = Redaction.of(ProviderSettings.of(provider, upstream, secret, Map.of(), options));

    ChatResponse response;
    RillException failure = null;
    WireRecorder recorder = new WireRecorder();
    Rill.Builder b = Rill.builder().environment(environment).baseUrl(provider, upstream.toString());
    if (secret != null) {
      b.apiKey(provider, secret.reveal());
    }
    options.forEach((option, value) -> b.option(provider, option, value));
    try (Rill rill = b.build(); ChatStream stream = rill.stream(ChatRequest.builder(provider + ":" + model)
        .user(prompt).build(), StreamOptions.basicBuilder().wireTap(recorder).build())) {
      response = stream.collect().join();
    } catch (CompletionException | RillException e) {
      failure = StreamCommand.asRillException(e);
      response = failure.partial();
    }
    if (recorder.recording() == null) {
      err.println("rill record: the call was never sent: "
          + (failure != null ? redaction.apply(failure.getMessage()) : "no request"));
      err.flush();
      return RillCommand.STREAM_ERROR;
    }
    if (!recorder.awaitEnd(Duration.ofSeconds(10))) {
      err.println("rill record: the exchange did not end; writing what was received");
    }
    Recording recording = recorder.recording().redacted(redaction, info.framing());
    Files.createDirectories(out);
    String ext = GoldenTranscripts.extension(info.framing());
    Files.write(out.resolve(name + "." + ext), recording.body());
    Files.writeString(out.resolve(name + ".json"), redaction.apply(json(info, recording, response, failure)),
        StandardCharsets.UTF_8);
    Path index = out.resolve(GoldenTranscripts.INDEX);
    List<String> names = Files.exists(index) ? Files.readAllLines(index, StandardCharsets.UTF_8) : new ArrayList<>();
    if (names.stream().map(String::strip).noneMatch(name::equals)) {
      Files.writeString(index, (names.isEmpty() ? "# golden transcripts of " + provider + ", one name per line\n"
          : "") + name + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    }
    PrintWriter o = cli.getOut();
    o.println("recorded " + out.resolve(name + "." + ext) + " (" + recording.body().length + " bytes in "
        + recording.reads().size() + " reads, HTTP " + recording.status() + ") and " + out.resolve(name + ".json"));
    if (failure != null) {
      o.println("the call failed: " + failure.kind() + (failure.providerCode() != null ? " ("
          + redaction.apply(failure.providerCode()) + ")" : "") + "; the transcript expects that error");
    }
    o.flush();
    return RillCommand.OK;
  }

  // ---------------------------------------------------------------- the transcript's JSON

  private String json(ProviderInfo info, Recording x, ChatResponse r, RillException failure) {
    ChatResponse fold = r != null ? r : new ChatResponse(provider, model, null, "", "", "", List.of(), null, null, 0,
        List.of(), List.of(), null, List.of());
    StringBuilder j = new StringBuilder(2048);
    j.append("{\n");
    field(j, 1, "provider", q(provider)).append(",\n");
    field(j, 1, "model", q(model)).append(",\n");
    field(j, 1, "framing", q(info.framing().name())).append(",\n");
    field(j, 1, "description", q(description != null ? description : "Recorded with rill record from "
        + x.upstream())).append(",\n");
    field(j, 1, "source", source != null ? q(source) : "null").append(",\n");
    field(j, 1, "request", "{\"prompt\": " + q(prompt) + "}").append(",\n");
    j.append("  \"expect\": {\n");
    field(j, 2, "text", q(fold.text())).append(",\n");
    field(j, 2, "reasoning", q(fold.reasoning())).append(",\n");
    field(j, 2, "refusal", q(fold.refusal())).append(",\n");
    StringBuilder calls = new StringBuilder("[");
    for (ToolCall c : fold.toolCalls()) {
      calls.append(calls.length() > 1 ? ", " : "").append("{\"id\": ").append(q(c.id())).append(", \"name\": ")
          .append(q(c.name())).append(", \"arguments\": ").append(q(c.arguments())).append('}');
    }
    field(j, 2, "toolCalls", calls.append(']').toString()).append(",\n");
    field(j, 2, "finishReason", failure != null || fold.finishReason() == null ? "null"
        : "{\"kind\": " + q(fold.finishReason().kind().name()) + ", \"raw\": " + q(fold.finishReason().raw()) + "}")
        .append(",\n");
    Usage u = fold.usage();
    field(j, 2, "usage", failure != null || u == null ? "null" : "{\"inputTokens\": " + n(u.inputTokens())
        + ", \"outputTokens\": " + n(u.outputTokens()) + ", \"totalTokens\": " + n(u.totalTokens())
        + ", \"reasoningTokens\": " + n(u.reasoningTokens()) + ", \"cachedInputTokens\": "
        + n(u.cachedInputTokens()) + ", \"cacheWriteTokens\": " + n(u.cacheWriteTokens()) + "}").append(",\n");
    field(j, 2, "error", failure == null ? "null" : "{\"kind\": " + q(failure.kind().name())
        + (failure.providerCode() != null ? ", \"code\": " + q(failure.providerCode()) : "") + "}").append('\n');
    j.append("  },\n");
    j.append("  \"recording\": {\n");
    field(j, 2, "recordedAt", q(Instant.now().toString())).append(",\n");
    field(j, 2, "upstream", q(x.upstream())).append(",\n");
    field(j, 2, "status", Integer.toString(x.status())).append(",\n");
    field(j, 2, "contentType", x.contentType() == null ? "null" : q(x.contentType())).append(",\n");
    StringBuilder headers = new StringBuilder("{");
    x.requestHeaders().forEach((k, v) -> headers.append(headers.length() > 1 ? ", " : "").append(q(k)).append(": ")
        .append(q(HttpCall.isSensitiveHeader(k) ? "***" : v)));
    field(j, 2, "requestHeaders", headers.append('}').toString()).append(",\n");
    StringBuilder reads = new StringBuilder("[");
    for (byte[] read : x.reads()) {
      reads.append(reads.length() > 1 ? ", " : "").append(read.length);
    }
    field(j, 2, "reads", reads.append(']').toString()).append('\n');
    j.append("  }\n}\n");
    return j.toString();
  }

  private static StringBuilder field(StringBuilder j, int depth, String name, String value) {
    return j.append("  ".repeat(depth)).append(q(name)).append(": ").append(value);
  }

  private static String n(Long v) {
    return v == null ? "null" : v.toString();
  }

  static String q(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
