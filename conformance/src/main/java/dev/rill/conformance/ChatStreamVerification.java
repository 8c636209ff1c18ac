package dev.rill.conformance;

import dev.rill.api.Capability;
import dev.rill.api.ChatRequest;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamingProvider;
import dev.rill.conformance.internal.ChunkBodies;
import dev.rill.conformance.internal.FramerFactory;
import dev.rill.conformance.internal.Loopback;
import dev.rill.conformance.internal.RuleContext;
import dev.rill.conformance.internal.StreamOpener;
import dev.rill.conformance.rules.RuleCatalogue;
import dev.rill.testkit.golden.Golden;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeMethod;

/**
 * The official Reactive Streams TCK ({@code FlowPublisherVerification}) run on {@link dev.rill.runtime.ChatStream}:
 * {@code createFlowPublisher(n)} streams a body with exactly {@code n} chunks for the plugin under test, built from
 * one of its goldens and served by a loopback server through the real runtime.
 *
 * <p>A plugin author can run it directly on the JUnit Platform (with {@code org.junit.support:testng-engine} on the
 * test class path):
 *
 * <pre>{@code
 * public class AcmeChatStreamVerificationTest extends ChatStreamVerification {
 *   @Override protected StreamingProvider provider() { return new AcmeProvider(); }
 * }
 * }</pre>
 *
 * {@link ProviderVerification} runs the same TCK rules as its rule L4.1, so extending it is enough for
 * certification. Each publisher gets a loopback server and client of its own, closed before the next TCK test. The failed publisher is a stream that already has a subscriber: every further subscriber gets
 * {@code onSubscribe} then {@code onError(IllegalStateException)}, without any demand.
 *
 * @since 0.1
 */
public abstract class ChatStreamVerification extends FlowPublisherVerification<StreamChunk> {
  private final ConformanceEnvironment conformance;
  private final StreamOpener streams;
  private final FramerFactory framers;
  private final List<Loopback> loopbacks = new java.util.ArrayList<>();
  private ChunkBodies.Template template;

  /** A verification with the {@code rill.conformance.*} environment. */
  protected ChatStreamVerification() {
    this(ConformanceEnvironment.fromSystemProperties(), StreamOpener.STANDARD, FramerFactory.STANDARD);
  }

  ChatStreamVerification(ConformanceEnvironment env, StreamOpener streams, FramerFactory framers) {
    super(new TestEnvironment(env.tckTimeoutMillis(), env.tckTimeoutMillis()),
        Math.max(5_000, env.tckTimeoutMillis() * 10)); // GC-based §3.13 check: polls, so only a failure waits this long
    this.conformance = env;
    this.streams = streams;
    this.framers = framers;
  }

  /** The plugin under test. */
  protected abstract StreamingProvider provider();

  /** The goldens the n-chunk bodies are built from; by default the plugin's own. */
  protected List<Golden> goldens() {
    return dev.rill.conformance.internal.GoldenSource.forProvider(provider());
  }

  /**
   * The stream options the publishers are opened with: null (the default) for the client's, the basic pipeline;
   * {@link dev.rill.runtime.StreamOptions#enhanced()} or a chain of built-in interceptors to verify those.
   */
  protected dev.rill.runtime.StreamOptions streamOptions() {
    return null;
  }

  /** Provider options the runtime is configured with (see {@link ProviderVerification#providerOptions()}). */
  protected java.util.Map<String, String> providerOptions() {
    return java.util.Map.of();
  }

  /** Stochastic TCK rules follow {@code rill.conformance.skip-stochastic}. */
  @Override
  public boolean skipStochasticTests() {
    return conformance.skipStochastic();
  }

  @Override
  public long maxElementsFromPublisher() {
    return Integer.MAX_VALUE;
  }

