package dev.rill.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/integrations.md} stays true: every Java block on the page appears, line for line (indentation aside),
 * in a {@code *Snippets.java} file under some module's {@code src/test/java}, which the build compiles; and the
 * runtime's snippets run over loopback.
 */
class IntegrationSnippetsTest {
  WireServer server;
  Rill rill;

  @BeforeEach
  void start() {
    server = WireServer.start();
    rill = Rill.builder().discover(false).register(new LineProvider())
        .baseUrl("line", server.baseUri().toString()).apiKey("line", "k1").build();
  }

  @AfterEach
  void stop() {
    rill.close();
    server.close();
  }

  static ChatRequest request() {
    return ChatRequest.builder("line:m").user("hi").build();
  }

  static String normalise(String code) {
    return code.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
  }

  @Test
  void everyJavaBlockOfTheIntegrationsPageIsCompiledSource() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    Path page = root.resolve("docs/integrations.md");
    assertThat(page).exists();
    List<String> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(f -> f.getFileName().toString().endsWith("Snippets.java"))
          .filter(f -> f.toString().contains("src" + java.io.File.separator + "test" + java.io.File.separator + "java"))
          .filter(f -> !f.toString().contains(java.io.File.separator + "target" + java.io.File.separator))
          .toList()) {
        sources.add(normalise(Files.readString(p)));
      }
    }
    assertThat(sources).hasSizeGreaterThanOrEqualTo(3);
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(page));
    int blocks = 0;
    while (m.find()) {
      blocks++;
      String block = normalise(m.group(1));
      assertThat(sources).as("a *Snippets.java file containing:\n" + block).anyMatch(s -> s.contains(block));
    }
    assertThat(blocks).isGreaterThanOrEqualTo(6);
  }

  @Test
  void theRuntimeSnippetsRun() {
    String[] hello = {"data: t:Hel\n\n", "data: t:lo\n\n", "data: f:stop\n\n", "data: [DONE]\n\n"};
    server.enqueue(Response.sse(hello));
    StringBuilder answer = new StringBuilder();
    IntegrationSnippets.blocking(rill, request(), answer);
    assertThat(answer.toString()).isEqualTo("Hello");
    server.enqueue(Response.json(429, "{}"));
    StringBuilder failed = new StringBuilder();
    IntegrationSnippets.blocking(rill, request(), failed);
    assertThat(failed.toString()).startsWith("RATE_LIMITED: ");

    server.enqueue(Response.sse("data: t:Hi\n\n", "data: c:0,c1,lookup,{}\n\n", "data: f:tool_calls\n\n",
        "data: [DONE]\n\n"));
    StringBuilder out = new StringBuilder();
    IntegrationSnippets.handler(rill, request(), out);
    assertThat(out.toString()).startsWith("Hi[lookup{}] (");

    server.enqueue(Response.json(503, "{}"));
    server.enqueue(Response.sse(hello));
    assertThat(IntegrationSnippets.reactor(rill, request())).isEqualTo("Hello");

    server.enqueue(Response.json(503, "{}"));
    server.enqueue(Response.sse(hello));
    assertThat(IntegrationSnippets.rxJava(rill, request())).isEqualTo(3);

    server.enqueue(Response.json(503, "{}"));
    server.enqueue(Response.sse(hello));
    assertThat(IntegrationSnippets.mutiny(rill, request())).isEqualTo(3);
  }
}
