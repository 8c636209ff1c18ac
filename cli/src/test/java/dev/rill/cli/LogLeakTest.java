package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A canary key never reaches a log, whatever is switched on: representative calls (a stream, a 401 and a 500 whose
 * bodies echo the key, an error event and a malformed event quoting it, a cancel, a subscriber that throws, {@code rill
 * stream} with and without {@code --json}, and the same over HTTPS to a server that would speak HTTP/2) run in a child
 * JVM with slf4j-simple binding every SLF4J logger at TRACE (HttpClient 5's header and wire loggers included) and
 * {@code java.util.logging}, behind {@code System.Logger}, at ALL. Every byte the child writes to standard output,
 * standard error and its log files is searched for the key: zero hits.
 *
 * <p>The test also checks that the logs were live (HttpClient's header log printed {@code Authorization: ***}, the
 * runtime's System.Logger warning reached the file), and that the HTTPS server does negotiate HTTP/2 when those
 * loggers are off, so that the HTTP/1.1 it saw with them on was the runtime's choice.
 */
class LogLeakTest {
  static Path stores;
  static Path keyStore;
  static Path trustStore;

  @BeforeAll
  static void makeCertificate(@TempDir Path dir) throws Exception {
    stores = dir;
    Path[] made = TlsTestServer.makeStores(dir);
    keyStore = made[0];
    trustStore = made[1];
  }

  static String canary() {
    byte[] b = new byte[16];
    new SecureRandom().nextBytes(b);
    return "sk-canary-" + HexFormat.of().formatHex(b);
  }

  /** A fresh folder under target/, kept after the run for whoever needs to read the logs. */
  static Path logFolder(String name) throws IOException {
    Path dir = Path.of("target", "log-leak", name);
    if (Files.exists(dir)) {
      try (Stream<Path> old = Files.walk(dir)) {
        for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return Files.createDirectories(dir).toAbsolutePath();
  }

  @Test
  void noLoggerAtTraceNorSystemLoggerAtAllPrintsTheKey() throws Exception {
    Path logs = logFolder("trace");
    String key = canary();
    String error401 = "{\"error\":{\"message\":\"Incorrect API key provided: " + key + ".\",\"type\":"
        + "\"invalid_request_error\",\"code\":\"" + key + "\"}}";
    try (WireServer plain = WireServer.start(); TlsTestServer tls = TlsTestServer.start(keyStore)) {
      String golden = GoldenTranscripts.load("openai", "text-usage").wireText();
      plain.enqueue(Response.status(200).header("Content-Type", "text/event-stream").write(golden));
      plain.enqueue(Response.json(401, error401));
      for (int i = 0; i < 2; i++) {
        plain.enqueue(Response.json(500, "{\"error\":{\"message\":\"internal error for key " + key + "\",\"type\":"
            + "\"server_error\"}}"));
      }
      plain.enqueue(Response.sse("data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n",
          "data: {\"error\":{\"message\":\"key " + key + " was revoked\",\"type\":\"server_error\",\"code\":\"" + key
              + "\"}}\n\n"));
      plain.enqueue(Response.sse("data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":" + key
          + "}}]}\n\n"));
      plain.enqueue(Response.sse("data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n")
          .stallForever());
      for (int i = 0; i < 4; i++) {
        plain.enqueue(Response.json(401, error401)); // throwing subscriber, the two CLI calls, the credential source
      }
      tls.enqueue(200, "text/event-stream", golden);
      tls.enqueue(401, "application/json", error401);

      Child child = runChild(logs, "trace", "full", plain, tls, key);

      assertThat(child.exit()).as(child.describe()).isZero();
      assertThat(child.out()).as(child.describe()).contains("SCENARIO plain-ok: ok", "SCENARIO plain-401-echo: ",
          "SCENARIO plain-500-echo-retried: ", "SCENARIO plain-error-event-echo: ", "SCENARIO plain-malformed-echo: ",
          "SCENARIO plain-cancel: cancelled after the first chunk", "SCENARIO plain-throwing-subscriber: done",
          "SCENARIO cli-json-401-echo: exit 1", "SCENARIO cli-text-401-echo: exit 1", "SCENARIO tls-ok: ok",
          "SCENARIO tls-401-echo: ", "SCENARIO plain-source-401-echo: ", "SCENARIOS DONE");
      assertThat(plain.requestCount()).isEqualTo(11);

      String headerLog = Files.readString(logs.resolve("slf4j.log"), StandardCharsets.UTF_8);
      assertThat(headerLog).as("HttpClient's header log was on and printed the credential header, masked")
          .contains("org.apache.hc.client5.http.headers").contains(">> Authorization: ***")
          .contains("<< HTTP/1.1 401");
      assertThat(Files.readString(julLog(logs), StandardCharsets.UTF_8))
          .as("System.Logger records reached the java.util.logging file: the runtime's warning about the subscriber "
              + "that threw from onError, with its exception").contains("WARNING").contains("threw from onError")
          .contains("the application failed on: AUTHENTICATION");
      assertThat(tls.versions()).as("with HttpClient's header log on, HTTPS went over HTTP/1.1")
          .containsExactly("HTTP/1.1", "HTTP/1.1");

      List<String> hits = new ArrayList<>();
      byte[] needle = key.getBytes(StandardCharsets.UTF_8);
      try (Stream<Path> files = Files.walk(logs)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          byte[] bytes = Files.readAllBytes(f);
          assertThat(bytes.length).as(f + " is empty").isPositive();
          for (int i = 0; i + needle.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
              hits.add(f.getFileName() + " at byte " + i + ": " + context(bytes, i));
            }
          }
        }
      }
      assertThat(hits).as("the canary key in stdout, stderr or a log file").isEmpty();
    }
  }

  /** The control: with HttpClient's loggers at INFO the same client negotiates HTTP/2 with the same server. */
  @Test
  void httpsNegotiatesHttp2WhenHttpClientsHeaderLogIsOff() throws Exception {
    Path logs = logFolder("info");
    try (WireServer plain = WireServer.start(); TlsTestServer tls = TlsTestServer.start(keyStore)) {
      tls.enqueue(200, "text/event-stream", GoldenTranscripts.load("openai", "text-usage").wireText());
      Child child = runChild(logs, "info", "tls-only", plain, tls, canary());
      assertThat(child.exit()).as(child.describe()).isZero();
      assertThat(child.out()).contains("SCENARIO tls-ok: ok");
      assertThat(tls.versions()).containsExactly("HTTP/2.0");
    }
  }

  record Child(int exit, String out, String err) {
    String describe() {
      return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  static Child runChild(Path logs, String slf4jLevel, String mode, WireServer plain, TlsTestServer tls, String key)
      throws IOException, InterruptedException {
    Path julConfig = stores.resolve("logging-" + mode + ".properties");
    Files.writeString(julConfig, String.join("\n",
        "handlers=java.util.logging.FileHandler, java.util.logging.ConsoleHandler",
        ".level=ALL",
        "java.util.logging.FileHandler.pattern=" + logs.resolve("jul.log").toString().replace("\\", "/"),
        "java.util.logging.FileHandler.level=ALL",
        "java.util.logging.FileHandler.formatter=java.util.logging.SimpleFormatter",
        "java.util.logging.ConsoleHandler.level=ALL", ""), StandardCharsets.ISO_8859_1);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = List.of(java.toString(), "-cp", childClassPath(),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=" + slf4jLevel,
        "-Dorg.slf4j.simpleLogger.logFile=" + logs.resolve("slf4j.log"),
        "-Djava.util.logging.config.file=" + julConfig,
        "-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=" + TlsTestServer.PASSWORD,
        "-Djavax.net.ssl.trustStoreType=PKCS12",
        LogLeakScenarios.class.getName(), mode, plain.baseUri().toString(), tls.baseUri().toString(), key);
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectOutput(logs.resolve("stdout.txt").toFile())
        .redirectError(logs.resolve("stderr.txt").toFile());
    pb.environment().put("RILL_CANARY_KEY", key);
    Process p = pb.start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the child did not finish in 180 s");
    }
    return new Child(p.exitValue(), Files.readString(logs.resolve("stdout.txt"), StandardCharsets.UTF_8),
        Files.readString(logs.resolve("stderr.txt"), StandardCharsets.UTF_8));
  }

  /** This test's class path with slf4j-simple in place of the cli's slf4j-nop. */
  static String childClassPath() throws IOException {
    List<String> cp = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isBlank() && !entry.toLowerCase(Locale.ROOT).contains("slf4j-nop")) {
        cp.add(entry);
      }
    }
    try (Stream<Path> jars = Files.list(Path.of("target", "log-binding"))) {
      List<Path> simple = jars.filter(j -> j.getFileName().toString().startsWith("slf4j-simple")).toList();
      assertThat(simple).as("slf4j-simple, copied by the build into target/log-binding").hasSize(1);
      cp.add(simple.get(0).toAbsolutePath().toString());
    }
    return String.join(File.pathSeparator, cp);
  }

  static Path julLog(Path logs) throws IOException {
    try (Stream<Path> files = Files.list(logs)) {
      return files.filter(f -> f.getFileName().toString().startsWith("jul.log") && !f.toString().endsWith(".lck"))
          .findFirst().orElseThrow(() -> new AssertionError("no java.util.logging file"));
    }
  }

  static String context(byte[] bytes, int at) {
    int from = Math.max(0, at - 60);
    int to = Math.min(bytes.length, at + 80);
    return new String(bytes, from, to - from, StandardCharsets.UTF_8).replace('\n', ' ');
  }
}
