package dev.rill.examples.guide;

import dev.rill.api.ChatRequest;
import dev.rill.api.Message;
import dev.rill.api.Part;
import dev.rill.runtime.Rill;

/** Images in a user message: by URL, or inline bytes with their media type. */
public final class Images {
  private Images() {}

  /**
   * Asks about an image given by URL and one given as bytes.
   *
   * @param rill the client
   * @param png the bytes of a PNG image
   * @return the answer's text
   */
  public static String describe(Rill rill, byte[] png) {
    // tag::images[]
    Message question = Message.user(
        Part.text("What differs between these two pictures?"),
        Part.imageUrl("https://example.com/cat.jpg"),           // fetched by the provider
        Part.image(png, "image/png"));                          // sent inline, base64-encoded by the plugin
    ChatRequest request = ChatRequest.builder("openai:gpt-4o-mini").message(question).build();
    String answer = rill.stream(request).text().join();
    // end::images[]
    return answer;
  }
}
