package dev.rill.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.ToolCall;
import dev.rill.api.ToolCallDelta;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The typed callback handler and the blocking call that throws the RillException itself, over loopback. */
class HandlerAndAwaitTest {
  static final Duration WAIT = Duration.ofSeconds(10);

  WireServer server;
  Rill rill;

  @BeforeEach
  void start() {
    server = WireServer.start();
    rill = Rill.builder().discover(false).register(new LineProvider())
        .baseUrl("line", server.baseUri().toString()).apiKey("line", "k1").build();
  }

  @AfterEach
  void stop() {
    rill.close();
    server.close();
  }

  static ChatRequest request() {
    return ChatRequest.builder("line:model-a").user("hi").build();
  }

  /** Records every callback as one line, in order. */
  static class Recording implements ChatHandler {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<ToolCall> calls = new CopyOnWriteArrayList<>();
    final AtomicReference<RillException> error = new AtomicReference<>();

    @Override public void onText(String text) { events.add("text " + text); }
    @Override public void onReasoning(String reasoning) { events.add("reasoning " + reasoning); }
    @Override public void onToolCallDelta(ToolCallDelta d) { events.add("delta " + d.index() + " " + d.arguments()); }
    @Override public void onToolCall(ToolCall call) {
      calls.add(call);
      events.add("call " + call.id() + " " + call.name() + " " + call.arguments());
    }
    @Override public void onComplete(ChatResponse response) {
      events.add("complete " + (response.finishReason() == null ? "-" : response.finishReason().raw()));
    }
    @Override public void onError(RillException e) {
      error.set(e);
      events.add("error " + e.kind());
    }
  }

  @Test
  void theHandlerHearsEachPieceInWireOrderAndEachToolCallOnceWhenTheNextStartsOrTheFinishArrives() {
    server.enqueue(Response.sse("data: r:think\n\n", "data: t:Hel\n\n", "data: t:lo\n\n",
        "data: c:0,call_1,get_weather,{\"city\"\n\n", "data: c:0,,,:\"Paris\"}\n\n",
        "data: c:1,call_2,get_time,{}\n\n", "data: f:tool_calls\n\n", "data: u:3,4\n\n", "data: [DONE]\n\n"));
    Recording h = new Recording();

    ChatResponse r = rill.stream(request()).handle(h).orTimeout(20, TimeUnit.SECONDS).join();

    assertThat(h.events).containsExactly("reasoning think", "text Hel", "text lo",
        "delta 0 {\"city\"", "delta 0 :\"Paris\"}",
        "call call_1 get_weather {\"city\":\"Paris\"}", // complete: call 1 starts
        "delta 1 {}",
        "call call_2 get_time {}", // complete: the finish reason arrived
        "complete tool_calls");
    assertThat(h.calls).isEqualTo(r.toolCalls()); // the same calls the fold has
    assertThat(h.error.get()).isNull();
  }

  @Test
  void aToolCallStillOpenAtTheEndOfTheStreamIsToldBeforeOnComplete() {
    server.enqueue(Response.sse("data: c:0,call_9,lookup,{\"q\":1}\n\n", "data: [DONE]\n\n"));
    Recording h = new Recording();
    rill.stream(request()).handle(h).orTimeout(20, TimeUnit.SECONDS).join();
    assertThat(h.events.get(h.events.size() - 2)).isEqualTo("call call_9 lookup {\"q\":1}");
    assertThat(h.events.get(h.events.size() - 1)).startsWith("complete");
  }

  @Test
  void onErrorGetsTheRillExceptionItselfAndTheFutureFailsWithIt() {
    server.enqueue(Response.sse("data: t:part\n\n", "data: e:OVERLOADED\n\n"));
    Recording h = new Recording();
    var future = rill.stream(request()).handle(h);
    assertThatThrownBy(() -> future.orTimeout(20, TimeUnit.SECONDS).join()).isInstanceOf(CompletionException.class)
        .cause().isSameAs(h.error.get());
    assertThat(h.events).containsExactly("text part", "error OVERLOADED");
    assertThat(h.error.get().partial().text()).isEqualTo("part");
  }

  @Test
  void aHandlerThatThrowsCancelsTheCallAndHearsCancelled() {
    server.enqueue(Response.sse("data: t:one\n\n", "data: t:two\n\n", "data: [DONE]\n\n"));
    Recording h = new Recording() {
      @Override public void onText(String text) {
        super.onText(text);
        throw new IllegalStateException("consumer bug");
      }
    };
    assertThatThrownBy(() -> rill.stream(request()).handle(h).orTimeout(20, TimeUnit.SECONDS).join())
        .hasCauseInstanceOf(RillException.class);
    assertThat(h.error.get().kind()).isEqualTo(ErrorKind.CANCELLED);
    assertThat(h.error.get().getCause()).hasMessage("consumer bug");
    assertThat(h.events).containsExactly("text one", "error CANCELLED");
  }

  @Test
  void awaitReturnsTheResponseAndRillCallIsTheSame() {
    server.enqueue(Response.sse("data: t:Hi\n\n", "data: f:stop\n\n", "data: [DONE]\n\n"));
    server.enqueue(Response.sse("data: t:again\n\n", "data: f:stop\n\n", "data: [DONE]\n\n"));
    assertThat(rill.stream(request()).await().text()).isEqualTo("Hi");
    assertThat(rill.call(request()).text()).isEqualTo("again");
  }

  @Test
  void awaitThrowsTheRillExceptionItselfNotACompletionException() {
    server.enqueue(Response.json(429, "{\"error\":\"slow down\"}"));
    assertThatThrownBy(() -> rill.call(request())).isInstanceOfSatisfying(RillException.class,
        e -> assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED));
    server.enqueue(Response.sse("data: t:cut\n\n")); // no terminator
    assertThatThrownBy(() -> rill.stream(request()).await()).isInstanceOfSatisfying(RillException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.TRUNCATED);
      assertThat(e.partial().text()).isEqualTo("cut");
    });
  }

  @Test
  void anInterruptWhileAwaitingCancelsTheCallAndKeepsTheFlag() throws Exception {
    server.enqueue(Response.sse("data: t:slow\n\n").stallForever());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        rill.call(request());
      } catch (Throwable e) {
        thrown.set(e);
      }
      flag.set(Thread.currentThread().isInterrupted());
    });
    t.start();
    assertThat(server.awaitRequests(1, WAIT)).isTrue();
    Thread.sleep(100);
    t.interrupt();
    t.join(WAIT.toMillis());
    assertThat(thrown.get()).isInstanceOfSatisfying(RillException.class,
        e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED));
    assertThat(flag.get()).isTrue();
    assertThat(server.awaitClientDisconnects(1, WAIT)).isTrue();
  }
}
