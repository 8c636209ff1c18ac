package dev.rill.benchmarks;

import dev.rill.testkit.svg.TextWidth;
import java.util.List;
import java.util.Locale;

/**
 * Horizontal bar charts as standalone SVG, drawn by the project (no scripts, no fonts fetched, no network).
 * One bar per row, the value printed at its end, optionally in groups under headings (one group per wire); the title
 * says the unit and whether lower or higher is better.
 * The chart is as wide as its longest label and value need ({@link TextWidth}, a conservative estimate), so no text
 * is clipped; {@code ReportPageTest} checks that every text fits.
 */
final class SvgChart {
  /** Which way is better. */
  enum Better {
    LOWER("lower is better"), HIGHER("higher is better");

    final String words;

    Better(String words) {
      this.words = words;
    }
  }

  /** One bar, drawn in {@code color} (a client keeps its colour in every chart). */
  record Bar(String label, double value, String color) {}

  /** A group of bars under one heading (e.g. one wire's bars, one per client), drawn on the chart's common scale. */
  record Group(String label, List<Bar> bars) {}

  static final int FONT = 12;
  static final int TITLE_FONT = 14;
  private static final int ROW = 26;
  private static final int PLOT = 430;
  private static final int PAD = 8;

  private SvgChart() {}

  static String bars(String title, String unit, Better better, List<Bar> bars) {
    return grouped(title, unit, better, List.of(new Group("", bars)));
  }

  /**
   * Bars in groups, each group under its heading (a row of its own; none when the heading is empty), every bar on
   * one scale so groups compare: e.g. one group per wire, one bar per client in the client's colour.
   */
  static String grouped(String title, String unit, Better better, List<Group> groups) {
    int labelWidth = PAD;
    int valueWidth = 0;
    int headingWidth = 0;
    int rows = 0;
    double max = 0;
    for (Group g : groups) {
      if (!g.label().isEmpty()) {
        headingWidth = Math.max(headingWidth, TextWidth.of(g.label(), FONT) + 2 * PAD);
        rows++;
      }
      for (Bar b : g.bars()) {
        labelWidth = Math.max(labelWidth, TextWidth.of(b.label(), FONT) + 2 * PAD);
        valueWidth = Math.max(valueWidth, TextWidth.of(value(b), FONT));
        max = Double.isNaN(b.value()) ? max : Math.max(max, b.value());
        rows++;
      }
    }
    String heading = title + " (" + unit + "), " + better.words;
    int width = Math.max(Math.max(labelWidth + PLOT + 6 + valueWidth + PAD, TextWidth.of(heading, TITLE_FONT) + 2 * PAD),
        headingWidth);
    int height = 40 + ROW * rows + 8;
    max = max <= 0 ? 1 : max;
    StringBuilder sb = new StringBuilder(2048);
    sb.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            + "font-family=\"sans-serif\" font-size=\"%d\" role=\"img\">%n",
        width, height, width, height, FONT));
    sb.append("<title>").append(escape(heading)).append("</title>\n");
    sb.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"%d\" font-weight=\"bold\">%s</text>%n",
        PAD, TITLE_FONT, escape(heading)));
    int y = 36;
    for (Group g : groups) {
      if (!g.label().isEmpty()) {
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", PAD,
            y + 16, escape(g.label())));
        y += ROW;
      }
      for (Bar b : g.bars()) {
        double w = Double.isNaN(b.value()) ? 0 : Math.max(1, b.value() / max * PLOT);
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
            labelWidth - PAD, y + 16, escape(b.label())));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
            labelWidth, y + 4, w, ROW - 8, b.color()));
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>%n", labelWidth + w + 6, y + 16,
            escape(value(b))));
        y += ROW;
      }
    }
    sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"32\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>%n",
        labelWidth, labelWidth, y + 4));
    sb.append("</svg>\n");
    return sb.toString();
  }

  private static String value(Bar b) {
    return Double.isNaN(b.value()) ? "n/a" : format(b.value());
  }

  static String format(double v) {
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (Math.abs(v) >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
