package dev.rill.testkit.server;

import java.time.Duration;
import java.util.List;

/** One body step of a scripted {@link Response}. Terminal steps end the response and its connection. */
sealed interface Step {
  /** Whether nothing may follow this step. */
  default boolean terminal() {
    return false;
  }

  /** Body bytes this step writes (for an automatic Content-Length). */
  default long length() {
    return 0;
  }

  record Write(byte[] data) implements Step {
    @Override
    public long length() {
      return data.length;
    }
  }

  record WriteEach(List<byte[]> parts, Duration gap) implements Step {
    @Override
    public long length() {
      return parts.stream().mapToLong(p -> p.length).sum();
    }
  }

  record Pause(Duration duration) implements Step {}

  record AwaitSignal(java.util.concurrent.CountDownLatch latch, Duration max) implements Step {}

  record Drip(byte[] bytes, Duration perByte) implements Step {
    @Override
    public long length() {
      return bytes.length;
    }
  }

  record Repeat(byte[] part, long times) implements Step {
    @Override
    public long length() {
      return part.length * times;
    }
  }

  record StallForever() implements Step {
    @Override
    public boolean terminal() {
      return true;
    }
  }

  record CloseMidStream() implements Step {
    @Override
    public boolean terminal() {
      return true;
    }
  }

  record Reset() implements Step {
    @Override
    public boolean terminal() {
      return true;
    }
  }
}
