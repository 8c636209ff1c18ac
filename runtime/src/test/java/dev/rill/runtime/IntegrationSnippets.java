package dev.rill.runtime;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.ToolCall;
import io.reactivex.rxjava3.core.Flowable;
import io.smallrye.mutiny.Multi;
import org.reactivestreams.FlowAdapters;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;

/**
 * The runtime's snippets in {@code docs/integrations.md}, compiled by the build; {@code IntegrationSnippetsTest}
 * checks that every Java block of that page appears in a {@code *Snippets.java} file and runs these.
 */
final class IntegrationSnippets {
  private IntegrationSnippets() {}

  static void blocking(Rill rill, ChatRequest request, StringBuilder out) {
    // snippet: blocking
    try {
      ChatResponse response = rill.call(request); // or rill.stream(request).await()
      out.append(response.text());
    } catch (RillException e) { // the error itself, not a CompletionException
      out.append(e.kind() + ": " + e.getMessage());
    }
    // end
  }

  static ChatResponse handler(Rill rill, ChatRequest request, StringBuilder out) {
    // snippet: handler
    ChatResponse response = rill.stream(request).handle(new ChatHandler() {
      @Override public void onText(String text) { out.append(text); }
      @Override public void onReasoning(String reasoning) { /* show it, or not */ }
      @Override public void onToolCall(ToolCall call) { out.append("[" + call.name() + call.arguments() + "]"); }
      @Override public void onComplete(ChatResponse r) { out.append(" (" + r.finishReason() + ")"); }
      @Override public void onError(RillException e) { out.append(" failed: " + e.kind()); }
    }).join();
    // end
    return response;
  }

  static String reactor(Rill rill, ChatRequest request) {
    // snippet: reactor
    Flux<StreamChunk> chunks = Flux.defer(() -> JdkFlowAdapter.flowPublisherToFlux(rill.stream(request)))
        .retry(2); // each retry subscribes anew, and defer makes a new call: a ChatStream is cold and single-use
    String text = chunks.map(StreamChunk::content).take(100).collectList()
        .map(parts -> String.join("", parts)).block();
    // end
    return text;
  }

  static long rxJava(Rill rill, ChatRequest request) {
    // snippet: rxjava
    long count = Flowable.defer(() -> Flowable.fromPublisher(FlowAdapters.toPublisher(rill.stream(request))))
        .retry(2).take(10).count().blockingGet();
    // end
    return count;
  }

  static long mutiny(Rill rill, ChatRequest request) {
    // snippet: mutiny
    long count = Multi.createFrom().deferred(() -> Multi.createFrom().publisher(rill.stream(request)))
        .onFailure().retry().atMost(2).select().first(10).collect().with(java.util.stream.Collectors.counting())
        .await().indefinitely();
    // end
    return count;
  }
}
