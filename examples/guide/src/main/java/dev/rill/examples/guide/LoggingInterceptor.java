package dev.rill.examples.guide;

import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.runtime.Downstream;
import dev.rill.runtime.ForwardingDownstream;
import dev.rill.runtime.Interceptor;
import dev.rill.runtime.Upstream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

// tag::interceptor[]
/** Logs each call's model, then its finish reason and usage, or its error. */
public final class LoggingInterceptor implements Interceptor {
  private static final Logger LOG = System.getLogger("llm.calls");

  @Override
  public Upstream intercept(Chain chain, Downstream downstream) {
    LOG.log(Level.INFO, "-> {0} (call {1})", chain.request().model(), chain.call().callId());
    return chain.proceed(chain.request(), new ForwardingDownstream(downstream) {
      @Override public void onComplete(ChatResponse response) {
        LOG.log(Level.INFO, "<- {0} {1}", response.finishReason(), response.usage());
        super.onComplete(response);
      }

      @Override public void onError(RillException error) {
        LOG.log(Level.WARNING, "<- {0}", error.getMessage());
        super.onError(error);
      }
    });
  }
}
// end::interceptor[]
