package dev.rill.framing.internal;

import dev.rill.api.ErrorKind;
import dev.rill.api.Limit;
import dev.rill.api.RillException;

/** The one error every framer raises for a line, event or message over its {@code FramingLimits} cap. */
final class Oversize {
  private Oversize() {}

  /** A {@link ErrorKind#LIMIT_EXCEEDED} error for {@link Limit#EVENT_BYTES}; {@code raw} is the start of the data, or null. */
  static RillException error(String what, int limit, String raw) {
    return RillException.builder(ErrorKind.LIMIT_EXCEEDED).limit(Limit.EVENT_BYTES)
        .message(what + " longer than the limit of " + limit + " bytes (FramingLimits; §W1.13)")
        .rawEvent(raw).build();
  }
}
