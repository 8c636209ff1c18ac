package dev.rill.spring.boot;

import dev.rill.runtime.Rill;

/** Applies the client-wide {@code rill.*} properties to a {@link Rill.Builder}; what is unset keeps Rill's default. */
final class ClientSettings {
  static final int DEFAULT_MAX_TOTAL = 256;
  static final int DEFAULT_MAX_PER_HOST = 64;

  private ClientSettings() {}

  static void apply(RillProperties p, Rill.Builder b) {
    if (p.getDefaultProvider() != null && !p.getDefaultProvider().isBlank()) {
      b.defaultProvider(p.getDefaultProvider());
    }
    p.getProviders().forEach((id, provider) -> {
      if (provider.getApiKey() != null && !provider.getApiKey().isBlank()) {
        b.apiKey(id, provider.getApiKey());
      }
      if (provider.getBaseUrl() != null && !provider.getBaseUrl().isBlank()) {
        b.baseUrl(id, provider.getBaseUrl());
      }
      provider.getOptions().forEach((name, value) -> b.option(id, name, value));
      provider.getHeaders().forEach((name, value) -> b.header(id, name, value));
      if (provider.isAllowPlainHttp()) {
        b.allowPlainHttp(id);
      }
    });
    if (p.getConnectTimeout() != null) {
      b.connectTimeout(p.getConnectTimeout());
    }
    if (p.getIdleTimeout() != null) {
      b.idleTimeout(p.getIdleTimeout());
    }
    if (p.getPoolTimeout() != null) {
      b.poolTimeout(p.getPoolTimeout());
    }
    if (p.getErrorBodyTimeout() != null) {
      b.errorBodyTimeout(p.getErrorBodyTimeout());
    }
    RillProperties.Pool pool = p.getPool();
    if (pool.getMaxTotal() != null || pool.getMaxPerHost() != null) {
      b.maxConnections(pool.getMaxTotal() != null ? pool.getMaxTotal() : DEFAULT_MAX_TOTAL,
          pool.getMaxPerHost() != null ? pool.getMaxPerHost() : DEFAULT_MAX_PER_HOST);
    }
    if (p.getIoThreads() != null) {
      b.ioThreads(p.getIoThreads());
    }
    if (p.getReceiveWindow() != null) {
      b.receiveWindow(p.getReceiveWindow());
    }
    if (p.getSocketReceiveBuffer() != null) {
      b.socketReceiveBuffer(p.getSocketReceiveBuffer());
    }
  }
}
