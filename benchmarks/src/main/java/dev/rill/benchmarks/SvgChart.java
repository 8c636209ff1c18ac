package dev.rill.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * Horizontal bar charts as standalone SVG, drawn by the project (no scripts, no fonts fetched, no network).
 * One bar per row, the value printed at its end; Rill's rows are highlighted.
 */
final class SvgChart {
  /** One bar. */
  record Bar(String label, double value, boolean highlight) {}

  private SvgChart() {}

  static String bars(String title, String unit, List<Bar> bars) {
    int rowHeight = 26;
    int labelWidth = 170;
    int plotWidth = 430;
    int height = 40 + rowHeight * bars.size() + 24;
    double max = bars.stream().mapToDouble(Bar::value).filter(v -> !Double.isNaN(v)).max().orElse(1);
    max = max <= 0 ? 1 : max;
    StringBuilder sb = new StringBuilder(2048);
    sb.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            + "font-family=\"sans-serif\" font-size=\"12\" role=\"img\">%n",
        labelWidth + plotWidth + 90, height, labelWidth + plotWidth + 90, height));
    sb.append("<title>").append(escape(title)).append("</title>\n");
    sb.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    sb.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
        escape(title + " (" + unit + ")")));
    int y = 36;
    for (Bar b : bars) {
      double w = Double.isNaN(b.value()) ? 0 : Math.max(1, b.value() / max * plotWidth);
      sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
          labelWidth - 8, y + 16, escape(b.label())));
      sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
          labelWidth, y + 4, w, rowHeight - 8, b.highlight() ? "#d9480f" : "#4c6ef5"));
      sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>%n", labelWidth + w + 6, y + 16,
          Double.isNaN(b.value()) ? "n/a" : format(b.value())));
      y += rowHeight;
    }
    sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"32\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>%n",
        labelWidth, labelWidth, y + 4));
    sb.append("</svg>\n");
    return sb.toString();
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
