package dev.rill.testkit.svg;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks that every {@code <text>} of an SVG chart lies inside the chart: its estimated extent ({@link TextWidth},
 * the {@code text-anchor}, the font size of the text or of the root element) within the root's width, and its
 * baseline within the height. What a browser would clip, or draw over the edge, is reported.
 */
public final class SvgFit {
  private SvgFit() {}

  /**
   * The texts of {@code svg} that do not fit, one line each; empty when all fit.
   *
   * @param svg one standalone {@code <svg>} element as text
   * @return the problems, e.g. {@code "1.23x (limit 2.00x)" ends at 702 px, beyond the width 640}
   */
  public static List<String> problems(String svg) {
    Document doc = parse(svg);
    Element root = doc.getDocumentElement();
    double width = number(root.getAttribute("width"), Double.NaN);
    double height = number(root.getAttribute("height"), Double.NaN);
    double rootFont = fontSize(root, 16);
    List<String> out = new ArrayList<>();
    if (Double.isNaN(width) || Double.isNaN(height)) {
      out.add("the svg element has no numeric width and height");
      return out;
    }
    NodeList texts = root.getElementsByTagName("text");
    for (int i = 0; i < texts.getLength(); i++) {
      Element t = (Element) texts.item(i);
      String content = t.getTextContent();
      double font = fontSize(t, rootFont);
      double x = number(t.getAttribute("x"), 0);
      double y = number(t.getAttribute("y"), 0);
      int w = TextWidth.of(content, font);
      String anchor = t.getAttribute("text-anchor");
      double left = switch (anchor) {
        case "end" -> x - w;
        case "middle" -> x - w / 2.0;
        default -> x;
      };
      double right = left + w;
      if (left < 0) {
        out.add(String.format(Locale.ROOT, "\"%s\" starts at %.0f px, left of the chart", content, left));
      }
      if (right > width) {
        out.add(String.format(Locale.ROOT, "\"%s\" ends at %.0f px, beyond the width %.0f", content, right, width));
      }
      if (y - font * 0.8 < 0 || y + font * 0.25 > height) {
        out.add(String.format(Locale.ROOT, "\"%s\" at y %.0f is outside the height %.0f", content, y, height));
      }
    }
    return out;
  }

  private static Document parse(String svg) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalArgumentException("not a well-formed svg: " + e.getMessage(), e);
    }
  }

  /** The element's font size: its font-size attribute, a font-size in its style, or {@code otherwise}. */
  private static double fontSize(Element e, double otherwise) {
    double attr = number(e.getAttribute("font-size"), Double.NaN);
    if (!Double.isNaN(attr)) {
      return attr;
    }
    String style = e.getAttribute("style");
    int at = style.indexOf("font-size:");
    if (at >= 0) {
      String rest = style.substring(at + "font-size:".length()).strip();
      return number(rest.replaceAll("[^0-9.].*$", ""), otherwise);
    }
    return otherwise;
  }

  private static double number(String text, double otherwise) {
    if (text == null || text.isBlank()) {
      return otherwise;
    }
    try {
      return Double.parseDouble(text.strip().replace("px", ""));
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }
}
