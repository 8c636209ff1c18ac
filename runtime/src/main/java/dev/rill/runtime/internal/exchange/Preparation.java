package dev.rill.runtime.internal.exchange;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.HttpCall;
import dev.rill.api.RillException;
import dev.rill.runtime.internal.call.ClientContext;
import dev.rill.runtime.internal.call.OptionScopes;
import dev.rill.runtime.internal.call.RequiredCapabilities;
import dev.rill.runtime.internal.call.Resolved;

/** One attempt's request, resolved, prepared by the plugin and checked by the client's guards. */
record Preparation(Resolved resolved, HttpCall call) {

  /**
   * Resolves {@code request}'s provider, has the plugin prepare the HTTP call and checks it.
   *
   * @param onResolved told of the resolution before the plugin prepares (the error context needs it)
   * @throws RillException when any step refuses: an unknown provider, a request needing a capability the provider
   *     or model does not declare, an option addressed to no provider of the call, a missing key or a request the
   *     plugin cannot encode ({@code INVALID_REQUEST}), a body over the limit, a credential over plain http
   */
  static Preparation of(ClientContext client, ChatRequest request, java.util.function.Consumer<Resolved> onResolved) {
    Resolved r = client.resolver().resolve(request);
    onResolved.accept(r);
    RillException unsupported = RequiredCapabilities.check(r);
    if (unsupported != null) {
      throw unsupported;
    }
    OptionScopes.requireAddressed(r.request(), r.provider().info());
    HttpCall call;
    try {
      call = r.provider().prepare(r.request(), r.settings());
    } catch (RillException e) {
      throw e;
    } catch (RuntimeException e) {
      throw RillException.builder(ErrorKind.INVALID_REQUEST)
          .message("provider '" + r.providerId() + "' could not encode the request: " + e).cause(e).build();
    }
    RillException refused = client.guards().check(call, r.providerId());
    if (refused != null) {
      throw refused;
    }
    return new Preparation(r, call);
  }
}
