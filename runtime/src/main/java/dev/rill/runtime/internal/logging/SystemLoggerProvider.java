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
  private final ILoggerFactory loggers = SystemLoggerAdapter::new;
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

  /** For SLF4J, which instantiates providers reflectively. */
  public SystemLoggerProvider() {}

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
