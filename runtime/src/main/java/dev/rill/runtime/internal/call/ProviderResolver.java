package dev.rill.runtime.internal.call;

import dev.rill.api.ChatRequest;
import dev.rill.runtime.ModelSpec;

/** Resolves a request's {@code provider:model} spec against the client. */
public interface ProviderResolver {
  /** The provider and model a spec names, the client's default provider applied; never fails. */
  ModelSpec specOf(String model);

  /**
   * The plugin {@code request}'s spec names, without resolving settings or credentials (nothing is fetched).
   *
   * @throws dev.rill.api.RillException as {@link #resolve}
   */
  dev.rill.api.StreamingProvider providerOf(ChatRequest request);

  /**
   * The plugin, settings and bare request for {@code request}, the call's overrides for its provider applied; a
   * credential from a source comes as {@link Resolved#pendingCredential()}.
   *
   * @throws dev.rill.api.RillException {@code NOT_FOUND} for an unknown provider, {@code INVALID_REQUEST} for a spec
   *     without one and no default
   */
  Resolved resolve(ChatRequest request, CallOverrides overrides);
}
