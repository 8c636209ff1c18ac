package dev.rill.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench.html} and its SVG charts: the machine in words, the targets, the clients with a legend saying what
 * each baseline is, and charts that say their unit and which way is better. A client has one colour in every chart
 * (Rill orange, the baselines greys and blues, the peers green and purple); the decoder and framer charts, which
 * compare families and inputs rather than clients, use one neutral colour.
 */
final class ReportPage {
  private ReportPage() {}

  /** The colour of each known client; another client gets one of {@link #SPARE} by its name. */
  static final Map<String, String> COLORS = Map.ofEntries(
      Map.entry("rill", "#d9480f"), Map.entry("rill-enhanced", "#f08c00"),
      Map.entry("floor", "#343a40"), Map.entry("floor-tuned", "#495057"), Map.entry("floor-coalesced", "#212529"),
      Map.entry("hc5-discard", "#868e96"), Map.entry("hc5-discard-tuned", "#adb5bd"),
      Map.entry("jdk-lines", "#1971c2"), Map.entry("jdk-floor", "#4dabf7"), Map.entry("jdk-floor-direct", "#74c0fc"),
      Map.entry("openai-java", "#2b8a3e"), Map.entry("langchain4j", "#862e9c"));
  static final List<String> SPARE = List.of("#c2255c", "#5f3dc4", "#0b7285", "#5c940d", "#e67700");
  static final String NEUTRAL = "#15aabf";

  /** What each client is, for the legend. */
  static final Map<String, String> WHAT = Map.ofEntries(
      Map.entry("rill", "Rill in basic mode (the default): one client, forEach over the chunk stream."),
      Map.entry("rill-enhanced", "Rill in enhanced mode (StreamOptions.enhanced()): chunk metadata, deadlines by phase,"
          + " retry, continuity checks."),
      Map.entry("floor", "Baseline, not a product: the least work a client can do on Rill's transport (HttpClient 5"
          + " async, a byte-level SSE splitter, one Jackson pull parser per event, on the I/O thread). Rill is measured"
          + " against it."),
      Map.entry("floor-tuned", "The floor with the transport settings of the transport investigation."),
      Map.entry("floor-coalesced", "Baseline: the floor with Rill's read coalescing (CoalescingSession): the floor"
          + " Rill stands on, for the burst target."),
      Map.entry("hc5-discard", "Baseline: HttpClient 5 reading the body and dropping it, no SSE, no JSON: what the"
          + " transport alone costs."),
      Map.entry("hc5-discard-tuned", "hc5-discard with the transport investigation's settings."),
      Map.entry("jdk-lines", "Baseline: java.net.http with BodyHandlers.ofLines() and a Jackson streaming parse of each"
          + " data: line, the usual hand-rolled JDK client."),
      Map.entry("jdk-floor", "Baseline: the floor's splitter and parser in a byte-level BodySubscriber on"
          + " java.net.http: the floor of the JDK's own HTTP client."),
      Map.entry("jdk-floor-direct", "jdk-floor on a direct executor (the transport investigation)."),
      Map.entry("openai-java", "Peer: OpenAI's official Java SDK (OkHttp), createStreaming read on the caller's"
          + " thread."),
      Map.entry("langchain4j", "Peer: LangChain4j's OpenAiStreamingChatModel (its default JDK HTTP client),"
          + " callbacks."));

  static String color(String client) {
    String known = COLORS.get(client);
    return known != null ? known : SPARE.get(Math.floorMod(client.hashCode(), SPARE.size()));
  }

  /** {@code 2 cores; OpenJDK 64-Bit Server VM 17.0.15; Linux 6.1.0 amd64}. */
  @SuppressWarnings("unchecked")
  static String machine(Map<String, Object> model) {
    Map<String, Object> m = (Map<String, Object>) model.get("machine");
    if (m == null) {
      return "unknown";
    }
    return m.get("cores") + " cores; " + m.get("jdk") + "; " + m.get("os");
  }

