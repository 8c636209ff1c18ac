package dev.rill.cli;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderInfo;
import dev.rill.api.Redaction;
import dev.rill.api.RillException;
import dev.rill.api.Secret;
import dev.rill.api.ToolCall;
import dev.rill.api.Usage;
import dev.rill.runtime.ChatStream;
import dev.rill.runtime.Rill;
import dev.rill.testkit.golden.GoldenTranscripts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
 * <p>The runtime exposes decoded chunks, not raw bytes, so the call goes through a small recording proxy on the
 * loopback interface: Rill is pointed at the proxy (same base path as the real base URL), and the proxy relays the
 * request to the real base URL and the response back, one HTTP chunk per read of the upstream body, recording each
 * read. What Rill folds from the relayed bytes is the expectation, so the transcript and its expected fold agree by
 * construction. Credentials never reach the files or the output: request headers are written through
 * {@link HttpCall#isSensitiveHeader} redaction and the upstream URL through {@link HttpCall#withoutCredentials()},
 * and the key itself is taken out of everything written with {@link Redaction}: every occurrence in the response
 * body (byte for byte, also where it spans two reads, the read boundaries kept), in header values, and in the
 * expected fold (so a provider that echoes the key in an error body or event records {@code ***} on both sides, and
 * the transcript still agrees with itself).
 * A call signed for its host (AWS SigV4) cannot be relayed; record Bedrock with an API key (bearer token).
 */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    name = "record",
    header = "Record a real streamed call as a golden transcript.",
    description = "Makes one call through Rill via a loopback recording proxy that relays it to the provider, and"
        + " writes DIR/NAME.<sse|ndjson|bin|jsonarray> (the body, as relayed), DIR/NAME.json (the expected fold,"
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
    Redaction redaction = key == null || key.isBlank() ? Redaction.NONE : Redaction.of(Secret.of(key));

    ChatResponse response;
    RillException failure = null;
    Exchange exchange;
    try (RecordingProxy proxy = RecordingProxy.start(upstream)) {
      Rill.Builder b = Rill.builder().baseUrl(provider, proxy.baseUrl());
      if (key != null && !key.isBlank()) {
        b.apiKey(provider, key.strip());
      }
      try (Rill rill = b.build(); ChatStream stream = rill.stream(ChatRequest.builder(provider + ":" + model)
          .user(prompt).build())) {
        response = stream.collect().join();
      } catch (CompletionException | RillException e) {
        failure = StreamCommand.asRillException(e);
        response = failure.partial();
      }
      exchange = proxy.awaitExchange();
    }
    if (exchange == null) {
      err.println("rill record: the call never reached the recording proxy: "
          + (failure != null ? redaction.apply(failure.getMessage()) : "no request"));
      err.flush();
      return RillCommand.STREAM_ERROR;
    }
    exchange = exchange.redacted(redaction);
    Files.createDirectories(out);
    String ext = GoldenTranscripts.extension(info.framing());
    Files.write(out.resolve(name + "." + ext), exchange.body());
    Files.writeString(out.resolve(name + ".json"), redaction.apply(json(info, exchange, response, failure)),
        StandardCharsets.UTF_8);
    Path index = out.resolve(GoldenTranscripts.INDEX);
    List<String> names = Files.exists(index) ? Files.readAllLines(index, StandardCharsets.UTF_8) : new ArrayList<>();
    if (names.stream().map(String::strip).noneMatch(name::equals)) {
      Files.writeString(index, (names.isEmpty() ? "# golden transcripts of " + provider + ", one name per line\n"
          : "") + name + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    }
    PrintWriter o = cli.getOut();
    o.println("recorded " + out.resolve(name + "." + ext) + " (" + exchange.body().length + " bytes in "
        + exchange.reads().size() + " reads, HTTP " + exchange.status() + ") and " + out.resolve(name + ".json"));
    if (failure != null) {
      o.println("the call failed: " + failure.kind() + (failure.providerCode() != null ? " ("
          + redaction.apply(failure.providerCode()) + ")" : "") + "; the transcript expects that error");
    }
    o.flush();
    return RillCommand.OK;
  }

  // ---------------------------------------------------------------- the transcript's JSON

  private String json(ProviderInfo info, Exchange x, ChatResponse r, RillException failure) {
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

  // ---------------------------------------------------------------- the recording proxy

  /**
   * One relayed exchange.
   *
   * @param upstream the upstream URL, credentials redacted
   * @param requestHeaders the request headers Rill sent (names in lower case)
   * @param status the upstream status
   * @param contentType the upstream content type
   * @param reads the upstream body, one entry per read, as relayed
   */
  record Exchange(String upstream, Map<String, String> requestHeaders, int status, String contentType,
      List<byte[]> reads) {

    /** A copy without the credentials {@code r} knows: in the URL, header values, the content type and the body. */
    Exchange redacted(Redaction r) {
      Map<String, String> safe = new LinkedHashMap<>();
      requestHeaders.forEach((k, v) -> safe.put(k, HttpCall.isSensitiveHeader(k) ? Redaction.MASK : r.apply(v)));
      return new Exchange(r.apply(upstream), safe, status, r.apply(contentType), List.copyOf(r.applyToReads(reads)));
    }

    byte[] body() {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      reads.forEach(b::writeBytes);
      return b.toByteArray();
    }
  }

  /**
   * A loopback HTTP/1.1 forwarder for one call at a time: reads Rill's request, sends it to the real base URL's
   * host with {@link HttpURLConnection} (identity encoding), and relays the response with one chunk per upstream
   * read, recording the reads. Hop-by-hop and host headers are not forwarded.
   */
  static final class RecordingProxy implements AutoCloseable {
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length",
        "transfer-encoding", "accept-encoding", "upgrade", "keep-alive", "te", "trailer", "expect");

    private final URI upstream;
    private final ServerSocket server;
    private final Thread thread;
    private volatile Exchange exchange;
    private volatile IOException problem;

    private RecordingProxy(URI upstream) throws IOException {
      this.upstream = upstream;
      this.server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      this.thread = new Thread(this::serve, "rill-record-proxy");
      thread.setDaemon(true);
      thread.start();
    }

    static RecordingProxy start(URI upstream) throws IOException {
      return new RecordingProxy(upstream);
    }

    /** The base URL to give Rill: the proxy's address with the real base URL's path. */
    String baseUrl() {
      String path = upstream.getRawPath() == null ? "" : upstream.getRawPath();
      return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    Exchange awaitExchange() {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return exchange;
    }

    private void serve() {
      try (Socket s = server.accept()) {
        s.setSoTimeout(300_000);
        relay(s);
      } catch (IOException e) {
        problem = e;
      }
    }

    private void relay(Socket s) throws IOException {
      InputStream in = s.getInputStream();
      String head = readHead(in);
      String[] lines = head.split("\r\n");
      String[] requestLine = lines[0].split(" ");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1)
              .strip());
        }
      }
      byte[] body = readBody(in, headers);
      URI target = URI.create(upstream.getScheme() + "://" + upstream.getRawAuthority() + requestLine[1]);
      String redacted = HttpCall.post(target, Map.of(), new byte[0]).withoutCredentials().uri().toString();
      HttpURLConnection c = (HttpURLConnection) target.toURL().openConnection();
      c.setRequestMethod(requestLine[0]);
      c.setInstanceFollowRedirects(false);
      c.setConnectTimeout(30_000);
      c.setReadTimeout(300_000);
      headers.forEach((k, v) -> {
        if (!NOT_FORWARDED.contains(k)) {
          c.setRequestProperty(k, v);
        }
      });
      c.setRequestProperty("Accept-Encoding", "identity");
      if (body.length > 0) {
        // Not setFixedLengthStreamingMode: with it, the JDK answers a 401 with HttpRetryException ("cannot retry due
        // to server authentication, in streaming mode") and no error stream, so a 401's body was never recorded.
        c.setDoOutput(true);
        try (OutputStream up = c.getOutputStream()) {
          up.write(body);
        }
      }
      int status = c.getResponseCode();
      String type = c.getContentType();
      List<byte[]> reads = new ArrayList<>();
      OutputStream down = s.getOutputStream();
      String reason = c.getResponseMessage() == null ? "" : c.getResponseMessage();
      down.write(("HTTP/1.1 " + status + " " + reason + "\r\n" + (type != null ? "Content-Type: " + type + "\r\n" : "")
          + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      down.flush();
      InputStream upBody = status >= 400 ? c.getErrorStream() : c.getInputStream();
      try {
        if (upBody != null) {
          byte[] buf = new byte[16_384];
          for (int n; (n = upBody.read(buf)) > 0; ) {
            reads.add(java.util.Arrays.copyOf(buf, n));
            down.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            down.write(buf, 0, n);
            down.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            down.flush();
          }
        }
        down.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        down.flush();
      } catch (IOException e) {
        // Rill closed the connection (it had its terminator): what was relayed is the recording
      } finally {
        exchange = new Exchange(redacted, headers, status, type, List.copyOf(reads));
        c.disconnect();
      }
    }

    private static String readHead(InputStream in) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int state = 0;
      while (state < 4) {
        int c = in.read();
        if (c < 0) {
          throw new IOException("the client closed before the request head ended");
        }
        b.write(c);
        state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1
            : c == '\r' ? 1 : 0;
      }
      return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
      String length = headers.get("content-length");
      if (length != null) {
        return in.readNBytes(Integer.parseInt(length.strip()));
      }
      if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
          String size = readLine(in);
          int n = Integer.parseInt(size.split(";")[0].strip(), 16);
          if (n == 0) {
            while (!readLine(in).isEmpty()) {
              // trailers
            }
            return b.toByteArray();
          }
          b.writeBytes(in.readNBytes(n));
          readLine(in);
        }
      }
      return new byte[0];
    }

    private static String readLine(InputStream in) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
        if (c != '\r') {
          b.write(c);
        }
      }
      return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
