package dev.rill.cli;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.Redaction;
import dev.rill.api.ResponseFormat;
import dev.rill.api.RillException;
import dev.rill.api.Secret;
import dev.rill.runtime.ChatStream;
import dev.rill.runtime.ModelSpec;
import dev.rill.runtime.Rill;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rill stream}: one real streamed call through Rill, tokens printed as they arrive. Text goes to
 * standard output and a one-line summary to standard error, so the output pipes cleanly. Errors print the
 * {@link RillException}'s message (keys are never part of it) and exit 1.
 */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    name = "stream",
    header = "Stream one chat response from a provider.",
    description = "Streams one chat response through Rill, printing tokens as they arrive. Needs the provider's"
        + " API key (its environment variable, e.g. OPENAI_API_KEY, or --api-key-env) unless the server needs none.")
final class StreamCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SPEC", description = "provider:model, e.g. openai:gpt-4o-mini or ollama:llama3:8b.")
  private String modelSpec;

  @Parameters(index = "1", paramLabel = "PROMPT", description = "The user message.")
  private String prompt;

  @Option(names = "--base-url", paramLabel = "URL", description = "The provider's base URL, e.g. a local OpenAI-compatible server.")
  private String baseUrl;

  @Option(names = "--api-key-env", paramLabel = "VAR", description = "Read the API key from this environment variable.")
  private String apiKeyEnv;

  @Option(names = "--system", paramLabel = "TEXT", description = "A system prompt.")
  private String system;

  @Option(names = "--max-tokens", paramLabel = "N", description = "The most tokens to generate.")
  private Integer maxTokens;

  @Option(names = "--seed", paramLabel = "N", description = "A sampling seed, for providers whose API takes one.")
  private Integer seed;

  @Option(names = "--schema", paramLabel = "NAME=FILE",
      description = "Ask for JSON following the JSON Schema in FILE (structured output), under the schema name NAME.")
  private String schema;

  @Option(names = "--json", description = "One JSON object per chunk, then {\"type\":\"response\",...} or {\"type\":\"error\",...}.")
  private boolean json;

  private final UnaryOperator<String> environment;

  /** Reads keys from the process environment. */
  StreamCommand() {
    this(System::getenv);
  }

  /** Reads {@code --api-key-env} variables through {@code environment} (tests). */
  StreamCommand(UnaryOperator<String> environment) {
    this.environment = Objects.requireNonNull(environment);
  }

  @Override
  public Integer call() {
    CommandLine cli = spec.commandLine();
    ModelSpec parsed;
    try {
      parsed = ModelSpec.parse(modelSpec);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cli, "bad SPEC '" + modelSpec + "': " + e.getMessage());
    }
    if (parsed.provider() == null) {
      throw new ParameterException(cli, "SPEC must name the provider: provider:model, e.g. openai:" + parsed.model());
    }
    String id = parsed.provider();
    if (maxTokens != null && maxTokens <= 0) {
      throw new ParameterException(cli, "--max-tokens must be positive: " + maxTokens);
    }
    ResponseFormat format = schema == null ? null : responseFormat(cli);
    Rill.Builder builder = Rill.builder();
    if (baseUrl != null) {
      try {
        URI uri = URI.create(baseUrl);
        if (uri.getScheme() == null || uri.getHost() == null) {
          throw new IllegalArgumentException("an absolute http(s) URL is needed");
        }
      } catch (IllegalArgumentException e) {
        throw new ParameterException(cli, "bad --base-url '" + baseUrl + "': " + e.getMessage());
      }
      builder.baseUrl(id, baseUrl);
    }
    String key = null;
    if (apiKeyEnv != null) {
      key = environment.apply(apiKeyEnv);
      if (key == null || key.isBlank()) {
        throw new ParameterException(cli, "--api-key-env: the environment variable " + apiKeyEnv + " is not set");
      }
      builder.apiKey(id, key.strip());
    }

    PrintWriter out = cli.getOut();
    PrintWriter err = cli.getErr();
    JsonLines lines = new JsonLines(out);
    ChunkPrinter printer = new ChunkPrinter(out, CommandLine.Help.Ansi.AUTO.enabled());
    Redaction redaction = Redaction.NONE;
    try (Rill rill = builder.build()) {
      if (rill.providers().find(id).isEmpty()) {
        throw UsageErrors.unknownProvider(cli, id, rill.providers().ids());
      }
      redaction = redactionFor(key, rill.providers().require(id).info().apiKeyEnv());
      ChatRequest.Builder request = ChatRequest.builder(modelSpec);
      if (system != null) {
        request.system(system);
      }
      request.user(prompt);
      if (maxTokens != null) {
        request.maxTokens(maxTokens);
      }
      if (seed != null) {
        request.seed(seed);
      }
      request.responseFormat(format);
      long start = System.nanoTime();
      AtomicLong firstChunk = new AtomicLong();
      ChatResponse response;
      try (ChatStream stream = rill.stream(request.build())) {
        response = stream.forEach(chunk -> {
          firstChunk.compareAndSet(0, System.nanoTime());
          if (json) {
            lines.chunk(chunk);
          } else {
            printer.print(chunk);
          }
        }).join();
      }
      long end = System.nanoTime();
      if (json) {
        lines.response(redaction.apply(response));
        return RillCommand.OK;
      }
      printer.finish();
      Duration total = Duration.ofNanos(end - start);
      String ttfc = firstChunk.get() == 0 ? "no chunks" : Text.duration(Duration.ofNanos(firstChunk.get() - start));
      err.println("[" + response.provider() + (response.model() != null ? ":" + response.model() : "") + "] "
          + response.chunkCount() + " chunks, first after " + ttfc + ", total " + Text.duration(total) + ", "
          + String.format(Locale.ROOT, "%.1f", response.chunkCount() * 1e9 / Math.max(1, end - start))
          + " chunks/s; finish " + Text.finishReason(response.finishReason()) + "; usage " + Text.usage(response.usage()));
      err.flush();
      return RillCommand.OK;
    } catch (CompletionException | RillException e) {
      RillException failure = asRillException(e);
      Redaction r = redaction;
      String message = r.apply(failure.getMessage());
      if (json) {
        lines.line("error", g -> {
          g.writeStringProperty("kind", failure.kind().name());
          g.writeStringProperty("message", message);
          if (failure.httpStatus().isPresent()) {
            g.writeNumberProperty("httpStatus", failure.httpStatus().getAsInt());
          }
          if (failure.providerCode() != null) {
            g.writeStringProperty("providerCode", r.apply(failure.providerCode()));
          }
        });
      } else {
        printer.finish();
        err.println("rill stream: " + message);
        err.flush();
      }
      return RillCommand.STREAM_ERROR;
    }
  }

  /** The Rill error behind {@code e}; anything else becomes a TRANSPORT error saying what happened. */
  static RillException asRillException(Throwable e) {
    Throwable t = e;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof RillException r) {
      return r;
    }
    return RillException.builder(ErrorKind.TRANSPORT).message("unexpected failure: " + Problems.describe(t)).cause(t).build();
  }

  /**
   * The runtime already redacts keys from errors; this is a second line of defence for what the CLI prints: the key
   * passed with {@code --api-key-env}, else the one in the provider's own environment variable.
   */
  private Redaction redactionFor(String passedKey, String providerVariable) {
    String k = passedKey;
    if ((k == null || k.isBlank()) && providerVariable != null) {
      k = environment.apply(providerVariable);
    }
    return k == null || k.isBlank() ? Redaction.NONE : Redaction.of(Secret.of(k));
  }

  /** {@code --schema NAME=FILE} as a JSON-schema response format; the schema is checked by the provider. */
  private ResponseFormat responseFormat(CommandLine cli) {
    int eq = schema.indexOf('=');
    if (eq <= 0 || eq == schema.length() - 1) {
      throw new ParameterException(cli, "--schema takes NAME=FILE, e.g. --schema city=city.schema.json");
    }
    String name = schema.substring(0, eq);
    Path file = Path.of(schema.substring(eq + 1));
    try {
      return ResponseFormat.jsonSchema(name, Files.readString(file));
    } catch (IOException e) {
      throw new ParameterException(cli, "--schema: cannot read " + file + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cli, "--schema: " + e.getMessage());
    }
  }
}