  @Override
  public Flow.Publisher<StreamChunk> createFlowPublisher(long elements) {
    ChunkBodies.Template t = template();
    if (elements < t.fixedChunks()) {
      // e.g. OpenAI Responses: response.created gives the role chunk and response.completed the finish and usage
      throw new org.testng.SkipException("the shortest stream the goldens of '" + provider().info().id()
          + "' can make has " + t.fixedChunks() + " chunks (chunks before the first content delta and after the last "
          + "one that the protocol needs), so one of exactly " + elements + " cannot be made");
    }
    Loopback lb = loopback();
    ChatRequest request = context().request(t.golden());
    dev.rill.runtime.StreamOptions options = streamOptions();
    Flow.Publisher<StreamChunk> stream = options == null ? lb.open(request) : lb.open(request, options);
    return subscriber -> stream.subscribe(new EnqueueOnDemand(java.util.Objects.requireNonNull(subscriber,
        "subscriber (RS 1.9)"), () -> lb.server().enqueue(t.appendTo(lb.head(), elements))));
  }

  /**
   * Passes signals through unchanged, and scripts the server's response on the first request, so concurrent
   * publishers of one test cannot take each other's responses. Drops the subscriber on cancel (RS 3.13).
   */
  private static final class EnqueueOnDemand implements Flow.Subscriber<StreamChunk>, Flow.Subscription {
    private final AtomicBoolean enqueued = new AtomicBoolean();
    private final Runnable enqueue;
    private volatile Flow.Subscriber<? super StreamChunk> downstream;
    private volatile Flow.Subscription upstream;

    EnqueueOnDemand(Flow.Subscriber<? super StreamChunk> downstream, Runnable enqueue) {
      this.downstream = downstream;
      this.enqueue = enqueue;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      upstream = s;
      Flow.Subscriber<? super StreamChunk> d = downstream;
      if (d != null) {
        d.onSubscribe(this);
      }
    }

    @Override
    public void request(long n) {
      if (n > 0 && enqueued.compareAndSet(false, true)) {
        enqueue.run();
      }
      upstream.request(n);
    }

    @Override
    public void cancel() {
      upstream.cancel();
      downstream = null;
    }

    @Override
    public void onNext(StreamChunk item) {
      Flow.Subscriber<? super StreamChunk> d = downstream;
      if (d != null) {
        d.onNext(item);
      }
    }

    @Override
    public void onError(Throwable t) {
      Flow.Subscriber<? super StreamChunk> d = downstream;
      downstream = null;
      if (d != null) {
        d.onError(t);
      }
    }

    @Override
    public void onComplete() {
      Flow.Subscriber<? super StreamChunk> d = downstream;
      downstream = null;
      if (d != null) {
        d.onComplete();
      }
    }
  }

  @Override
  public Flow.Publisher<StreamChunk> createFailedFlowPublisher() {
    ChunkBodies.Template t = template();
    Loopback lb = loopback();
    Flow.Publisher<StreamChunk> stream = lb.open(context().request(t.golden()));
    stream.subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.cancel();
      }

      @Override
      public void onNext(StreamChunk item) {}

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onComplete() {}
    });
    return stream;
  }

  /** Closes the previous test's servers and clients, then prepares the TCK's environment. */
  @BeforeMethod
  @Override
  public void setUp() throws Exception {
    closeLoopback();
    super.setUp();
  }

  /** Closes every loopback server and client; TestNG calls it after the class, the kit after rule L4.1. */
  @AfterClass(alwaysRun = true)
  public synchronized void closeLoopback() {
    for (Loopback lb : loopbacks) {
      lb.close();
    }
    loopbacks.clear();
  }

  /** A server and client of its own for each publisher, so no publisher can take another's scripted response. */
  private synchronized Loopback loopback() {
    Loopback lb = new Loopback(provider(), conformance, streams, providerOptions(), "");
    loopbacks.add(lb);
    return lb;
  }

  private RuleContext context() {
    StreamingProvider p = provider();
    return new RuleContext(p, goldens(), List.of(), Set.<Capability>of(), conformance, framers, streams,
        Optional::empty, RuleCatalogue.standard(), Set.of(), providerOptions());
  }

  private synchronized ChunkBodies.Template template() {
    if (template == null) {
      template = ChunkBodies.find(context()).orElseThrow(() -> new AssertionError("cannot build an n-chunk stream "
          + "for '" + provider().info().id() + "': no golden has a content delta that can be repeated"));
    }
    return template;
  }
}
