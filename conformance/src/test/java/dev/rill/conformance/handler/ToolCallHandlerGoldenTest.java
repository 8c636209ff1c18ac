package dev.rill.conformance.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.api.StreamingProvider;
import dev.rill.api.ToolCall;
import dev.rill.api.ToolCallDelta;
import dev.rill.conformance.ConformanceEnvironment;
import dev.rill.conformance.internal.Loopback;
import dev.rill.conformance.internal.StreamOpener;
import dev.rill.runtime.ChatHandler;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.server.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ChatHandler.onToolCall} over the real plugins and the runtime, with every golden that holds tool calls
 * (the parallel-call goldens of OpenAI, Anthropic, Gemini, Bedrock, Ollama and Responses among them) served by a
 * loopback server: each call is told once, whole, in the order of the response's tool calls, after its own last
 * fragment and before the next call's first, and before {@code onComplete}. For the SSE goldens whose calls arrive in
 * separate events, the server holds everything after the event that starts the second call until the first was told:
 * the consumer can run a tool while the rest of the answer does not exist yet.
 */
class ToolCallHandlerGoldenTest {
  static final List<String> PROVIDERS =
      List.of("openai", "anthropic", "gemini", "bedrock", "ollama", "openai-responses", "cohere");

  static StreamingProvider provider(String id) {
    for (ServiceLoader.Provider<StreamingProvider> p : ServiceLoader.load(StreamingProvider.class).stream().toList()) {
      if (p.type().getName().startsWith("dev.rill.provider.")) {
        StreamingProvider plugin = p.get();
        if (plugin.info().id().equals(id)) {
          return plugin;
        }
      }
    }
    throw new AssertionError("no plugin " + id);
  }

  static Stream<Arguments> goldensWithToolCalls() {
    List<Arguments> all = new ArrayList<>();
    for (String id : PROVIDERS) {
      for (Golden g : GoldenTranscripts.list(id, ToolCallHandlerGoldenTest.class.getClassLoader())) {
        if (!g.expect().toolCalls().isEmpty() && !g.expect().expectsError()) {
          all.add(Arguments.of(id + "/" + g.name(), g));
        }
      }
    }
    assertThat(all.stream().map(a -> a.get()[0].toString()).filter(n -> n.contains("parallel")).count())
        .as("parallel-call goldens").isGreaterThanOrEqualTo(4);
    return all.stream();
  }

  /** Records the callbacks, and releases {@code firstTold} when the first call is told. */
  static final class Recording implements ChatHandler {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<ToolCall> told = new CopyOnWriteArrayList<>();
    final CountDownLatch firstTold = new CountDownLatch(1);
    volatile int deltasWhenFirstTold = -1;
    private int deltas;

    @Override public void onToolCallDelta(ToolCallDelta d) {
      deltas++;
      events.add("delta " + d.index());
    }

    @Override public void onToolCall(ToolCall call) {
      if (told.isEmpty()) {
        deltasWhenFirstTold = deltas;
      }
      told.add(call);
      events.add("call " + call.id() + " " + call.name());
      firstTold.countDown();
    }

    @Override public void onComplete(ChatResponse response) { events.add("complete"); }

    @Override public void onError(RillException error) { events.add("error " + error.kind()); }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldensWithToolCalls")
  void eachToolCallIsToldOnceWholeInWireOrderBeforeTheNextStreams(String name, Golden g) throws Exception {
    StreamingProvider provider = provider(g.providerId());
    int held = holdPoint(g);
    try (Loopback lb = new Loopback(provider, ConformanceEnvironment.fromSystemProperties(), StreamOpener.STANDARD)) {
      Recording h = new Recording();
      Response response = held < 0 ? lb.ok(g.wire())
          : lb.head().write(java.util.Arrays.copyOf(g.wire(), held)).awaitSignal(h.firstTold, Duration.ofSeconds(30))
              .write(java.util.Arrays.copyOfRange(g.wire(), held, g.wire().length));
      lb.serverEnqueue(response);
      ChatRequest request = ChatRequest.builder(g.providerId() + ":" + (g.model() != null ? g.model() : "m"))
          .user(g.prompt() != null ? g.prompt() : "Hello").build();
      ChatResponse r = lb.rill().stream(request).handle(h).orTimeout(40, TimeUnit.SECONDS).join();

      assertThat(h.told).as("told once each, whole, in the response's order").isEqualTo(r.toolCalls());
      assertThat(r.toolCalls()).isEqualTo(g.expect().toolCalls());
      assertThat(h.events.get(h.events.size() - 1)).isEqualTo("complete");
      assertToldAfterItsFragmentsAndBeforeTheNext(h.events, r.toolCalls().size());
      if (held >= 0) {
        // the server sends the rest only once the first call was told (or after 30 s, too late for this check)
        long total = h.events.stream().filter(e -> e.startsWith("delta ")).count();
        assertThat(h.deltasWhenFirstTold).as("the first call was told before the held fragments arrived: " + h.events)
            .isPositive().isLessThan((int) total);
      }
    }
  }

  /**
   * The n-th {@code call} event comes after every delta of the n-th call and before any delta of a later one: the
   * deltas of call k (wire index order of first appearance) are the k-th group.
   */
  static void assertToldAfterItsFragmentsAndBeforeTheNext(List<String> events, int calls) {
    List<String> order = new ArrayList<>(); // delta indexes in order of first appearance
    for (String e : events) {
      if (e.startsWith("delta ") && !order.contains(e)) {
        order.add(e);
      }
    }
    assertThat(order).as("one delta group per call: " + events).hasSize(calls);
    int told = 0;
    for (int at = 0; at < events.size(); at++) {
      String e = events.get(at);
      if (e.startsWith("call ")) {
        String own = order.get(told);
        assertThat(events.subList(at, events.size())).as("no fragment of call " + told + " after it was told: "
            + events).doesNotContain(own);
        told++;
      } else if (e.startsWith("delta ")) {
        assertThat(order.indexOf(e)).as("a fragment of a later call before call " + told + " was told: " + events)
            .isLessThanOrEqualTo(told);
      }
    }
    assertThat(told).isEqualTo(calls);
  }

  /**
   * Where to hold an SSE golden whose calls arrive in events of their own: the end of the event that starts the second
   * call (its id), which completes the first; the second call's arguments and the finish are held back. -1 when
   * there is no such point (one call, a binary framing, both calls in one event, or nothing after it).
   */
  static int holdPoint(Golden g) {
    List<ToolCall> calls = g.expect().toolCalls();
    if (calls.size() < 2 || g.framing() != dev.rill.api.Framing.SSE || calls.get(1).id().isEmpty()) {
      return -1;
    }
    String text = g.wireText();
    int first = text.indexOf(calls.get(0).id());
    int second = text.indexOf(calls.get(1).id());
    if (first < 0 || second < 0 || text.lastIndexOf("\n\n", second) < first) {
      return -1; // both calls in one event
    }
    int end = text.indexOf("\n\n", second);
    if (end < 0 || end + 2 >= text.length()) {
      return -1;
    }
    return text.substring(0, end + 2).getBytes(StandardCharsets.UTF_8).length;
  }
}
