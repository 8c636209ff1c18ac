package dev.rill.conformance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** docs/conformance-rules.md is generated from the catalogue; this fails when it is stale. */
class RuleDocsTest {

  @Test
  void theRulesDocumentMatchesTheCatalogue() throws IOException {
    String location = System.getProperty("rill.conformance.docs");
    if (location == null) {
      Assumptions.abort("rill.conformance.docs is not set (run through Maven)");
    }
    Path doc = Path.of(location);
    String expected = RuleDocs.markdown(RuleCatalogue.standard());
    if (Boolean.getBoolean("rill.regenerate")) {
      Files.writeString(doc, expected, StandardCharsets.UTF_8);
    }
    assertThat(Files.isRegularFile(doc)).as("%s exists (generate it with -Drill.regenerate=true)", doc).isTrue();
    assertThat(Files.readString(doc, StandardCharsets.UTF_8))
        .as("%s is stale: regenerate with ./mvnw -pl conformance test -Dtest=RuleDocsTest -Drill.regenerate=true", doc)
        .isEqualTo(expected);
  }
}
