package dev.rill.runtime;

import dev.rill.api.ChatRequest;

/**
 * What an interceptor or listener knows about the call it is part of: the call's identity, the attempt that runs,
 * the request with its parameters, and (once the attempt was sent) the server it went to. Metrics and tracing read
 * {@code gen_ai.request.*} from {@link #request()} and {@code server.address} from {@link #server()}; the response
 * model and id come with the outcome ({@link dev.rill.api.ChatResponse#model()},
 * {@link dev.rill.api.ChatResponse#responseId()}, or the partial response of the error).
 *
 * @param callId a process-unique id for the call (all its attempts)
 * @param provider the provider id of the current attempt
 * @param model the model of the current attempt, as requested (without the provider prefix)
 * @param attempt the attempt number for this model spec, from 1
 * @param fallbackIndex the index of the model spec in the fallback list, 0 for the first
 * @param request the request of the current attempt (its model is the {@code provider:model} spec): temperature,
 *     top-p, max tokens, stop sequences, tools, messages. Never null
 * @param server where the current attempt was sent, or null before it was sent (in {@code onStart}, or when the
 *     call failed before sending, e.g. for a missing key)
 * @since 0.1
 */
public record CallInfo(long callId, String provider, String model, int attempt, int fallbackIndex,
    ChatRequest request, Server server) {

  public CallInfo {
    java.util.Objects.requireNonNull(request, "request");
  }

  /**
   * The host and port a request went to: the provider's endpoint as the plugin prepared it, without path or query
   * (which may carry credentials for some providers).
   *
   * @param address the host name or IP literal
   * @param port the port, the scheme's default when the URL named none
   */
  public record Server(String address, int port) {

    /** The server of {@code uri}; null when it has no host. */
    public static Server of(java.net.URI uri) {
      if (uri == null || uri.getHost() == null) {
        return null;
      }
      int port = uri.getPort();
      if (port < 0) {
        port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
      }
      return new Server(uri.getHost(), port);
    }
  }

  /** This call info with the server the attempt was sent to. */
  public CallInfo withServer(Server to) {
    return new CallInfo(callId, provider, model, attempt, fallbackIndex, request, to);
  }

  /** Identity and attempt only: the request's messages stay out of logs. */
  @Override
  public String toString() {
    return "CallInfo[" + callId + " " + provider + ":" + model + " attempt " + attempt + ", fallback "
        + fallbackIndex + (server == null ? "" : ", " + server.address() + ":" + server.port()) + "]";
  }
}
