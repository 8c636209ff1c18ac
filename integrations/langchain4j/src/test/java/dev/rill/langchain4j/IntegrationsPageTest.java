package dev.rill.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/integrations.md} stays true: every Java block on the page appears, line for line (indentation aside),
 * in a {@code *Snippets.java} file under some module's {@code src/test/java}, which the build compiles and whose code
 * that module's tests run ({@link LangChain4jSnippetsTest}, the starter's {@code SpringSnippetsTest}).
 */
class IntegrationsPageTest {
  static String normalise(String code) {
    return code.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
  }

  @Test
  void everyJavaBlockOfTheIntegrationsPageIsCompiledSource() throws IOException {
    Path root = Path.of("../..").toAbsolutePath().normalize();
    Path page = root.resolve("docs/integrations.md");
    assertThat(page).exists();
    List<String> sources = new ArrayList<>();
    String testDir = "src" + File.separator + "test" + File.separator + "java";
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(f -> f.getFileName().toString().endsWith("Snippets.java"))
          .filter(f -> f.toString().contains(testDir))
          .filter(f -> !f.toString().contains(File.separator + "target" + File.separator)).toList()) {
        sources.add(normalise(Files.readString(p)));
      }
    }
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(page));
    int blocks = 0;
    while (m.find()) {
      blocks++;
      String block = normalise(m.group(1));
      assertThat(sources).as("a *Snippets.java file containing:\n" + block).anyMatch(s -> s.contains(block));
    }
    assertThat(blocks).isGreaterThanOrEqualTo(4);
  }
}
