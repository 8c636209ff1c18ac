package dev.rill.api;

import java.net.URI;
import java.util.Base64;
import java.util.Objects;

/**
 * A piece of a message's content: text, an image, or (in an assistant message) a reasoning block sent back to
 * the provider that produced it.
 *
 * @since 0.1
 */
public sealed interface Part permits Part.Text, Part.Image, Part.Reasoning {

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

  /** A reasoning part holding what a {@link ChatResponse} folded into {@code block}, of no recorded origin. */
  static Part reasoning(ReasoningBlock block) {
    return reasoning(block, "");
  }

  /**
   * A reasoning part holding {@code block}, produced by provider {@code origin} (a provider id, as
   * {@link ChatResponse#provider()} names it): a provider sends a signed block back only to one that can verify it.
   */
  static Part reasoning(ReasoningBlock block, String origin) {
    return new Reasoning(block.text(), block.signature(), block.redacted(), block.data(), origin);
  }

  /**
   * Text content.
   *
   * @param text the text, kept exactly
   */
  record Text(String text) implements Part {
    /** Checks and normalises the components (see the class comment). */
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
    /** Checks and normalises the components (see the class comment). */
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

  /**
   * A reasoning block of an earlier assistant turn, sent back so the provider can verify and continue its
   * reasoning: Anthropic {@code thinking} / {@code redacted_thinking} blocks, Bedrock {@code reasoningContent},
   * Gemini {@code thoughtSignature}s. Only assistant messages carry it; providers that cannot take reasoning back
   * leave it out of the request, and a provider that requires signatures leaves out unsigned blocks. A block whose
   * {@code origin} names a provider that signs differently (Gemini's thought signatures sent to Claude, or the
   * reverse, after a fallback) is left out too: the receiving provider would reject the whole request. A block of no
   * origin (built by hand) is sent as it is.
   *
   * @param text the reasoning text, empty when none
   * @param signature the provider's signature of the block, empty when none
   * @param redacted whether this is a redacted block, whose content is {@code data}
   * @param data the opaque content of a redacted block, empty otherwise
   * @param origin the id of the provider that produced the block, empty when unknown
   */
  record Reasoning(String text, String signature, boolean redacted, String data, String origin) implements Part {
    /** Checks and normalises the components (see the class comment). */
    public Reasoning {
      text = text == null ? "" : text;
      signature = signature == null ? "" : signature;
      data = data == null ? "" : data;
      origin = origin == null ? "" : origin;
    }

    /** Whether the block carries a signature. */
    public boolean isSigned() {
      return !signature.isEmpty();
    }
  }
}
