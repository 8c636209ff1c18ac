package dev.rill.benchmarks;

import java.nio.ByteBuffer;

/**
 * The floors' byte-level SSE splitter: accumulates reads, cuts lines (LF or CRLF), and hands each event's data
 * (its {@code data:} lines joined with LF) to a callback at the blank line that ends it. Comments and other
 * fields are skipped. Only what an OpenAI stream needs: the hand-written baseline, not a conforming framer.
 */
final class SseSplitter {
  /** Receives one event's data; the array is reused after the call returns. */
  interface DataHandler {
    void onData(byte[] array, int offset, int length);
  }

  private final DataHandler handler;
  private byte[] buf = new byte[16 * 1024];
  private int limit;
  private byte[] data = new byte[4096];
  private int dataLength;
  private boolean hasData;

  SseSplitter(DataHandler handler) {
    this.handler = handler;
  }

  void feed(ByteBuffer src) {
    int n = src.remaining();
    if (limit + n > buf.length) {
      byte[] bigger = new byte[Math.max(buf.length * 2, limit + n)];
      System.arraycopy(buf, 0, bigger, 0, limit);
      buf = bigger;
    }
    src.get(buf, limit, n);
    limit += n;
    int start = 0;
    for (int i = 0; i < limit; i++) {
      if (buf[i] == '\n') {
        int end = i > start && buf[i - 1] == '\r' ? i - 1 : i;
        line(start, end - start);
        start = i + 1;
      }
    }
    if (start > 0) {
      System.arraycopy(buf, start, buf, 0, limit - start);
      limit -= start;
    }
  }

  private void line(int at, int length) {
    if (length == 0) {
      if (hasData) {
        handler.onData(data, 0, dataLength);
      }
      hasData = false;
      dataLength = 0;
      return;
    }
    if (length >= 5 && buf[at] == 'd' && buf[at + 1] == 'a' && buf[at + 2] == 't' && buf[at + 3] == 'a'
        && buf[at + 4] == ':') {
      int from = at + 5;
      if (from < at + length && buf[from] == ' ') {
        from++;
      }
      int len = at + length - from;
      int need = dataLength + (hasData ? 1 : 0) + len;
      if (need > data.length) {
        byte[] bigger = new byte[Math.max(data.length * 2, need)];
        System.arraycopy(data, 0, bigger, 0, dataLength);
        data = bigger;
      }
      if (hasData) {
        data[dataLength++] = '\n';
      }
      System.arraycopy(buf, from, data, dataLength, len);
      dataLength += len;
      hasData = true;
    }
  }
}
