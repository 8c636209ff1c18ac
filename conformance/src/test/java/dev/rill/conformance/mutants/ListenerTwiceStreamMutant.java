package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.conformance.internal.StreamOpener;
import dev.rill.runtime.CallInfo;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamListener;
import dev.rill.runtime.StreamOptions;
import java.time.Duration;
import java.util.concurrent.Flow;

/** Defect: listeners hear the outcome twice (a completion path that notifies again) (rule L4.12). */
public final class ListenerTwiceStreamMutant implements StreamOpener {
  @Override
  public Flow.Publisher<StreamChunk> open(Rill rill, ChatRequest request) {
    return rill.stream(request);
  }

  @Override
  public Flow.Publisher<StreamChunk> open(Rill rill, ChatRequest request, StreamOptions options) {
    return rill.stream(request, OptionsCopy.copy(options, true, l -> new StreamListener() {
      @Override
      public void onStart(CallInfo call) {
        l.onStart(call);
      }

      @Override
      public void onFirstChunk(CallInfo call, Duration sinceStart) {
        l.onFirstChunk(call, sinceStart);
      }

      @Override
      public void onChunk(CallInfo call, StreamChunk chunk) {
        l.onChunk(call, chunk);
      }

      @Override
      public void onRetry(CallInfo call, int nextAttempt, Duration delay, RillException cause) {
        l.onRetry(call, nextAttempt, delay, cause);
      }

      @Override
      public void onError(CallInfo call, RillException error) {
        l.onError(call, error);
        l.onError(call, error);
      }

      @Override
      public void onComplete(CallInfo call, ChatResponse response) {
        l.onComplete(call, response);
        l.onComplete(call, response);
      }
    }));
  }
}
