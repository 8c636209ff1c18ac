package dev.rill.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.testkit.svg.SvgFit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench.html and its charts, from a report model with every kind of client and figures of every size. */
class ReportPageTest {
  @TempDir
  Path dir;

  @Test
  void everyBuiltInClientButRillIsABaselineAndExplained() {
    // a baseline counted as a peer would make the "best peer" targets compare Rill with a floor
    for (String client : BenchClients.BUILT_IN) {
      if (!client.startsWith("rill")) {
        assertThat(Report.kind(client)).as(client).isEqualTo("baseline");
      }
      assertThat(ReportPage.WHAT).as("the legend explains " + client).containsKey(client);
    }
    assertThat(Report.kind("openai-java")).isEqualTo("peer");
  }

  @Test
  void everyChartSaysWhichWayIsBetterAndEveryTextFitsItsChart() throws Exception {
    ReportPage.write(model(), dir);

    List<Path> svgs;
    try (var files = Files.list(dir)) {
      svgs = files.filter(f -> f.toString().endsWith(".svg")).sorted().toList();
    }
    assertThat(svgs).hasSize(7);
    for (Path svg : svgs) {
      String text = Files.readString(svg);
      assertThat(SvgFit.problems(text)).as(svg.getFileName().toString()).isEmpty();
      assertThat(text).as(svg.getFileName().toString()).containsAnyOf("lower is better", "higher is better");
    }
    assertThat(Files.readString(dir.resolve("bench-decoders.svg"))).contains("higher is better");
    assertThat(Files.readString(dir.resolve("bench-burst-cpu.svg"))).contains("lower is better");
  }

  @Test
  void aClientHasOneColourInEveryChartAndNoTwoClientsShareOne() throws Exception {
    ReportPage.write(model(), dir);

    Map<String, String> colourOf = new LinkedHashMap<>();
    for (String chart : List.of("bench-burst-cpu.svg", "bench-trickle-cpu.svg", "bench-alloc.svg", "bench-cold.svg",
        "bench-warm.svg")) {
      String svg = Files.readString(dir.resolve(chart));
      Matcher m = Pattern.compile("text-anchor=\"end\">([^<]+)</text>\\s*<rect [^>]*fill=\"(#[0-9a-f]{6})\"").matcher(svg);
      int bars = 0;
      while (m.find()) {
        bars++;
        String before = colourOf.putIfAbsent(m.group(1), m.group(2));
        assertThat(before).as(m.group(1) + " in " + chart).isIn(null, m.group(2));
      }
      assertThat(bars).as(chart).isEqualTo(CLIENTS.size());
    }
    assertThat(colourOf).hasSize(CLIENTS.size());
    assertThat(new java.util.HashSet<>(colourOf.values())).as("distinct colours").hasSize(CLIENTS.size());
    assertThat(Files.readString(dir.resolve("bench-decoders.svg"))).doesNotContain(colourOf.get("rill"));
  }

  @Test
  void thePageNamesTheMachineInWordsAndExplainsEachBaseline() throws Exception {
    ReportPage.write(model(), dir);
    String html = Files.readString(dir.resolve("bench.html"));

    assertThat(html).contains("Machine: 2 cores; OpenJDK 64-Bit Server VM 17.0.15; Linux 6.1.0 amd64.")
        .doesNotContain("{cores=").doesNotContain("jdk=");
    for (String client : CLIENTS) {
      assertThat(html).contains("<b>" + client + "</b>: ");
    }
    assertThat(html).contains("<b>hc5-discard</b>: Baseline: HttpClient 5 reading the body and dropping it")
        .contains("<b>floor</b>: Baseline, not a product");
  }

  private static final List<String> CLIENTS = List.of("rill", "rill-enhanced", "floor", "hc5-discard", "jdk-lines",
      "jdk-floor", "openai-java", "langchain4j", "some-new-client-with-a-long-name");

  private static Map<String, Object> model() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generated", "2026-12-06T08:00:00Z");
    m.put("quick", true);
    m.put("machine", Map.of("cores", 2, "jdk", "OpenJDK 64-Bit Server VM 17.0.15", "os", "Linux 6.1.0 amd64"));
    List<Map<String, Object>> clients = new ArrayList<>();
    double v = 3.3;
    for (String c : CLIENTS) {
      v *= 7.1;
      clients.add(Report.row("client", c, "kind", Report.kind(c), "burstCpuNsPerEvent", v, "burstBytesPerEvent",
          v / 3, "trickleCpuNsPerEvent", v * 4, "trickleBytesPerEvent", Double.NaN, "coldFirstChunkMs", 123_456.7,
          "warmFirstChunkUs", 0.5));
    }
    m.put("clients", clients);
    m.put("decoders", List.of(Report.row("family", "openai-responses", "eventsPerSecond", 1.234e7),
        Report.row("family", "bedrock", "eventsPerSecond", 9e5)));
    m.put("framer", List.of(Report.row("corpus", "DATA_ONLY", "mbPerSecond", 1234.5),
        Report.row("corpus", "CRLF_COMMENTS_AND_IDS", "mbPerSecond", 0.25)));
    m.put("targets", List.of(Report.row("target", "a target", "measured", "1 vs 2", "met", true)));
    m.put("textCheck", "every client delivered the transcript's text exactly");
    return m;
  }
}
