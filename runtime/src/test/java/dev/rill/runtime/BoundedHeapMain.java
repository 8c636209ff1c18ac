package dev.rill.runtime;

import dev.rill.api.ChatRequest;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Run in a child JVM with a small heap by {@link BoundedHeapTest}: a loopback server streams text (or new choice
 * indices) forever to a subscriber that discards every chunk, through a client with the default limits. Prints
 * {@code OUTCOME <kind> <limit>} for a typed error, {@code COMPLETED}, {@code OOM} or {@code HANG}.
 */
public final class BoundedHeapMain {
  private BoundedHeapMain() {}

  public static void main(String[] args) throws Exception {
    String what = args[0];
    StreamOptions options = args.length > 1 && args[1].equals("enhanced") ? StreamOptions.enhanced()
        : StreamOptions.basic();
    try (WireServer server = WireServer.start();
        Rill rill = Rill.builder().discover(false).register(new LineProvider())
            .baseUrl("line", server.baseUri().toString()).apiKey("line", "k").build()) {
      byte[] event;
      if (what.equals("text")) {
        event = ("data: t:" + "z".repeat(4000) + "\n\n").getBytes(StandardCharsets.UTF_8);
        server.enqueue(Response.status(200).header("Content-Type", "text/event-stream").repeat(event, Long.MAX_VALUE));
      } else {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
          body.append("data: n:").append(i).append(",x\n\n");
        }
        server.enqueue(Response.sse(body.toString()).stallForever());
      }
      AtomicReference<Throwable> error = new AtomicReference<>();
      CountDownLatch done = new CountDownLatch(1);
      rill.stream(ChatRequest.builder("line:m").user("hi").build(), options).subscribe(new Flow.Subscriber<>() {
        @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
        @Override public void onNext(StreamChunk item) { }
        @Override public void onError(Throwable t) { error.set(t); done.countDown(); }
        @Override public void onComplete() { done.countDown(); }
      });
      if (!done.await(120, TimeUnit.SECONDS)) {
        System.out.println("HANG");
        System.exit(3);
      }
      Throwable t = error.get();
      if (t == null) {
        System.out.println("COMPLETED");
      } else if (t instanceof RillException e) {
        System.out.println("OUTCOME " + e.kind() + " " + e.limit().map(Enum::name).orElse("-")
            + (e.getCause() instanceof OutOfMemoryError ? " OOM" : ""));
      } else {
        System.out.println("OTHER " + t);
      }
    } catch (OutOfMemoryError e) {
      System.out.println("OOM");
      System.exit(2);
    }
    System.exit(0);
  }
}