  static void write(Map<String, Object> m, Path dir) throws IOException {
    Map<String, String> charts = new LinkedHashMap<>();
    charts.put("bench-burst-cpu.svg", clientChart(m, "Burst: client JVM CPU per event", "ns", "burstCpuNsPerEvent"));
    charts.put("bench-trickle-cpu.svg", clientChart(m, "Trickle: client JVM CPU per event", "ns",
        "trickleCpuNsPerEvent"));
    charts.put("bench-alloc.svg", clientChart(m, "Burst: bytes allocated per event", "B", "burstBytesPerEvent"));
    charts.put("bench-cold.svg", clientChart(m, "Cold first chunk, fresh JVM", "ms", "coldFirstChunkMs"));
    charts.put("bench-warm.svg", clientChart(m, "Warm time to first chunk", "µs", "warmFirstChunkUs"));
    charts.put("bench-decoders.svg", SvgChart.bars("Decoders alone", "million events/s", SvgChart.Better.HIGHER,
        Report.list(m, "decoders").stream().map(r -> new SvgChart.Bar((String) r.get("family"),
            Report.num(r, "eventsPerSecond") / 1e6, NEUTRAL)).toList()));
    charts.put("bench-framer.svg", SvgChart.bars("SSE framer", "MB/s", SvgChart.Better.HIGHER,
        Report.list(m, "framer").stream().map(r -> new SvgChart.Bar(
            r.get("corpus").toString().toLowerCase(Locale.ROOT), Report.num(r, "mbPerSecond"), NEUTRAL)).toList()));

    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Rill benchmarks</title>\n")
        .append("<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;padding:0 1em}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
        .append("td:first-child,td.text{text-align:left}.miss{color:#c92a2a}.met{color:#2b8a3e}")
        .append(".swatch{display:inline-block;width:.9em;height:.9em;margin-right:.4em;vertical-align:-.1em}")
        .append("svg{max-width:100%;height:auto}</style></head><body>\n")
        .append("<h1>Rill benchmarks</h1>\n<p>").append(esc(String.valueOf(m.get("generated"))))
        .append(Boolean.TRUE.equals(m.get("quick")) ? " (quick run: the figures are indicative only)" : "")
        .append(".<br>Machine: ").append(esc(machine(m))).append(".</p>\n");
    html.append("<h2>Targets</h2>\n<table><tr><th>target</th><th>measured</th><th>met</th></tr>\n");
    for (Object o : (List<?>) m.get("targets")) {
      Map<?, ?> t = (Map<?, ?>) o;
      Object met = t.get("met");
      html.append("<tr><td>").append(esc((String) t.get("target"))).append("</td><td class=\"text\">")
          .append(esc((String) t.get("measured"))).append("</td><td class=\"")
          .append(met == null ? "" : (Boolean) met ? "met" : "miss").append("\">")
          .append(met == null ? "not measured" : (Boolean) met ? "met" : "not met").append("</td></tr>\n");
    }
    html.append("</table>\n<h2>Clients end to end</h2>\n")
        .append("<p>Every client streams the same recorded transcript from a loopback server in its own process. CPU,")
        .append(" bytes and times: lower is better.</p>\n<table><tr><th>client</th><th>kind</th>")
        .append("<th>burst CPU ns/event</th><th>burst B/event</th><th>trickle CPU ns/event</th>")
        .append("<th>trickle B/event</th><th>cold first chunk ms</th><th>warm first chunk µs</th></tr>\n");
    for (Map<String, Object> r : Report.list(m, "clients")) {
      html.append("<tr><td>").append(swatch((String) r.get("client"))).append(esc((String) r.get("client")))
          .append("</td><td class=\"text\">").append(r.get("kind")).append("</td>");
      for (String k : List.of("burstCpuNsPerEvent", "burstBytesPerEvent", "trickleCpuNsPerEvent",
          "trickleBytesPerEvent", "coldFirstChunkMs", "warmFirstChunkUs")) {
        html.append("<td>").append(Report.fmt(Report.num(r, k))).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n<h3>What each client is</h3>\n<ul>\n");
    for (Map<String, Object> r : Report.list(m, "clients")) {
      String client = (String) r.get("client");
      html.append("<li>").append(swatch(client)).append("<b>").append(esc(client)).append("</b>: ")
          .append(esc(WHAT.getOrDefault(client, "a client registered as a BenchClient.Factory service.")))
          .append("</li>\n");
    }
    html.append("</ul>\n<h2>Charts</h2>\n<p>A client has the same colour in every chart. The decoder and framer")
        .append(" charts compare provider families and inputs, not clients, in one colour.</p>\n");
    for (Map.Entry<String, String> c : charts.entrySet()) {
      Files.writeString(dir.resolve(c.getKey()), c.getValue());
      html.append("<div>").append(c.getValue().replace("<svg xmlns", "<svg aria-label=\"" + c.getKey() + "\" xmlns"))
          .append("</div>\n");
    }
    html.append("<p>Text check: ").append(esc(String.valueOf(m.get("textCheck"))))
        .append(". Raw figures: <a href=\"bench.json\">bench.json</a>.</p>\n</body></html>\n");
    Files.writeString(dir.resolve("bench.html"), html.toString());
  }

  private static String swatch(String client) {
    return "<span class=\"swatch\" style=\"background:" + color(client) + "\"></span>";
  }

  private static String clientChart(Map<String, Object> m, String title, String unit, String key) {
    return SvgChart.bars(title, unit, SvgChart.Better.LOWER, Report.list(m, "clients").stream()
        .map(r -> new SvgChart.Bar((String) r.get("client"), Report.num(r, key), color((String) r.get("client"))))
        .toList());
  }

  private static String esc(String s) {
    return SvgChart.escape(s);
  }
}
