package dev.rill.runtime.internal.stream;

import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.runtime.ChatStream;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The blocking call: waits for a collecting future and hands back its response, or throws the call's
 * {@link RillException} itself instead of the future's wrapper. An interrupt cancels the call.
 */
final class Awaiting {
  /** How long the cancelled call may take to report its {@code CANCELLED} outcome after an interrupt. */
  private static final long CANCEL_GRACE_SECONDS = 5;

  private Awaiting() {}

  static ChatResponse await(ChatStream stream, CompletableFuture<ChatResponse> result) {
    try {
      return result.get();
    } catch (ExecutionException e) {
      throw unwrap(e.getCause());
    } catch (InterruptedException e) {
      stream.cancel();
      try {
        return result.get(CANCEL_GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException cancelled) {
        throw unwrap(cancelled.getCause());
      } catch (InterruptedException | TimeoutException | CancellationException again) {
        throw RillException.builder(ErrorKind.CANCELLED).retryable(false)
            .message("the waiting thread was interrupted; the stream was cancelled").cause(e).build();
      } finally {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static RuntimeException unwrap(Throwable cause) {
    if (cause instanceof RillException e) {
      return e;
    }
    if (cause instanceof RuntimeException e) {
      return e; // misuse, e.g. IllegalStateException for a stream consumed twice
    }
    return RillException.builder(ErrorKind.INTERNAL).retryable(false).message("the stream failed: " + cause)
        .cause(cause).build();
  }
}
