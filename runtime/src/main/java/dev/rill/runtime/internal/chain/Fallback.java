package dev.rill.runtime.internal.chain;

import dev.rill.api.RillException;
import dev.rill.runtime.Downstream;
import dev.rill.runtime.Interceptor;
import dev.rill.runtime.Upstream;
import java.time.Duration;
import java.util.List;

/**
 * Moves on to the next model spec when the current one failed transiently (after its own retries) before any chunk
 * went down. The response says who answered ({@code ChatResponse.provider()}).
 *
 * @param specs the model specs tried after the request's own, in order
 */
public record Fallback(List<String> specs) implements Interceptor {

  public Fallback {
    specs = List.copyOf(specs);
  }

  @Override
  public Upstream intercept(Chain chain, Downstream downstream) {
    RealChain first = (RealChain) chain;
    return new AttemptLoop(downstream) {
      private int index;

      @Override
      Next next(RillException failure) {
        if (index >= specs.size()) {
          return null;
        }
        String spec = specs.get(index);
        index++;
        RealChain next = first.withFallbackIndex(index);
        return new Next(next, chain.request().withModel(spec), Duration.ZERO,
            () -> chain.listener().onFallback(first.state().current(), spec, failure));
      }
    }.start(first, chain.request());
  }
}
