package dev.rill.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What adopting Rill needs from the build: the BOM manages exactly the published modules (every reactor module whose
 * pom does not set {@code maven.deploy.skip}), every published pom carries what Maven Central requires, and the
 * README's first lines are the commands CI runs.
 */
class PublishingTest {
  private static final Path ROOT = DocSnippetsTest.ROOT;

  @Test
  void theBomManagesEveryPublishedModuleAndNothingElse() throws Exception {
    Set<String> published = new TreeSet<>();
    for (String module : children(pom(ROOT.resolve("pom.xml")).getDocumentElement(), "modules", "module")) {
      Element project = pom(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement();
      if (!"true".equals(text(project, "properties", "maven.deploy.skip"))
          && !"bom".equals(module)) {
        published.add(text(project, "artifactId"));
      }
    }
    Set<String> managed = new TreeSet<>(children(
        (Element) pom(ROOT.resolve("bom/pom.xml")).getDocumentElement().getElementsByTagName("dependencies").item(0),
        null, "artifactId"));

    assertThat(published).contains("rill-api", "rill-runtime", "rill-provider-openai", "rill-conformance")
        .doesNotContain("rill-cli", "rill-benchmarks", "rill-examples-guide");
    assertThat(managed).as("rill-bom's managed artifacts").isEqualTo(published);
  }

  @Test
  void thePomsCarryTheMetadataMavenCentralRequires() throws Exception {
    for (Path pom : List.of(ROOT.resolve("pom.xml"), ROOT.resolve("bom/pom.xml"))) {
      Element project = pom(pom).getDocumentElement();
      assertThat(text(project, "url")).as(pom + " url").isNotBlank();
      assertThat(text(project, "description")).as(pom + " description").isNotBlank();
      assertThat(text(project, "licenses", "license", "name")).as(pom + " licence").isEqualTo("Apache-2.0");
      assertThat(text(project, "developers", "developer", "name")).as(pom + " developers").isNotBlank();
      assertThat(text(project, "scm", "connection")).as(pom + " scm").startsWith("scm:git:");
    }
    assertThat(ROOT.resolve("LICENSE")).content().contains("Apache License", "Version 2.0, January 2004");
  }

  @Test
  void theReadmeStartsWithTheDemoAndTheTestCommandThatCiRuns() throws Exception {
    List<String> readme = Files.readAllLines(ROOT.resolve("README.md"));
    assertThat(readme.subList(0, 6)).containsExactly("# Rill", "", "```bash", "./rill demo", "./mvnw -B verify", "```");
    assertThat(ROOT.resolve(".ci/run")).content().contains("\n./mvnw -B verify\n");
  }

  private static Document pom(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }

  /** The text of the child path {@code names} under {@code e} (direct children only), or null. */
  private static String text(Element e, String... names) {
    Element at = e;
    for (String name : names) {
      at = child(at, name);
      if (at == null) {
        return null;
      }
    }
    return at.getTextContent().strip();
  }

  private static Element child(Element e, String name) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && c.getTagName().equals(name)) {
        return c;
      }
    }
    return null;
  }

  /** The texts of the {@code leaf} elements under {@code e}'s child {@code container} (or anywhere under e). */
  private static List<String> children(Element e, String container, String leaf) {
    Element root = container == null ? e : child(e, container);
    List<String> out = new ArrayList<>();
    NodeList nodes = root.getElementsByTagName(leaf);
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add(nodes.item(i).getTextContent().strip());
    }
    return out;
  }
}
