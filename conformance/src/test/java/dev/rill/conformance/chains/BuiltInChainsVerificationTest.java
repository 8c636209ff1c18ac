package dev.rill.conformance.chains;

import dev.rill.api.ChatResponse;
import dev.rill.api.HttpCall;
import dev.rill.api.StreamingProvider;
import dev.rill.conformance.ChatStreamVerification;
import dev.rill.conformance.reference.ReferenceProvider;
import dev.rill.runtime.CallInfo;
import dev.rill.runtime.Interceptors;
import dev.rill.runtime.MalformedEventPolicy;
import dev.rill.runtime.RetryPolicy;
import dev.rill.runtime.StreamListener;
import dev.rill.runtime.StreamOptions;
import dev.rill.runtime.WireTap;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Factory;

/**
 * The official Reactive Streams TCK on every stream a built-in interceptor can produce, one at a time, and on the
 * whole enhanced preset and a delivery executor: each layer of the chain keeps demand, serial signals, one outcome
 * and cancel as the rules require (the basic stream is {@code ReferenceChatStreamVerificationTest}).
 */
public class BuiltInChainsVerificationTest extends ChatStreamVerification {
  private static final Executor DELIVERY = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "tck-delivery");
    t.setDaemon(true);
    return t;
  });

  /** The chains, by name. */
  @DataProvider(name = "chains")
  public static Object[][] chains() {
    return new Object[][] {
        {"enhanced"}, {"retry"}, {"fallback"}, {"totalTimeout"}, {"listeners"}, {"responseChecks"}, {"metadata"},
        {"malformedSkip"}, {"idleAndFirstChunk"}, {"wireTap"}, {"deliveryExecutor"}};
  }

  private static StreamOptions options(String name) {
    return switch (name) {
      case "enhanced" -> StreamOptions.enhanced();
      case "retry" -> StreamOptions.basicBuilder().interceptor(Interceptors.retry(RetryPolicy.attempts(3))).build();
      case "fallback" -> StreamOptions.basicBuilder().fallback("reference:ref-model-2").build();
      case "totalTimeout" -> StreamOptions.basicBuilder().totalTimeout(Duration.ofMinutes(1)).build();
      case "listeners" -> StreamOptions.basicBuilder().listener(new Counting()).build();
      case "responseChecks" -> StreamOptions.basicBuilder().continuityWarnings(true).build();
      case "metadata" -> StreamOptions.basicBuilder().interceptor(Interceptors.metadata()).build();
      case "malformedSkip" -> StreamOptions.basicBuilder()
          .interceptor(Interceptors.malformedEvents(MalformedEventPolicy.SKIP)).build();
      case "idleAndFirstChunk" -> StreamOptions.basicBuilder().firstChunkTimeout(Duration.ofMinutes(1))
          .idleTimeout(Duration.ofMinutes(1)).build();
      case "wireTap" -> StreamOptions.basicBuilder().wireTap(new WireTap() {
        @Override public void onRequest(HttpCall call) { }
      }).build();
      case "deliveryExecutor" -> StreamOptions.basicBuilder().deliveryExecutor(DELIVERY).build();
      default -> throw new IllegalArgumentException(name);
    };
  }

  private final String name;
  private final StreamOptions options;

  /** The TCK on the reference plugin through the chain called {@code name}. */
  @Factory(dataProvider = "chains")
  public BuiltInChainsVerificationTest(String name) {
    this.name = name;
    this.options = options(name);
  }

  @Override
  protected StreamingProvider provider() {
    return new ReferenceProvider();
  }

  @Override
  protected StreamOptions streamOptions() {
    return options;
  }

  @Override
  public String toString() {
    return "TCK through " + name;
  }

  /** A listener that only counts. */
  private static final class Counting implements StreamListener {
    final AtomicLong events = new AtomicLong();

    @Override public void onChunk(CallInfo call, dev.rill.api.StreamChunk chunk) { events.incrementAndGet(); }
    @Override public void onComplete(CallInfo call, ChatResponse response) { events.incrementAndGet(); }
  }
}
