package dev.rill.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key values of a Rill call's observation; implement it (or extend {@link DefaultRillObservationConvention})
 * to change them, and pass it to {@link RillObservation.Builder#convention}.
 *
 * @since 0.1
 */
public interface RillObservationConvention extends ObservationConvention<RillObservationContext> {

  @Override
  default boolean supportsContext(Observation.Context context) {
    return context instanceof RillObservationContext;
  }
}
