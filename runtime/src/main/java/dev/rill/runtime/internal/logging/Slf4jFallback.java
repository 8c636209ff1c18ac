package dev.rill.runtime.internal.logging;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Keeps a plain application quiet: HttpClient 5 logs through SLF4J, and SLF4J prints a three-line "no providers"
 * warning to stderr when the class path has no SLF4J provider. When, and only when, the application has none
 * (no {@code SLF4JServiceProvider} service, no SLF4J 1.7 {@code StaticLoggerBinder}, no {@code slf4j.provider}
 * property), this names {@link SystemLoggerProvider} as SLF4J's provider, before HttpClient first logs: HttpClient's
 * messages then go where Rill's own go, to {@link System.Logger} ({@code java.util.logging} unless the application
 * replaced it), at their levels (but for its header and wire loggers, which show credentials and content and are
 * never forwarded), and SLF4J stays silent ({@code slf4j.internal.verbosity=WARN} hides the one
 * informational line SLF4J prints for an explicitly named provider). An application with Logback, Log4j 2 or any
 * other provider is left alone. {@code -Drill.slf4j.fallback=false} turns this off.
 */
public final class Slf4jFallback {
  /** The system property that turns the fallback off ({@code false}). */
  public static final String SWITCH = "rill.slf4j.fallback";
  private static final String PROVIDER = "slf4j.provider";
  private static final String VERBOSITY = "slf4j.internal.verbosity";
  private static volatile boolean done;

  private Slf4jFallback() {}

  /** Installs the fallback if the application has no SLF4J provider; once per class loader, never throws. */
  public static synchronized void install() {
    if (done) {
      return;
    }
    done = true;
    try {
      if ("false".equalsIgnoreCase(System.getProperty(SWITCH)) || System.getProperty(PROVIDER) != null) {
        return;
      }
      ClassLoader loader = slf4jLoader();
      if (loader == null || hasProvider(loader)) {
        return;
      }
      System.setProperty(PROVIDER, SystemLoggerProvider.class.getName());
      if (System.getProperty(VERBOSITY) == null) {
        System.setProperty(VERBOSITY, "WARN");
      }
    } catch (RuntimeException | LinkageError e) {
      // SLF4J 1.7 on the class path (no SLF4JServiceProvider), or a security manager: leave SLF4J as it is
    }
  }

  /** The loader SLF4J searches for providers (LoggerFactory's own), or null without SLF4J 2. */
  private static ClassLoader slf4jLoader() {
    try {
      Class<?> factory = Class.forName("org.slf4j.LoggerFactory", false, Slf4jFallback.class.getClassLoader());
      ClassLoader loader = factory.getClassLoader();
      Class.forName("org.slf4j.spi.SLF4JServiceProvider", false, loader);
      return loader;
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  private static boolean hasProvider(ClassLoader loader) {
    if (loader.getResource("org/slf4j/impl/StaticLoggerBinder.class") != null) {
      return true; // an SLF4J 1.7 binding: the application chose its logging, SLF4J will say what it thinks of it
    }
    try {
      return ServiceLoader.load(SLF4JServiceProvider.class, loader).stream().findAny().isPresent();
    } catch (ServiceConfigurationError e) {
      return true; // a provider is declared, even if broken: SLF4J reports it
    }
  }
}
