package dev.rill.runtime.internal.chain;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderInfo;
import dev.rill.api.RillException;
import dev.rill.runtime.Downstream;
import dev.rill.runtime.Interceptor;
import dev.rill.runtime.Upstream;
import dev.rill.runtime.internal.call.OptionScopes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves on to the next model spec when the current one failed transiently (after its own retries) before any chunk
 * went down. The response says who answered ({@code ChatResponse.provider()}).
 *
 * <p>A spec whose provider (or model) does not declare a capability the request needs (tools, images, reasoning
 * options, a system prompt: see {@code RequiredCapabilities}) is skipped before anything is sent to it, and the
 * listeners hear {@code onFallback} with the refusal; when every spec is skipped the call fails with
 * {@code INVALID_REQUEST} naming each refusal, and nothing is sent.
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
    List<String> all = new ArrayList<>(specs.size() + 1);
    all.add(request.model());
    all.addAll(specs);
    List<ProviderInfo> infos = new ArrayList<>(all.size());
    for (String spec : all) {
      infos.add(first.providerInfo(spec));
    }
    List<ProviderInfo> known = infos.stream().filter(i -> i != null).toList();
    List<RillException> refusals = new ArrayList<>();
    int start = 0;
    while (start < all.size()) {
      RillException refusal = first.capabilityRefusal(request.withModel(all.get(start)));
      if (refusal == null) {
        break;
      }
      refusals.add(refusal);
      start++;
    }
    if (start == all.size()) {
      return new Refused(downstream, noneCanServe(refusals));
    }
    announceSkips(first, request, all, refusals, start);
    int from = start;
    AttemptLoop loop = new AttemptLoop(downstream) {
      private int index = from;

      @Override
      Next next(RillException failure) {
        // the spec after the current one that its capabilities do not rule out; skipped ones are announced first
        List<RillException> skipped = new ArrayList<>();
        int i = index + 1;
        for (; i < all.size(); i++) {
          RillException refusal = first.capabilityRefusal(request.withModel(all.get(i)));
          if (refusal == null) {
            break;
          }
          skipped.add(refusal);
        }
        if (i >= all.size()) {
          return null;
        }
        int failedAt = index;
        index = i;
        String spec = all.get(i);
        RealChain next = first.withFallbackIndex(i);
        return new Next(next, attemptRequest(request.withModel(spec), infos.get(i), known), Duration.ZERO, () -> {
          chain.listener().onFallback(first.state().current(), all.get(failedAt + 1), failure);
          for (int k = 0; k < skipped.size(); k++) {
            chain.listener().onFallback(first.infoFor(request.withModel(all.get(failedAt + 1 + k)), failedAt + 1 + k),
                all.get(failedAt + 2 + k), skipped.get(k));
          }
        });
      }
    };
    return from == 0 ? loop.start(first, attemptRequest(request, infos.get(0), known))
        : loop.start(first.withFallbackIndex(from), attemptRequest(request.withModel(all.get(from)), infos.get(from),
            known));
  }

  /** The request one attempt sees; unchanged when its provider is unknown (resolving it will fail and say so). */
  private static ChatRequest attemptRequest(ChatRequest request, ProviderInfo target, List<ProviderInfo> chain) {
    return target == null ? request : OptionScopes.forAttempt(request, target, chain);
  }

  /** Tells the listeners of the specs skipped before the first attempt, each moving on to the one after it. */
  private static void announceSkips(RealChain first, ChatRequest request, List<String> all,
      List<RillException> refusals, int start) {
    for (int k = 0; k < start; k++) {
      first.listener().onFallback(first.infoFor(request.withModel(all.get(k)), k), all.get(k + 1), refusals.get(k));
    }
  }

  private static RillException noneCanServe(List<RillException> refusals) {
    List<String> reasons = new ArrayList<>();
    for (RillException r : refusals) {
      reasons.add(r.detail());
    }
    return RillException.builder(ErrorKind.INVALID_REQUEST).retryable(false)
        .message("no model of the fallback chain can serve this request: " + String.join("; ", reasons)).build();
  }

  /** The upstream of a call every spec refused: the refusal goes down on the first demand, nothing is sent. */
  private static final class Refused implements Upstream {
    private final Downstream downstream;
    private final RillException refusal;
    private final AtomicBoolean done = new AtomicBoolean();

    Refused(Downstream downstream, RillException refusal) {
      this.downstream = downstream;
      this.refusal = refusal;
    }

    @Override
    public void request(long n) {
      if (done.compareAndSet(false, true)) {
        downstream.onError(refusal);
      }
    }

    @Override
    public void cancel() {
      done.set(true);
    }

    @Override
    public void abort(RillException reason) {
      if (done.compareAndSet(false, true)) {
        downstream.onError(reason);
      }
    }
  }
}
