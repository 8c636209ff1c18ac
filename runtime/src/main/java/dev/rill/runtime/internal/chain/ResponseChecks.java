package dev.rill.runtime.internal.chain;

import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.runtime.Downstream;
import dev.rill.runtime.ForwardingDownstream;
import dev.rill.runtime.Interceptor;
import dev.rill.runtime.Upstream;
import dev.rill.runtime.internal.call.CallState;
import java.time.Duration;
import java.util.List;

/**
 * What the enhanced pipeline adds to a completed call: continuity warnings (no finish reason, tool arguments that
 * are not JSON, a LENGTH finish), the call's timing (time to the first chunk with output, duration, attempts), and,
 * on request, a LENGTH finish turned into a {@link ErrorKind#TRUNCATED} error.
 *
 * @param continuityWarnings whether to add continuity warnings
 * @param lengthIsError whether a LENGTH finish fails the call
 */
public record ResponseChecks(boolean continuityWarnings, boolean lengthIsError) implements Interceptor {

  @Override
  public Upstream intercept(Chain chain, Downstream downstream) {
    CallState state = ((RealChain) chain).state();
    long start = System.nanoTime();
    return chain.proceed(chain.request(), new ForwardingDownstream(downstream) {
      private long firstOutput = -1;

      @Override
      public void onChunk(StreamChunk chunk) {
        if (firstOutput < 0 && chunk.hasOutput()) {
          firstOutput = System.nanoTime();
        }
        super.onChunk(chunk);
      }

      @Override
      public void onComplete(ChatResponse response) {
        List<String> warnings = continuityWarnings ? ContinuityCheck.warnings(response) : List.of();
        for (String w : warnings) {
          super.onWarning(w);
        }
        ChatResponse r = response.withWarnings(warnings).withTiming(new ChatResponse.Timing(
            firstOutput < 0 ? null : Duration.ofNanos(firstOutput - start), Duration.ofNanos(System.nanoTime() - start),
            state.attempts()));
        if (lengthIsError && r.finishReason() != null && r.finishReason().kind() == FinishReason.Kind.LENGTH) {
          super.onError(RillException.builder(ErrorKind.TRUNCATED).provider(r.provider()).model(state.current().model())
              .message("finish reason LENGTH: the output hit the token limit (lengthIsError is on)")
              .retryable(false).attempts(state.attempts()).partial(r).build());
          return;
        }
        super.onComplete(r);
      }
    });
  }
}
