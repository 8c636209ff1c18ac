package dev.rill.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The docs cannot rot: every Java block of the user-facing docs is either a region of this module's sources (which
 * the other tests run) shown exactly as it is there, or says why it is not compiled (a peer library's code in a
 * migration guide). {@code ./mvnw -pl examples/guide test -Drill.docs.update=true} rewrites the docs' blocks from the
 * sources.
 */
class DocSnippetsTest {
  static final Path ROOT = Path.of(System.getProperty("rill.repository.root", "../..")).toAbsolutePath().normalize();
  static final Path SOURCES = ROOT.resolve("examples/guide/src/main/java/dev/rill/examples/guide");
  static final List<String> DOCS = List.of("README.md", "docs/getting-started.md", "docs/user-guide.md",
      "docs/migrating-from-openai-java.md", "docs/migrating-from-langchain4j.md", "docs/migrating-from-spring-ai.md");

  @Test
  void everyJavaBlockOfTheDocsIsTheCodeThatTheGuideTestsRun() throws IOException {
    boolean update = Boolean.getBoolean("rill.docs.update");
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (String name : DOCS) {
      Path doc = ROOT.resolve(name);
      assertThat(doc).as("a guide doc").exists();
      List<String> lines = new ArrayList<>(Snippets.read(doc));
      List<Snippets.Block> blocks = Snippets.blocks(doc);
      for (int b = blocks.size() - 1; b >= 0; b--) { // from the end, so a rewrite keeps earlier line numbers
        Snippets.Block block = blocks.get(b);
        Matcher marker = Snippets.MARKER.matcher(block.marker());
        if (!marker.matches()) {
          if (block.language().equals("java") && !Snippets.NOT_COMPILED.matcher(block.marker()).matches()) {
            problems.add(block.where() + ": a java block without <!-- snippet: File.java#tag --> or"
                + " <!-- not compiled: why --> on the line before it");
          }
          continue;
        }
        checked++;
        Path source = SOURCES.resolve(marker.group(1));
        if (!Files.isRegularFile(source)) {
          problems.add(block.where() + ": no source " + SOURCES.relativize(source));
          continue;
        }
        String code = Snippets.region(source, marker.group(2));
        if (code.equals(block.code())) {
          continue;
        }
        if (update) {
          for (int i = block.codeEnd() - 1; i >= block.codeStart(); i--) {
            lines.remove(i);
          }
          lines.addAll(block.codeStart(), List.of(code.split("\n", -1)));
        } else {
          problems.add(block.where() + ": differs from " + marker.group(1) + "#" + marker.group(2)
              + " (rewrite the docs with -Drill.docs.update=true)\n--- doc\n" + block.code() + "\n--- source\n" + code);
        }
      }
      if (update) {
        Files.write(doc, lines);
      }
    }
    assertThat(problems).as("doc blocks out of step with examples/guide").isEmpty();
    assertThat(checked).as("snippet blocks checked").isGreaterThanOrEqualTo(20);
  }

  @Test
  void theRegionReaderJoinsPartsAndDedentsThem() throws IOException {
    Path source = Files.createTempFile("Snippet", ".java");
    try {
      Files.writeString(source, String.join("\n",
          "// tag::a[]", "import x.Y;", "// end::a[]", "class C {", "  void m() {", "    // tag::a[]",
          "    if (y) {", "      // tag::b[]", "      go();", "      // end::b[]", "    }", "    // end::a[]", "  }", "}"));

      assertThat(Snippets.region(source, "a")).isEqualTo("import x.Y;\n\nif (y) {\n  go();\n}");
      assertThat(Snippets.region(source, "b")).isEqualTo("go();");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Snippets.region(source, "c"))
          .hasMessageContaining("no region tag::c[]");
    } finally {
      Files.delete(source);
    }
  }
}
