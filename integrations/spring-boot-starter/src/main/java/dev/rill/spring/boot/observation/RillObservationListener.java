package dev.rill.spring.boot.observation;

import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.api.Usage;
import dev.rill.runtime.CallInfo;
import dev.rill.runtime.StreamListener;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Micrometer {@link Observation} per Rill call, named {@code gen_ai.client.operation} as Spring AI names its own,
 * with the OpenTelemetry GenAI attribute names: started at the call's start, stopped at its one outcome (an error
 * recorded with its kind as {@code error.type}). No prompt or answer content is recorded.
 *
 * <p>The starter's stand-in until the {@code rill-micrometer} module is on the class path: the lead replaces the bean
 * of {@link RillObservationAutoConfiguration} with that module's observation, and this class goes.
 */
final class RillObservationListener implements StreamListener {
  static final String NAME = "gen_ai.client.operation";

  private final ObservationRegistry registry;
  private final Map<Long, Observation> running = new ConcurrentHashMap<>();

  RillObservationListener(ObservationRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onStart(CallInfo call) {
    Observation observation = Observation.createNotStarted(NAME, registry)
        .contextualName("chat " + call.model())
        .lowCardinalityKeyValue("gen_ai.operation.name", "chat")
        .lowCardinalityKeyValue("gen_ai.provider.name", call.provider())
        .lowCardinalityKeyValue("gen_ai.request.model", call.model())
        .start();
    running.put(call.callId(), observation);
  }

  @Override
  public void onComplete(CallInfo call, ChatResponse response) {
    Observation observation = running.remove(call.callId());
    if (observation == null) {
      return;
    }
    observation.lowCardinalityKeyValue("gen_ai.response.model", response.model() == null ? "unknown" : response.model())
        .lowCardinalityKeyValue("error.type", "none");
    if (response.finishReason() != null) {
      observation.highCardinalityKeyValue("gen_ai.response.finish_reasons", response.finishReason().raw());
    }
    if (response.responseId() != null) {
      observation.highCardinalityKeyValue("gen_ai.response.id", response.responseId());
    }
    usage(observation, response.usage());
    observation.stop();
  }

  @Override
  public void onError(CallInfo call, RillException error) {
    Observation observation = running.remove(call.callId());
    if (observation == null) {
      return;
    }
    ChatResponse partial = error.partial();
    observation.lowCardinalityKeyValue("gen_ai.response.model",
            partial == null || partial.model() == null ? "unknown" : partial.model())
        .lowCardinalityKeyValue("error.type", error.kind().name().toLowerCase(Locale.ROOT));
    if (partial != null) {
      usage(observation, partial.usage());
    }
    observation.error(error);
    observation.stop();
  }

  private static void usage(Observation observation, Usage usage) {
    if (usage == null) {
      return;
    }
    if (usage.inputTokens() != null) {
      observation.highCardinalityKeyValue(KeyValue.of("gen_ai.usage.input_tokens", usage.inputTokens().toString()));
    }
    if (usage.outputTokens() != null) {
      observation.highCardinalityKeyValue(KeyValue.of("gen_ai.usage.output_tokens", usage.outputTokens().toString()));
    }
  }
}
