package dev.rill.testkit.golden;

import dev.rill.api.Framing;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One golden transcript: the wire bytes of a streamed response written from a provider's public documentation,
 * with the response the plugin must fold them into. Loaded by {@link GoldenTranscripts}.
 *
 * <p>{@code wire} is shared, not copied: do not modify it. {@code equals} compares it by identity.
 *
 * @param name the base name, e.g. {@code text-usage} (the files are {@code <name>.json} and {@code <name>.<ext>})
 * @param providerId the provider id (the directory under {@code META-INF/rill/transcripts/})
 * @param model the model the transcript answers as, or null
 * @param framing how the wire bytes are framed
 * @param description one line saying what the transcript covers
 * @param wire the response body bytes, exactly as a provider would send them
 * @param expect what the plugin must produce from {@code wire}
 * @param source the URL of the documentation page the shape follows, or null
 * @param prompt the user prompt the transcript answers, or null
 */
public record Golden(String name, String providerId, String model, Framing framing, String description, byte[] wire,
    Expectation expect, String source, String prompt) {

  /** Checks and normalises the components (see the class comment). */
  public Golden {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(framing, "framing");
    Objects.requireNonNull(wire, "wire");
    Objects.requireNonNull(expect, "expect");
    description = description == null ? "" : description;
  }

  /**
   * This transcript replayed as another provider of the same wire family (same bytes and expectation, another id):
   * how a provider that ships no transcripts of its own, such as an OpenAI-compatible catalogue row, is replayed.
   */
  public Golden as(String otherProviderId) {
    return otherProviderId.equals(providerId) ? this
        : new Golden(name, otherProviderId, model, framing, description, wire, expect, source, prompt);
  }

  /** The wire bytes decoded as UTF-8 (meaningless for binary framings). */
  public String wireText() {
    return new String(wire, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "Golden[" + providerId + "/" + name + ", " + framing + ", " + wire.length + " bytes: " + description + "]";
  }
}
