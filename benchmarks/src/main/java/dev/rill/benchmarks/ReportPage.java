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
    List<String> wires = wires(m);
    if (wires.size() > 1) {
      charts.put("bench-wires-burst-cpu.svg", wireChart(m, wires, "Burst by wire: client JVM CPU per event", "ns",
          "burstCpuNsPerEvent"));
      charts.put("bench-wires-trickle-cpu.svg", wireChart(m, wires, "Trickle by wire: client JVM CPU per event", "ns",
          "trickleCpuNsPerEvent"));
      charts.put("bench-wires-alloc.svg", wireChart(m, wires, "Burst by wire: bytes allocated per event", "B",
          "burstBytesPerEvent"));
      charts.put("bench-wires-cold.svg", wireChart(m, wires, "Cold first chunk by wire, fresh JVM", "ms",
          "coldFirstChunkMs"));
      charts.put("bench-wires-warm.svg", wireChart(m, wires, "Warm time to first chunk by wire", "µs",
          "warmFirstChunkUs"));
    }
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
    html.append("</table>\n");
    if (wires.size() > 1) {
      byWire(html, m, wires);
    }
    html.append("<h3>What each client is</h3>\n<ul>\n");
    for (Map<String, Object> r : Report.list(m, "clients")) {
      String client = (String) r.get("client");
      html.append("<li>").append(swatch(client)).append("<b>").append(esc(client)).append("</b>: ")
          .append(esc(WHAT.getOrDefault(client, "a client registered as a BenchClient.Factory service.")))
          .append("</li>\n");
    }
    html.append("</ul>\n<h2>Charts</h2>\n<p>A client has the same colour in every chart. The decoder and framer")
        .append(" charts compare provider families and inputs, not clients, in one colour.")
        .append(wires.size() > 1 ? " The charts by wire group the clients under each wire, on one scale." : "")
        .append("</p>\n");
    for (Map.Entry<String, String> c : charts.entrySet()) {
      Files.writeString(dir.resolve(c.getKey()), c.getValue());
      html.append("<div>").append(c.getValue().replace("<svg xmlns", "<svg aria-label=\"" + c.getKey() + "\" xmlns"))
          .append("</div>\n");
    }
    html.append("<p>Text check: ").append(esc(String.valueOf(m.get("textCheck"))))
        .append(". Raw figures: <a href=\"bench.json\">bench.json</a>.</p>\n</body></html>\n");
    Files.writeString(dir.resolve("bench.html"), html.toString());
  }

  /** The wires of this run in order (plain first), from the report's {@code byTransport} rows. */
  static List<String> wires(Map<String, Object> m) {
    Object rows = m.get("byTransport");
    if (rows == null) {
      return List.of("plain");
    }
    return Report.list(m, "byTransport").stream().map(r -> (String) r.get("transport")).distinct().toList();
  }

  /** How a wire is named on the page. */
  static String wireName(String wire) {
    return switch (wire) {
      case "plain" -> "plain HTTP/1.1";
      case "tls" -> "HTTP/1.1 over TLS 1.3";
      case "h2" -> "HTTP/2 over TLS";
      default -> wire;
    };
  }

  /** The plain, TLS and HTTP/2 figures side by side, the open streams and the targets per wire. */
  @SuppressWarnings("unchecked")
  private static void byWire(StringBuilder html, Map<String, Object> m, List<String> wires) {
    List<String[]> metrics = List.of(new String[] {"burstCpuNsPerEvent", "burst CPU ns/event"},
        new String[] {"trickleCpuNsPerEvent", "trickle CPU ns/event"},
        new String[] {"burstBytesPerEvent", "burst B/event"}, new String[] {"trickleBytesPerEvent", "trickle B/event"},
        new String[] {"coldFirstChunkMs", "cold first chunk ms"}, new String[] {"warmFirstChunkUs", "warm first chunk µs"});
    html.append("<h2>By wire: plain, TLS and HTTP/2 side by side</h2>\n<p>The same clients and transcript over ")
        .append(esc(String.join(", ", wires.stream().map(ReportPage::wireName).toList())))
        .append(" (a throwaway certificate trusted through the trust-store properties; over HTTP/2 each client")
        .append(" negotiates as it does by default, the JDK's client announcing 100 streams: see docs/benchmarks.md).")
        .append(" Lower is better.</p>\n<div style=\"overflow-x:auto\"><table>")
        .append("<tr><th rowspan=\"2\">client</th>");
    for (String[] metric : metrics) {
      html.append("<th colspan=\"").append(wires.size()).append("\">").append(esc(metric[1])).append("</th>");
    }
    html.append("</tr>\n<tr>");
    for (int i = 0; i < metrics.size(); i++) {
      for (String w : wires) {
        html.append("<th>").append(esc(w)).append("</th>");
      }
    }
    html.append("</tr>\n");
    List<Map<String, Object>> rows = Report.list(m, "byTransport");
    for (String client : rows.stream().map(r -> (String) r.get("client")).distinct().toList()) {
      html.append("<tr><td>").append(swatch(client)).append(esc(client)).append("</td>");
      for (String[] metric : metrics) {
        for (String w : wires) {
          Map<String, Object> r = rows.stream().filter(x -> client.equals(x.get("client")) && w.equals(x.get("transport")))
              .findFirst().orElse(null);
          html.append("<td>").append(Report.fmt(Report.num(r, metric[0]))).append("</td>");
        }
      }
      html.append("</tr>\n");
    }
    html.append("</table></div>\n");
    Map<String, Map<String, Object>> open = (Map<String, Map<String, Object>>) m.getOrDefault("concurrencyByTransport",
        Map.of());
    html.append("<h3>Open streams by wire (Rill, one JVM, one host)</h3>\n<table><tr><th>wire</th><th>streams</th>")
        .append("<th>delivered a first chunk</th><th>heap per idle stream KiB</th><th>threads added</th>")
        .append("<th>connections</th></tr>\n");
    for (String w : wires) {
      Map<String, Object> c = open.get(w);
      html.append("<tr><td>").append(esc(wireName(w))).append("</td>");
      for (String v : List.of(Report.count(Report.num(c, "streams")), Report.count(Report.num(c, "delivered")),
          Report.fmt(Report.num(c, "heapPerStreamKiB")),
          Report.count(Report.num(c, "threadsAfter") - Report.num(c, "threadsBefore")),
          Report.count(Report.num(c, "connections")))) {
        html.append("<td>").append(v).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n<h3>Targets by wire</h3>\n<table><tr><th>wire</th><th>target</th><th>measured</th>")
        .append("<th>met</th></tr>\n");
    for (Object o : (List<?>) m.getOrDefault("targetsByTransport", List.of())) {
      Map<?, ?> t = (Map<?, ?>) o;
      Object met = t.get("met");
      html.append("<tr><td class=\"text\">").append(esc(String.valueOf(t.get("transport")))).append("</td><td>")
          .append(esc((String) t.get("target"))).append("</td><td class=\"text\">")
          .append(esc((String) t.get("measured"))).append("</td><td class=\"")
          .append(met == null ? "" : (Boolean) met ? "met" : "miss").append("\">")
          .append(met == null ? "reported" : (Boolean) met ? "met" : "not met").append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  /** One group of bars per wire, one bar per client in the client's colour, every group on one scale. */
  private static String wireChart(Map<String, Object> m, List<String> wires, String title, String unit, String key) {
    List<Map<String, Object>> rows = Report.list(m, "byTransport");
    return SvgChart.grouped(title, unit, SvgChart.Better.LOWER, wires.stream().map(w -> new SvgChart.Group(wireName(w),
        rows.stream().filter(r -> w.equals(r.get("transport"))).map(r -> new SvgChart.Bar((String) r.get("client"),
            Report.num(r, key), color((String) r.get("client")))).toList())).toList());
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
