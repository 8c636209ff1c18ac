package dev.rill.runtime.internal.exchange;

import dev.rill.api.ErrorKind;
import dev.rill.api.HttpCall;
import dev.rill.api.RillException;
import dev.rill.runtime.internal.call.ClientContext;
import dev.rill.runtime.internal.call.OptionScopes;
import dev.rill.runtime.internal.call.RequiredCapabilities;
import dev.rill.runtime.internal.call.Resolved;

/** One attempt's request, resolved (its credential at hand), prepared by the plugin and checked by the guards. */
record Preparation(Resolved resolved, HttpCall call) {

  /**
   * Refuses a resolved request its provider cannot serve, before any credential is fetched or anything is sent.
   *
   * @throws RillException {@code INVALID_REQUEST} for a request needing a capability the provider or model does not
   *     declare, or an option addressed to no provider of the call
   */
  static void check(Resolved r) {
    RillException unsupported = RequiredCapabilities.check(r);
    if (unsupported != null) {
      throw unsupported;
    }
    OptionScopes.requireAddressed(r.request(), r.provider().info());
  }

  /**
   * Has the plugin prepare the HTTP call for a resolved request whose credential is at hand, and checks it.
   *
   * @throws RillException when any step refuses: a missing key, a request the plugin cannot encode
   *     ({@code INVALID_REQUEST}), a body over the limit, a credential over plain http
   */
  static Preparation of(ClientContext client, Resolved r) {
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
