package dev.rill.testkit.svg;

/**
 * A conservative width of a line of text in a sans-serif font, from per-character classes of Helvetica- and
 * Arial-like advance widths (em fractions rounded up, plus 5 % for bold and font differences). Charts size their
 * columns by it so that no label is clipped; {@link SvgFit} checks charts against it. Measured against headless
 * Chromium's default sans-serif it errs wide, never narrow, for the charts' texts.
 */
public final class TextWidth {
  private TextWidth() {}

  /**
   * The width of {@code text} drawn at {@code fontSize} pixels.
   *
   * @param text one line of text
   * @param fontSize the font size in pixels
   * @return the width in pixels, rounded up
   */
  public static int of(String text, double fontSize) {
    double em = 0;
    for (int i = 0; i < text.length(); i++) {
      em += em(text.charAt(i));
    }
    return (int) Math.ceil(em * fontSize * 1.05);
  }

  private static double em(char c) {
    if ("il.,:;|!'`".indexOf(c) >= 0) {
      return 0.30;
    }
    if ("fjrt()[] -/".indexOf(c) >= 0) {
      return 0.40;
    }
    if ("mwMW@%".indexOf(c) >= 0) {
      return 0.95;
    }
    if (Character.isUpperCase(c)) {
      return 0.75;
    }
    return 0.60;
  }
}
