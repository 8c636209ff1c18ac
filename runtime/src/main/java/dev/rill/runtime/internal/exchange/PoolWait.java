package dev.rill.runtime.internal.exchange;

import dev.rill.runtime.CallInfo;
import dev.rill.runtime.PoolStats;
import dev.rill.runtime.internal.call.CallState;
import dev.rill.runtime.internal.call.ClientContext;
import java.net.URI;

/**
 * Tells the call's listeners when its request must wait for a pooled connection: every connection the pool allows
 * to the host is leased. The wait itself is bounded by the transport's pool timeout ({@code TIMEOUT} with phase
 * {@code POOL}).
 */
final class PoolWait {
  private PoolWait() {}

  static void report(ClientContext client, CallState call, CallInfo info, URI uri) {
    PoolStats route = client.transport().routeStats(uri);
    if (route.available() == 0 && route.leased() >= route.max()) {
      call.listener().onPoolWait(info, route);
    }
  }
}
