package dev.rill.api;

import java.net.URI;
import java.util.Base64;
import java.util.Objects;

/**
 * A piece of a message's content: text or an image.
 *
 * @since 0.1
 */
public sealed interface Part permits Part.Text, Part.Image {

  /** A text part. */
  static Part text(String text) {
    return new Text(text);
  }

  /** An image by URL (https or a {@code data:} URL). */
  static Part imageUrl(String url) {
    return new Image(URI.create(url), null, null);
  }

  /** An image given as bytes with its media type, e.g. {@code image/png}. */
  static Part image(byte[] data, String mediaType) {
    return new Image(null, Base64.getEncoder().encodeToString(data), mediaType);
  }

  /**
   * Text content.
   *
   * @param text the text, kept exactly
   */
  record Text(String text) implements Part {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * An image, either by URL or inline as base64 data with a media type.
   *
   * @param url the image URL, or null for inline data
   * @param base64 the base64 data, or null for a URL
   * @param mediaType the media type of inline data, or null
   */
  record Image(URI url, String base64, String mediaType) implements Part {
    public Image {
      if ((url == null) == (base64 == null)) {
        throw new IllegalArgumentException("an image has either a URL or inline data");
      }
      if (base64 != null && mediaType == null) {
        throw new IllegalArgumentException("inline image data needs a media type");
      }
    }

    /** The image as a URL: the given one, or a {@code data:} URL built from inline data. */
    public String asUrl() {
      return url != null ? url.toString() : "data:" + mediaType + ";base64," + base64;
    }
  }
}
