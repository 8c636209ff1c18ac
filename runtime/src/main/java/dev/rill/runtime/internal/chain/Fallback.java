package dev.rill.runtime.internal.chain;

import dev.rill.api.ChatRequest;
import dev.rill.api.ProviderInfo;
import dev.rill.api.RillException;
import dev.rill.runtime.Downstream;
import dev.rill.runtime.Interceptor;
import dev.rill.runtime.Upstream;
import dev.rill.runtime.internal.call.OptionScopes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves on to the next model spec when the current one failed transiently (after its own retries) before any chunk
 * went down. The response says who answered ({@code ChatResponse.provider()}).
 *
 * <p>Each attempt is sent only the request options addressed to its own provider id or wire family
 * ({@link OptionScopes#forAttempt}); an option addressed to no provider of the chain stays in the first attempt's
 * request, which then refuses it before anything is sent.
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
    ChatRequest request = chain.request();
    List<ProviderInfo> infos = new ArrayList<>(specs.size() + 1);
    infos.add(first.providerInfo(request.model()));
    for (String spec : specs) {
      infos.add(first.providerInfo(spec));
    }
    List<ProviderInfo> known = infos.stream().filter(i -> i != null).toList();
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
        return new Next(next, attemptRequest(request.withModel(spec), infos.get(index), known), Duration.ZERO,
            () -> chain.listener().onFallback(first.state().current(), spec, failure));
      }
    }.start(first, attemptRequest(request, infos.get(0), known));
  }

  /** The request one attempt sees; unchanged when its provider is unknown (resolving it will fail and say so). */
  private static ChatRequest attemptRequest(ChatRequest request, ProviderInfo target, List<ProviderInfo> chain) {
    return target == null ? request : OptionScopes.forAttempt(request, target, chain);
  }
}
