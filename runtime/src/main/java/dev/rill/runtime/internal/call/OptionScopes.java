package dev.rill.runtime.internal.call;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderOptions;
import dev.rill.api.RillException;
import java.util.List;

/**
 * Who gets which {@link ProviderOptions}: each attempt of a call only the options addressed to its provider id or wire
 * family, and an option addressed to no attempt of the call is refused before anything is sent. Stateless.
 */
public final class OptionScopes {

  private OptionScopes() {}

  /**
   * {@code request} as the attempt served by {@code target} sees it: the options addressed to {@code target}, and
   * those addressed to no provider of {@code chain} at all (which {@link #requireAddressed} then refuses).
   *
   * @param chain every provider the call may try, {@code target} among them
   */
  public static ChatRequest forAttempt(ChatRequest request, ProviderInfo target, List<ProviderInfo> chain) {
    ProviderOptions options = request.options();
    if (options.isEmpty()) {
      return request;
    }
    ProviderOptions kept = options.retain(o -> o.addresses(target) || chain.stream().noneMatch(o::addresses));
    return kept == options ? request : request.withOptions(kept);
  }

  /**
   * Refuses a request that holds an option not addressed to {@code provider}, the provider about to be sent it.
   *
   * @throws RillException {@link ErrorKind#INVALID_REQUEST} naming the option, its scope and the provider
   */
  public static void requireAddressed(ChatRequest request, ProviderInfo provider) {
    for (ProviderOptions.Option o : request.options().entries()) {
      if (!o.addresses(provider)) {
        throw RillException.builder(ErrorKind.INVALID_REQUEST).provider(provider.id()).model(request.model())
            .message("option '" + o.name() + "' is addressed to '" + o.scope() + "', which is neither the provider"
                + " id nor the wire family of any provider this call may try (here: provider '" + provider.id()
                + "', family '" + provider.family() + "'); it is not sent to another vendor. Address it to a"
                + " provider of the call, or remove it")
            .build();
      }
    }
  }
}
