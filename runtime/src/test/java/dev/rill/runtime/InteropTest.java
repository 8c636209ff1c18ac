package dev.rill.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import io.reactivex.rxjava3.core.Flowable;
import io.smallrye.mutiny.Multi;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.FlowAdapters;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;

/**
 * A {@link ChatStream} consumed from Reactor ({@code JdkFlowAdapter}), RxJava 3 ({@code FlowAdapters}) and Mutiny
 * (which speaks {@code java.util.concurrent.Flow}): every chunk arrives, cancel from {@code take(n)} closes the
 * connection and returns the pool's lease, and a retry goes through the library's {@code defer}, since a stream is
 * cold and single-use.
 */
class InteropTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final String[] FIVE = {"data: t:a\n\n", "data: t:b\n\n", "data: t:c\n\n", "data: t:d\n\n",
      "data: t:e\n\n", "data: f:stop\n\n", "data: [DONE]\n\n"};

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

  /** Three chunks of a stream that never ends by itself: only a cancel ends it. */
  void enqueueEndless() {
    server.enqueue(Response.sse("data: t:1\n\n", "data: t:2\n\n", "data: t:3\n\n", "data: t:4\n\n").stallForever());
  }

  void assertReleased() {
    assertThat(server.awaitClientDisconnects(1, WAIT)).as("server saw the disconnect").isTrue();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (rill.poolStats().leased() > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(rill.poolStats().leased()).as("leased connections").isZero();
  }

  static String texts(List<StreamChunk> chunks) {
    return chunks.stream().map(StreamChunk::content).collect(Collectors.joining());
  }

  // ------------------------------------------------------------------ Reactor

  @Test
  void reactorReadsEveryChunk() {
    server.enqueue(Response.sse(FIVE));
    List<StreamChunk> chunks = JdkFlowAdapter.flowPublisherToFlux(rill.stream(request())).collectList()
        .block(WAIT);
    assertThat(texts(chunks)).isEqualTo("abcde");
  }

  @Test
  void reactorTakeCancelsAndReleasesTheConnection() {
    enqueueEndless();
    List<StreamChunk> chunks = JdkFlowAdapter.flowPublisherToFlux(rill.stream(request())).take(3).collectList()
        .block(WAIT);
    assertThat(texts(chunks)).isEqualTo("123");
    assertReleased();
  }

  @Test
  void reactorRetriesThroughDeferWithANewStreamPerSubscription() {
    server.enqueue(Response.json(503, "{\"error\":\"busy\"}"));
    server.enqueue(Response.sse(FIVE));
    AtomicInteger made = new AtomicInteger();
    List<StreamChunk> chunks = Flux.defer(() -> {
          made.incrementAndGet();
          return JdkFlowAdapter.flowPublisherToFlux(rill.stream(request()));
        })
        .retry(1)
        .collectList().block(WAIT);
    assertThat(texts(chunks)).isEqualTo("abcde");
    assertThat(made).hasValue(2);
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void reactorRetryWithoutDeferResubscribesTheSameStreamAndIsRefused() {
    server.enqueue(Response.json(503, "{\"error\":\"busy\"}"));
    Flux<StreamChunk> once = JdkFlowAdapter.flowPublisherToFlux(rill.stream(request()));
    assertThatThrownBy(() -> once.retry(1).blockLast(WAIT)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unicast");
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void reactorSeesTheRillExceptionItself() {
    server.enqueue(Response.sse("data: t:x\n\n", "data: e:SERVER\n\n"));
    assertThatThrownBy(() -> JdkFlowAdapter.flowPublisherToFlux(rill.stream(request())).blockLast(WAIT))
        .isInstanceOfSatisfying(RillException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.SERVER);
          assertThat(e.partial().text()).isEqualTo("x");
        });
  }

  // ------------------------------------------------------------------ RxJava 3

  @Test
  void rxJavaReadsEveryChunk() {
    server.enqueue(Response.sse(FIVE));
    List<StreamChunk> chunks = Flowable.fromPublisher(FlowAdapters.toPublisher(rill.stream(request()))).toList()
        .blockingGet();
    assertThat(texts(chunks)).isEqualTo("abcde");
  }

  @Test
  void rxJavaTakeCancelsAndReleasesTheConnection() {
    enqueueEndless();
    List<StreamChunk> chunks = Flowable.fromPublisher(FlowAdapters.toPublisher(rill.stream(request()))).take(3)
        .toList().blockingGet();
    assertThat(texts(chunks)).isEqualTo("123");
    assertReleased();
  }

  @Test
  void rxJavaRetriesThroughDefer() {
    server.enqueue(Response.json(503, "{\"error\":\"busy\"}"));
    server.enqueue(Response.sse(FIVE));
    List<StreamChunk> chunks = Flowable.defer(() -> Flowable.fromPublisher(FlowAdapters.toPublisher(
        rill.stream(request())))).retry(1).toList().blockingGet();
    assertThat(texts(chunks)).isEqualTo("abcde");
    assertThat(server.requestCount()).isEqualTo(2);
  }

  // ------------------------------------------------------------------ Mutiny

  @Test
  void mutinyReadsEveryChunk() {
    server.enqueue(Response.sse(FIVE));
    List<StreamChunk> chunks = Multi.createFrom().publisher(rill.stream(request())).collect().asList().await()
        .atMost(WAIT);
    assertThat(texts(chunks)).isEqualTo("abcde");
  }

  @Test
  void mutinySelectFirstCancelsAndReleasesTheConnection() {
    enqueueEndless();
    List<StreamChunk> chunks = Multi.createFrom().publisher(rill.stream(request())).select().first(3).collect()
        .asList().await().atMost(WAIT);
    assertThat(texts(chunks)).isEqualTo("123");
    assertReleased();
  }

  @Test
  void mutinyRetriesThroughDeferred() {
    server.enqueue(Response.json(503, "{\"error\":\"busy\"}"));
    server.enqueue(Response.sse(FIVE));
    List<StreamChunk> chunks = Multi.createFrom().deferred(() -> Multi.createFrom().publisher(rill.stream(request())))
        .onFailure().retry().atMost(1).collect().asList().await().atMost(WAIT);
    assertThat(texts(chunks)).isEqualTo("abcde");
    assertThat(server.requestCount()).isEqualTo(2);
  }
}
