package dev.rill.spring.boot;

import dev.rill.runtime.Interceptor;
import dev.rill.runtime.RetryPolicy;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamListener;
import dev.rill.runtime.StreamOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures a {@link Rill} client from the {@code rill.*} properties ({@link RillProperties}), unless the
 * application defines its own. Every {@link StreamListener} bean (the Micrometer observation of
 * {@link dev.rill.spring.boot.observation.RillObservationAutoConfiguration} among them) joins the client itself, so
 * it hears every call, also one that passes its own options; every {@link Interceptor} bean joins the client's
 * chain, and {@link RillBuilderCustomizer} and {@link RillStreamOptionsCustomizer} beans adjust the rest. The client
 * is closed with the context (its pool and I/O threads released).
 *
 * <p>The default {@link StreamOptions} is a bean too: a call that passes its own options replaces the client's
 * deadlines and built-ins, so start from it: {@code rill.stream(request, options.toBuilder()...build())}.
 *
 * @since 0.1
 */
@AutoConfiguration
@ConditionalOnClass(Rill.class)
@ConditionalOnProperty(prefix = "rill", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(RillProperties.class)
public class RillAutoConfiguration {

  /** The pipeline every call of the client uses unless it passes its own. */
  @Bean
  @ConditionalOnMissingBean
  public StreamOptions rillStreamOptions(RillProperties properties,
      ObjectProvider<RillStreamOptionsCustomizer> customizers) {
    RillProperties.Stream s = properties.getStream();
    StreamOptions.Builder b = properties.getMode() == RillProperties.Mode.ENHANCED
        ? StreamOptions.enhancedBuilder() : StreamOptions.basicBuilder();
    if (s.getFirstChunkTimeout() != null) {
      b.firstChunkTimeout(s.getFirstChunkTimeout());
    }
    if (s.getIdleTimeout() != null) {
      b.idleTimeout(s.getIdleTimeout());
    }
    if (s.getTotalTimeout() != null) {
      b.totalTimeout(s.getTotalTimeout());
    }
    if (s.getMaxAttempts() != null) {
      b.retry(s.getMaxAttempts() <= 1 ? RetryPolicy.NONE : RetryPolicy.attempts(s.getMaxAttempts()));
    }
    if (s.getMetadata() != null) {
      b.metadata(s.getMetadata());
    }
    customizers.orderedStream().forEach(c -> c.customize(b));
    return b.build();
  }

  /** The client, closed with the context. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public Rill rill(RillProperties properties, StreamOptions rillStreamOptions,
      ObjectProvider<Interceptor> interceptors, ObjectProvider<StreamListener> listeners,
      ObjectProvider<RillBuilderCustomizer> customizers) {
    Rill.Builder b = Rill.builder().discover(properties.isDiscover()).options(rillStreamOptions);
    ClientSettings.apply(properties, b);
    interceptors.orderedStream().forEach(b::interceptor);
    listeners.orderedStream().forEach(b::listener); // client-wide: calls with their own options are observed too
    customizers.orderedStream().forEach(c -> c.customize(b));
    return b.build();
  }
}
