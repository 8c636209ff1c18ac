package dev.rill.examples.sse;

import dev.rill.api.ChatRequest;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.runtime.Rill;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;

/**
 * {@code GET /chat?prompt=...} answers with {@code text/event-stream}: one {@code text} event per text delta, then
 * {@code done}, or an {@code error} event naming the Rill error kind.
 *
 * <p>Back-pressure runs end to end with nothing to configure: Reactor Netty asks the {@link Flux} for more events only
 * while the browser's connection is writable, the Flux asks the Rill stream (a {@code Flow.Publisher}) for more
 * chunks only when asked, and Rill stops reading the provider's socket when chunks are not asked for, so TCP slows the
 * provider. A browser that goes away cancels the Flux, which cancels the Rill call and closes the provider's
 * connection. {@code Flux.defer} makes each subscription a new call: a Rill stream is cold and single-use.
 */
@RestController
public class ChatRelayController {
  private final Rill rill;
  private final String model;

  public ChatRelayController(Rill rill, @Value("${relay.model:openai:gpt-4o-mini}") String model) {
    this.rill = rill;
    this.model = model;
  }

  // docs:begin relay
  @GetMapping(path = "/chat", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public Flux<ServerSentEvent<String>> chat(@RequestParam("prompt") String prompt) {
    ChatRequest request = ChatRequest.builder(model).user(prompt).build();
    return Flux.defer(() -> JdkFlowAdapter.flowPublisherToFlux(rill.stream(request)))
        .map(StreamChunk::content)
        .filter(text -> !text.isEmpty())
        .map(text -> ServerSentEvent.builder(text).event("text").build())
        .concatWith(Flux.just(ServerSentEvent.builder("").event("done").build()))
        .onErrorResume(RillException.class,
            e -> Flux.just(ServerSentEvent.builder(e.kind().name()).event("error").build()));
  }
  // docs:end relay
}
