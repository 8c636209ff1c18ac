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

  @Test
  void byWireTheChartsGroupEveryClientUnderEachWireInItsOwnColourAndEveryTextFits() throws Exception {
    ReportPage.write(withWires(model()), dir);

    List<Path> svgs;
    try (var files = Files.list(dir)) {
      svgs = files.filter(f -> f.toString().endsWith(".svg")).sorted().toList();
    }
    assertThat(svgs).hasSize(12);
    String plainChart = Files.readString(dir.resolve("bench-burst-cpu.svg"));
    for (String chart : List.of("bench-wires-burst-cpu.svg", "bench-wires-trickle-cpu.svg", "bench-wires-alloc.svg",
        "bench-wires-cold.svg", "bench-wires-warm.svg")) {
      String svg = Files.readString(dir.resolve(chart));
      assertThat(SvgFit.problems(svg)).as(chart).isEmpty();
      assertThat(svg).as(chart).contains("lower is better").contains(">plain HTTP/1.1</text>")
          .contains(">HTTP/1.1 over TLS 1.3</text>").contains(">HTTP/2 over TLS</text>");
      Matcher m = Pattern.compile("text-anchor=\"end\">([^<]+)</text>\\s*<rect [^>]*fill=\"(#[0-9a-f]{6})\"").matcher(svg);
      int bars = 0;
      while (m.find()) {
        bars++;
        assertThat(m.group(2)).as(m.group(1) + " in " + chart).isEqualTo(ReportPage.color(m.group(1)));
        if (CLIENTS.contains(m.group(1))) {
          assertThat(plainChart).as(m.group(1) + " in " + chart + " has the colour it has in the plain chart")
              .containsPattern(Pattern.quote(m.group(1)) + "</text>\\s*<rect [^>]*fill=\"" + m.group(2) + "\"");
        }
      }
      assertThat(bars).as(chart + ": every client (and the coalescing floor) under each wire")
          .isEqualTo(3 * (CLIENTS.size() + 1));
    }
    String html = Files.readString(dir.resolve("bench.html"));
    assertThat(html).contains("By wire: plain, TLS and HTTP/2 side by side").contains("<th colspan=\"3\">burst CPU ns/event</th>")
        .contains("<td>HTTP/2 over TLS</td><td>10,000</td><td>10,000</td><td>7.00</td><td>0</td><td>1</td>")
        .contains("Targets by wire");
  }

  @Test
  void theTargetsAreRestatedPerWireAgainstThatWiresPeersAndFloors() {
    Map<String, Object> m = withWires(model());
    List<Object> targets = WireTargets.of(m, List.of("plain", "tls", "h2"));

    // withWires: Rill's trickle is 1/4 of the best peer's over h2 but 1/2 over tls; its burst 2x the coalescing floor
    // over tls, 1x elsewhere.
    assertThat(met(targets, "h2", "trickle: Rill CPU/event <= 1/3 of the best peer")).isTrue();
    assertThat(met(targets, "tls", "trickle: Rill CPU/event <= 1/3 of the best peer")).isFalse();
    assertThat(met(targets, "tls", "burst: Rill CPU/event <= 1.5x the coalescing floor")).isFalse();
    assertThat(met(targets, "h2", "burst: Rill CPU/event <= 1.5x the coalescing floor")).isTrue();
    assertThat(met(targets, "h2", "10,000 concurrent TLS streams")).isTrue();
    assertThat(met(targets, "tls", "open streams over HTTP/1.1 with TLS")).isNull();
    assertThat(met(targets, "h2", "burst: Rill CPU/event <= 1/3 of the best peer (reported")).isNull();
  }

  private static Boolean met(List<Object> targets, String wire, String name) {
    for (Object o : targets) {
      Map<?, ?> t = (Map<?, ?>) o;
      if (wire.equals(t.get("transport")) && ((String) t.get("target")).startsWith(name)) {
        return (Boolean) t.get("met");
      }
    }
    throw new AssertionError("no target " + name + " over " + wire + " in " + targets);
  }

  /** The model with rows per wire for every client, the open streams per wire and the targets per wire. */
  private static Map<String, Object> withWires(Map<String, Object> m) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String wire : List.of("plain", "tls", "h2")) {
      double v = 3.3;
      for (String c : CLIENTS) {
        v *= 7.1;
        double trickle = c.equals("rill") ? (wire.equals("h2") ? 1_000 : 2_000) : c.equals("openai-java") ? 4_000
            : v * 4;
        double burst = c.equals("rill") ? (wire.equals("tls") ? 2_000 : 1_000) : v;
        rows.add(Report.row("client", c, "kind", Report.kind(c), "transport", wire, "burstCpuNsPerEvent", burst,
            "burstBytesPerEvent", v / 3, "trickleCpuNsPerEvent", trickle, "trickleBytesPerEvent", Double.NaN,
            "coldFirstChunkMs", 123_456.7, "warmFirstChunkUs", 0.5));
      }
      rows.add(Report.row("client", "floor-coalesced", "kind", "baseline", "transport", wire, "burstCpuNsPerEvent",
          1_000.0));
    }
    m.put("byTransport", rows);
    Map<String, Object> open = new LinkedHashMap<>();
    open.put("plain", Report.row("streams", 10_000.0, "delivered", 10_000.0, "threadsBefore", 20.0, "threadsAfter",
        20.0, "heapPerStreamKiB", 20.0, "connections", 10_000.0));
    open.put("tls", Report.row("streams", 1_000.0, "delivered", 1_000.0, "threadsBefore", 20.0, "threadsAfter", 20.0,
        "heapPerStreamKiB", 80.0, "connections", 1_000.0));
    open.put("h2", Report.row("streams", 10_000.0, "delivered", 10_000.0, "threadsBefore", 20.0, "threadsAfter", 20.0,
        "heapPerStreamKiB", 7.0, "connections", 1.0));
    m.put("concurrencyByTransport", open);
    m.put("targetsByTransport", WireTargets.of(m, List.of("plain", "tls", "h2")));
    return m;
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
