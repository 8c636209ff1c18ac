package dev.rill.runtime.internal.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An SLF4J provider that writes to {@link System.Logger}: HttpClient 5's logs join Rill's own. SLF4J instantiates
 * it by name when {@link Slf4jFallback} named it; it is not registered as a service, so an application's own
 * provider never competes with it.
 */
public final class SystemLoggerProvider implements SLF4JServiceProvider {
  /**
   * HttpClient's header and wire loggers write raw request headers and bodies: credentials and content. This bridge
   * never forwards them; an application that wants them configures its own SLF4J provider.
   */
  private static final String[] WITHHELD = {"org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire"};

  private final ILoggerFactory loggers = SystemLoggerProvider::logger;
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

  /** For SLF4J, which instantiates providers reflectively. */
  public SystemLoggerProvider() {}

  private static org.slf4j.Logger logger(String name) {
    for (String w : WITHHELD) {
      if (name.startsWith(w)) {
        return org.slf4j.helpers.NOPLogger.NOP_LOGGER;
      }
    }
    return new SystemLoggerAdapter(name);
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}
}
