package dev.rill.runtime;

/**
 * A snapshot of a client's connection pool.
 *
 * @param leased connections in use by a stream
 * @param available idle connections kept for reuse
 * @param pending requests waiting for a connection
 * @param max the pool's limit
 * @since 0.1
 */
public record PoolStats(int leased, int available, int pending, int max) {}
