package dev.rill.runtime;

/**
 * A plugin that could not be loaded during discovery. Discovery goes on without it.
 *
 * @param service the service interface it was declared for
 * @param message what went wrong, naming the plugin class when known
 * @param cause the error, or null
 * @since 0.1
 */
public record DiscoveryProblem(String service, String message, Throwable cause) {}
