// Why one file of about 470 lines: the report's values and its three renderings (console table, JSON, HTML with its
// chart) read the same rows; the SVG drawing is testkit's, the HTML template is this file's second half.

package dev.rill.conformance.certification;

import dev.rill.conformance.performance.PerformanceRun;
import dev.rill.conformance.report.RuleResult;
import dev.rill.conformance.report.RuleStatus;
import dev.rill.conformance.rules.Level;
import dev.rill.conformance.rules.Rule;
import dev.rill.conformance.rules.RuleCatalogue;
import dev.rill.testkit.svg.TextWidth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a certification run: every provider's rule results and performance measurements, with the kit's
 * and the catalogue's versions. Certified means every applicable required rule of every provider passed.
 *
 * @param started when the run started
 * @param finished when it finished
 * @param quick whether it ran with quick settings
 * @param kitVersion the conformance kit's version
 * @param catalogueVersion the rule catalogue's version (rule count and hash)
 * @param providers each provider's certification, by id
 * @param jars the extra jars plugins were loaded from
 * @since 0.1
 */
public record CertificationReport(Instant started, Instant finished, boolean quick, String kitVersion,
    String catalogueVersion, List<ProviderCertification> providers, List<String> jars) {

  /** The JSON file name. */
  public static final String JSON = "certification.json";
  /** The HTML file name. */
  public static final String HTML = "certification.html";

  /** Checks and normalises the components (see the class comment). */
  public CertificationReport {
    providers = List.copyOf(providers);
    jars = List.copyOf(jars);
  }

  /** Whether every provider is certified. */
  public boolean certified() {
    return !providers.isEmpty() && providers.stream().allMatch(ProviderCertification::certified);
  }

  /** Writes {@value #JSON} and {@value #HTML} into {@code dir} (created if needed). */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(JSON), toJson(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(HTML), toHtml(), StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- text

  /**
   * The per-rule table for a terminal: for each provider a header line, then one row per rule (status, id, level,
   * and the failure or skip reason), and the totals.
   */
  public String toTable() {
    StringBuilder sb = new StringBuilder(8192);
    for (ProviderCertification p : providers) {
      sb.append(String.format(Locale.ROOT, "%n%s  %s (%s, %s, %s)  plugin %s%n", p.certified() ? "CERTIFIED"
          : "NOT CERTIFIED", p.id(), p.displayName(), p.family(), p.framing(), p.pluginVersion()));
      if (p.sharedWith() != null) {
        sb.append("  checked on its H rules; shares the decoder and goldens of '").append(p.goldenOwner())
            .append("' (full rule set ran for ").append(p.sharedWith()).append(")\n");
      }
      for (RuleResult r : p.results()) {
        if (p.sharedWith() != null && r.status() == RuleStatus.SKIPPED_NOT_SELECTED) {
          continue;
        }
        sb.append(String.format(Locale.ROOT, "  %-9s %-6s %-10s %s%n", label(r.status()), r.ruleId(),
            r.level().label(), abbreviate(r.status() == RuleStatus.PASS && r.ruleId().group() == 'P' ? r.message()
                : r.status() == RuleStatus.PASS ? ruleText(r) : r.message(), 110)));
        if (r.seed() != null && r.status() == RuleStatus.FAIL) {
          sb.append("            replay with -Drill.conformance.seed=").append(r.seed()).append('\n');
        }
      }
      sb.append(String.format(Locale.ROOT, "  %d pass, %d fail, %d stochastic miss, %d skipped%n",
          p.count(RuleStatus.PASS), p.count(RuleStatus.FAIL), p.count(RuleStatus.STOCHASTIC_MISS), p.skipped()));
    }
    long ok = providers.stream().filter(ProviderCertification::certified).count();
    sb.append(String.format(Locale.ROOT, "%n%d of %d provider(s) certified (kit %s, catalogue %s)%s%n", ok,
        providers.size(), kitVersion, catalogueVersion, quick ? ", quick run" : ""));
    return sb.toString();
  }

  static String label(RuleStatus s) {
    return switch (s) {
      case PASS -> "PASS";
      case FAIL -> "FAIL";
      case STOCHASTIC_MISS -> "MISS";
      default -> "SKIPPED";
    };
  }

  static String abbreviate(String s, int max) {
    String one = s.replace('\n', ' ');
    return one.length() <= max ? one : one.substring(0, max - 3) + "...";
  }

  // ---------------------------------------------------------------- JSON

  /** The report as JSON (the format of {@value #JSON}). */
  public String toJson() {
    Json j = new Json();
    j.open('{');
    j.field("certified").value(certified());
    j.field("kitVersion").value(kitVersion);
    j.field("catalogueVersion").value(catalogueVersion);
    j.field("started").value(started.toString());
    j.field("finished").value(finished.toString());
    j.field("seconds").value(Duration.between(started, finished).toMillis() / 1000.0);
    j.field("quick").value(quick);
    j.field("jars").open('[');
    jars.forEach(x -> j.item().value(x));
    j.close(']');
    j.field("thresholds").open('{');
    j.field("P5.1").value("throughput >= " + PerformanceRun.MIN_THROUGHPUT_RATIO + "x the reference (stochastic; "
        + "below " + PerformanceRun.REGRESSION_THROUGHPUT_RATIO + "x fails)");
    j.field("P5.2").value("bytes per chunk <= " + PerformanceRun.MAX_ALLOCATION_RATIO + "x the reference + "
        + PerformanceRun.ALLOCATION_SLACK_BYTES);
    j.field("P5.3").value("time(4N)/time(N) <= " + PerformanceRun.MAX_LINEARITY_RATIO + " (stochastic; above "
        + PerformanceRun.REGRESSION_LINEARITY_RATIO + " fails)");
    j.field("P5.4").value("first chunk <= max(" + PerformanceRun.MAX_FIRST_EVENT_RATIO + "x the reference, "
        + PerformanceRun.FIRST_EVENT_FLOOR_MILLIS + " ms) (stochastic; above max("
        + PerformanceRun.REGRESSION_FIRST_EVENT_RATIO + "x, " + PerformanceRun.REGRESSION_FIRST_EVENT_FLOOR_MILLIS
        + " ms) or none fails)");
    j.close('}');
    j.field("providers").open('[');
    for (ProviderCertification p : providers) {
      j.item().open('{');
      j.field("id").value(p.id());
      j.field("displayName").value(p.displayName());
      j.field("certified").value(p.certified());
      j.field("family").value(p.family());
      j.field("framing").value(p.framing());
      j.field("pluginClass").value(p.pluginClass());
      j.field("pluginVersion").value(p.pluginVersion());
      j.field("source").value(p.source());
      j.field("capabilities").open('[');
      p.capabilities().forEach(c -> j.item().value(c));
      j.close(']');
      j.field("goldenOwner").value(p.goldenOwner());
      j.field("goldens").value(p.goldens());
      j.field("fixtureHash").value(p.fixtureHash());
      j.field("sharedWith").value(p.sharedWith());
      j.field("millis").value(p.millis());
      j.field("counts").open('{');
      j.field("pass").value(p.count(RuleStatus.PASS));
      j.field("fail").value(p.count(RuleStatus.FAIL));
      j.field("stochasticMiss").value(p.count(RuleStatus.STOCHASTIC_MISS));
      j.field("skipped").value(p.skipped());
      j.close('}');
      j.field("rules").open('[');
      for (RuleResult r : p.results()) {
        j.item().open('{');
        j.field("rule").value(r.ruleId().toString());
        j.field("level").value(r.level().label());
        j.field("test").value(r.testName());
        j.field("status").value(r.status().name());
        j.field("message").value(r.message());
        j.field("seed").value(r.seed());
        j.field("millis").value(r.duration().toMillis());
        j.close('}');
      }
      j.close(']');
      j.field("performance").open('[');
      for (PerformanceRun.Measurement m : p.performance()) {
        j.item().open('{');
        j.field("rule").value(m.rule().toString());
        j.field("status").value(m.status().name());
        j.field("ratio").value(m.ratio());
        j.field("limit").value(m.limit());
        j.field("plugin").value(m.plugin());
        j.field("reference").value(m.reference());
        j.field("unit").value(m.unit());
        j.field("message").value(m.message());
        j.close('}');
      }
      j.close(']');
      j.close('}');
    }
    j.close(']');
    j.close('}');
    return j.toString() + "\n";
  }

  /** A small indenting JSON writer. */
  private static final class Json {
    private final StringBuilder sb = new StringBuilder(1 << 16);
    private int depth;
    private boolean first = true;

    Json open(char c) {
      sb.append(c);
      depth++;
      first = true;
      return this;
    }

    Json close(char c) {
      depth--;
      if (!first) {
        newline();
      }
      sb.append(c);
      first = false;
      return this;
    }

    Json field(String name) {
      separate();
      sb.append(quote(name)).append(": ");
      return this;
    }

    Json item() {
      separate();
      return this;
    }

    private void separate() {
      if (!first) {
        sb.append(',');
      }
      newline();
      first = false;
    }

    private void newline() {
      sb.append('\n').append("  ".repeat(depth));
    }

    void value(String s) {
      sb.append(s == null ? "null" : quote(s));
      first = false;
    }

    void value(boolean b) {
      sb.append(b);
      first = false;
    }

    void value(long n) {
      sb.append(n);
      first = false;
    }

    void value(double d) {
      sb.append(Double.isNaN(d) || Double.isInfinite(d) ? "null" : String.format(Locale.ROOT, "%.4f", d));
      first = false;
    }

    @Override
    public String toString() {
      return sb.toString();
    }
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  // ---------------------------------------------------------------- HTML

  /** The report as a self-contained HTML page (the format of {@value #HTML}). */
  public String toHtml() {
    StringBuilder h = new StringBuilder(1 << 17);
    long ok = providers.stream().filter(ProviderCertification::certified).count();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Rill certification</title>\n")
        .append("<style>body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}")
        .append("table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ddd;padding:3px 7px;")
        .append("text-align:left;vertical-align:top}th{background:#f4f4f4}.PASS{color:#176c2a;font-weight:600}")
        .append(".FAIL{color:#b00020;font-weight:700}.MISS{color:#9a6700;font-weight:600}.SKIPPED{color:#777}.ok{background:#e7f6ea}.ko{background:#fde7ea}")
        .append("code{font-size:12px}details{margin:.3em 0}summary{cursor:pointer;font-weight:600}")
        .append("small{color:#666}</style></head><body>\n");
    h.append("<h1>Rill certification: ").append(ok).append(" of ").append(providers.size())
        .append(" provider(s) certified</h1>\n");
    h.append("<p>Kit <code>").append(esc(kitVersion)).append("</code>, catalogue <code>").append(esc(catalogueVersion))
        .append("</code>, ").append(esc(started.toString())).append(" (")
        .append(Duration.between(started, finished).toSeconds()).append(" s").append(quick ? ", quick run" : "")
        .append(")").append(jars.isEmpty() ? "" : ", jars: <code>" + esc(String.join(", ", jars)) + "</code>")
        .append(". Certified means every applicable <em>required</em> rule passed (see "
            + "<code>docs/conformance-rules.md</code>).</p>\n");
    h.append("<table><tr><th>provider</th><th>result</th><th>family / framing</th><th>pass</th><th>fail</th><th>miss</th>")
        .append("<th>skipped</th><th>plugin</th><th>fixtures</th></tr>\n");
    for (ProviderCertification p : providers) {
      h.append("<tr class=\"").append(p.certified() ? "ok" : "ko").append("\"><td><a href=\"#p-").append(esc(p.id()))
          .append("\">").append(esc(p.id())).append("</a><br><small>").append(esc(p.displayName()))
          .append("</small></td><td class=\"").append(p.certified() ? "PASS\">CERTIFIED" : "FAIL\">NOT CERTIFIED")
          .append("</td><td>").append(esc(p.family())).append("<br><small>").append(esc(p.framing()))
          .append("</small></td><td>").append(p.count(RuleStatus.PASS)).append("</td><td>")
          .append(p.count(RuleStatus.FAIL)).append("</td><td>").append(p.count(RuleStatus.STOCHASTIC_MISS))
          .append("</td><td>").append(p.skipped()).append("</td><td><small>")
          .append(esc(p.pluginVersion())).append("</small></td><td><small>").append(p.goldens()).append(" goldens of ")
          .append(esc(p.goldenOwner())).append("<br>sha256 ").append(esc(p.fixtureHash())).append("</small></td></tr>\n");
    }
    h.append("</table>\n");
    for (ProviderCertification p : providers) {
      h.append("<h2 id=\"p-").append(esc(p.id())).append("\">").append(esc(p.id())).append(" <small>")
          .append(esc(p.displayName())).append("</small> <span class=\"").append(p.certified() ? "PASS\">CERTIFIED"
              : "FAIL\">NOT CERTIFIED").append("</span></h2>\n");
      h.append("<p><code>").append(esc(p.pluginClass())).append("</code> from <code>").append(esc(p.source()))
          .append("</code><br>Capabilities: ").append(esc(String.join(", ", p.capabilities())))
          .append("<br>Goldens: ").append(p.goldens()).append(" of <code>").append(esc(p.goldenOwner()))
          .append("</code>, fixture hash <code>").append(esc(p.fixtureHash())).append("</code>");
      if (p.sharedWith() != null) {
        h.append("<br>Checked on its H rules; the full rule set ran for ").append(esc(p.sharedWith()))
            .append(", whose decoder and goldens it shares.");
      }
      h.append("</p>\n");
      if (!p.performance().isEmpty()) {
        h.append(chart(p.performance()));
      }
      List<RuleResult> failures = p.failures();
      if (!failures.isEmpty()) {
        h.append("<h3>Failures</h3><table><tr><th>rule</th><th>what broke it</th><th>if this fails, check</th>")
            .append("<th>seed</th></tr>\n");
        for (RuleResult r : failures) {
          Rule rule = RuleCatalogue.standard().rule(r.ruleId());
          h.append("<tr><td><code>").append(esc(r.ruleId().toString())).append("</code><br><small>")
              .append(esc(rule.name())).append("</small></td><td><pre style=\"white-space:pre-wrap;margin:0\">")
              .append(esc(r.message())).append("</pre></td><td>").append(esc(rule.hint())).append("</td><td>")
              .append(r.seed() == null ? "" : "<code>-Drill.conformance.seed=" + esc(r.seed()) + "</code>")
              .append("</td></tr>\n");
        }
        h.append("</table>\n");
      }
      h.append("<details").append(p.certified() ? "" : " open").append("><summary>All rules</summary><table>")
          .append("<tr><th>rule</th><th>level</th><th>status</th><th>reason / figures</th><th>ms</th></tr>\n");
      for (RuleResult r : p.results()) {
        String label = label(r.status());
        h.append("<tr><td><code>").append(esc(r.ruleId().toString())).append("</code> ")
            .append(esc(ruleText(r))).append("</td><td>").append(esc(r.level().label()))
            .append("</td><td class=\"").append(label).append("\">").append(label)
            .append(!r.status().name().startsWith("SKIPPED_") ? ""
                : " <small>" + esc(r.status().name().substring("SKIPPED_".length()).toLowerCase(Locale.ROOT))
                    + "</small>")
            .append("</td><td><small>").append(esc(abbreviate(r.message(), 400))).append("</small></td><td>")
            .append(r.duration().toMillis()).append("</td></tr>\n");
      }
      h.append("</table></details>\n");
    }
    h.append("<p><small>Levels: required rules decide certification; optional ones are reported; stochastic ones ")
        .append("are left partly to chance: a race rule may give a false pass, and a timed rule that misses its bound ")
        .append("is shown as MISS with its figures and does not block certification unless it is beyond its regression ")
        .append("bound; untested ones are listed with their reason. Performance ratios compare the ")
        .append("plugin with the kit's reference decoder measured by JMH in the same run.</small></p>\n")
        .append("</body></html>\n");
    return h.toString();
  }

  /**
   * A small inline SVG bar chart: one bar per performance rule, its ratio against the limit. The label and value
   * columns are as wide as their texts need ({@link TextWidth}), so nothing is clipped (checked by
   * {@code CertificationReportTest} with {@link dev.rill.testkit.svg.SvgFit}).
   */
  static String chart(List<PerformanceRun.Measurement> measurements) {
    int rowHeight = 26;
    int font = 12;
    int barMax = 380;
    int pad = 8;
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    int labelWidth = 0;
    int valueWidth = 0;
    for (PerformanceRun.Measurement m : measurements) {
      String name = switch (m.rule().toString()) {
        case "P5.1" -> "P5.1 throughput (higher is better)";
        case "P5.2" -> "P5.2 alloc/chunk (lower is better)";
        case "P5.3" -> "P5.3 4N/N drip (lower is better)";
        default -> "P5.4 first event (lower is better)";
      };
      boolean lowerIsBetter = !m.rule().toString().equals("P5.1");
      String value = Double.isNaN(m.ratio()) ? (m.status() == RuleStatus.FAIL ? "FAILED" : "not measured")
          : String.format(Locale.ROOT, "%.2fx (%s %.2fx)", m.ratio(), lowerIsBetter ? "limit" : "floor", m.limit());
      names.add(name);
      values.add(value);
      labelWidth = Math.max(labelWidth, TextWidth.of(name, font) + pad);
      valueWidth = Math.max(valueWidth, TextWidth.of(value, font));
    }
    String caption = "ratio to the reference decoder (P5.3: 4N over N); dashed line: the rule's bound";
    int width = Math.max(labelWidth + barMax + pad + valueWidth + pad, labelWidth + TextWidth.of(caption, font) + pad);
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
        .append(rowHeight * measurements.size() + 24).append("\" viewBox=\"0 0 ").append(width).append(' ')
        .append(rowHeight * measurements.size() + 24).append("\" font-size=\"").append(font)
        .append("\" role=\"img\" aria-label=\"performance ratios\">")
        .append("<style>text{font-family:system-ui,sans-serif}</style>");
    int y = 4;
    for (int i = 0; i < measurements.size(); i++) {
      PerformanceRun.Measurement m = measurements.get(i);
      double ratio = m.ratio();
      double limit = m.limit();
      double scale = Double.isNaN(limit) ? 1 : Math.max(limit * 1.5, Double.isNaN(ratio) ? 0 : ratio * 1.1);
      s.append("<text x=\"0\" y=\"").append(y + 15).append("\">").append(esc(names.get(i))).append("</text>");
      if (!Double.isNaN(ratio) && scale > 0) {
        int w = (int) Math.round(Math.min(1, ratio / scale) * barMax);
        String color = m.status() == RuleStatus.PASS ? "#3a9d4f" : m.status() == RuleStatus.FAIL ? "#c62839"
            : m.status() == RuleStatus.STOCHASTIC_MISS ? "#d08a00" : "#999";
        s.append("<rect x=\"").append(labelWidth).append("\" y=\"").append(y + 3).append("\" width=\"").append(w)
            .append("\" height=\"16\" fill=\"").append(color).append("\"/>");
        if (!Double.isNaN(limit)) {
          int lx = labelWidth + (int) Math.round(Math.min(1, limit / scale) * barMax);
          s.append("<line x1=\"").append(lx).append("\" x2=\"").append(lx).append("\" y1=\"").append(y)
              .append("\" y2=\"").append(y + 22).append("\" stroke=\"#222\" stroke-dasharray=\"3,2\"/>");
        }
        s.append("<text x=\"").append(labelWidth + barMax + pad).append("\" y=\"").append(y + 15).append("\">")
            .append(esc(values.get(i))).append("</text>");
      } else {
        s.append("<text x=\"").append(labelWidth).append("\" y=\"").append(y + 15).append("\" fill=\"#777\">")
            .append(esc(values.get(i))).append("</text>");
      }
      y += rowHeight;
    }
    s.append("<text x=\"").append(labelWidth).append("\" y=\"").append(y + 14).append("\" fill=\"#666\">")
        .append(esc(caption)).append("</text></svg>\n");
    return s.toString();
  }

  /** The rule's statement from the catalogue (what it checks, in words), else the test's name. */
  static String ruleText(RuleResult r) {
    return RuleCatalogue.standard().find(r.ruleId()).map(Rule::statement).orElse(r.testName());
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** Rules of a level, for callers that summarise. */
  static boolean required(RuleResult r) {
    return r.level() == Level.REQUIRED;
  }
}
