package dev.rill.runtime.internal.stream;

import dev.rill.api.ChatResponse;

/** A built-in consumer view that wants the call's folded response just before {@code onComplete}. */
interface ResponseAware {
  void onResponse(ChatResponse response);
}
