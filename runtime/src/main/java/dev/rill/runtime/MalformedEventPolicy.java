package dev.rill.runtime;

/**
 * What the enhanced pipeline does with an event the plugin cannot read
 * ({@link dev.rill.api.ErrorKind#MALFORMED_RESPONSE} from the decoder).
 *
 * @since 0.1
 */
public enum MalformedEventPolicy {
  /** Fail the stream with the raw event attached (the default). */
  FAIL,
  /**
   * Drop the event and go on; each skip is counted, added to the response's warnings and reported to the
   * listeners. Never silent.
   */
  SKIP
}
