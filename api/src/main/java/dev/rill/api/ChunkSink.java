package dev.rill.api;

/**
 * Where a {@link StreamDecoder} puts what it decodes. Implemented by the runtime.
 *
 * @since 0.1
 */
public interface ChunkSink {

  /** Emits one chunk downstream. */
  void emit(StreamChunk chunk);

  /**
   * Reports the response's id and the model that actually answered, as soon as the stream says them.
   * Either may be null. Called at most a few times; later non-null values win.
   */
  void responseInfo(String responseId, String model);

  /** Reports something worth a user's attention that is not an error, e.g. an ignored unknown field value. */
  default void warning(String message) {}
}
