package dev.rill.spring.boot.observation;

import dev.rill.micrometer.RillObservation;
import dev.rill.runtime.StreamListener;
import dev.rill.spring.boot.RillAutoConfiguration;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Observes every call of the auto-configured client through Micrometer ({@code rill-micrometer}'s
 * {@link RillObservation}, an Observation {@code gen_ai.client.operation} per call) when Micrometer is on the class
 * path and the application has an {@link ObservationRegistry} bean (Spring Boot's Actuator makes one); off with
 * {@code rill.observations.enabled=false}. The observation is a {@link StreamListener} bean named
 * {@code rillObservationListener}, which {@link RillAutoConfiguration} adds to the client itself, so calls that pass
 * their own options are observed too; define a bean of that name to replace it.
 *
 * @since 0.1
 */
@AutoConfiguration(before = RillAutoConfiguration.class,
    afterName = "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration")
@ConditionalOnClass({ObservationRegistry.class, RillObservation.class})
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnProperty(prefix = "rill.observations", name = "enabled", havingValue = "true", matchIfMissing = true)
public class RillObservationAutoConfiguration {

  /** The per-call observation. */
  @Bean
  @ConditionalOnMissingBean(name = "rillObservationListener")
  public StreamListener rillObservationListener(ObservationRegistry registry) {
    return RillObservation.create(registry);
  }
}
