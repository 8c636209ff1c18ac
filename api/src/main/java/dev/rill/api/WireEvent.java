package dev.rill.api;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * One framed event from a response body, handed by the runtime's framer to a {@link StreamDecoder}.
 *
 * <p>For SSE, {@link #type()} is the {@code event:} field ({@code "message"} when absent), {@link #id()}
 * the last event id, and the data is the joined {@code data:} lines as UTF-8 bytes. For NDJSON and JSON
 * arrays the data is one JSON document and the type is {@code "message"}. For the AWS event-stream the
 * type is the {@code :event-type} (or {@code :exception-type}) header, {@link #headers()} holds the
 * string headers and the data is the payload.
 *
 * <p>The data is exposed without copying, as {@link #array()}, {@link #offset()} and {@link #length()}, so a
 * decoder can hand it straight to a JSON parser. Do not modify the array, and do not keep it after
 * {@link StreamDecoder#decode} returns: the framer may reuse it. Use {@link #text()} or {@link #copy()} to
 * keep the content.
 *
 * @since 0.1
 */
public final class WireEvent {
  /** The SSE default event type. */
  public static final String MESSAGE = "message";

  private final String type;
  private final String id;
  private final Map<String, String> headers;
  private final byte[] array;
  private final int offset;
  private final int length;
  private final int wireSize;

  private WireEvent(String type, String id, Map<String, String> headers, byte[] array, int offset, int length,
      int wireSize) {
    this.type = type == null || type.isEmpty() ? MESSAGE : type;
    this.id = id;
    this.headers = headers;
    this.array = array;
    this.offset = offset;
    this.length = length;
    this.wireSize = wireSize;
    Objects.checkFromIndexSize(offset, length, array.length);
  }

  /**
   * An event whose data is {@code length} bytes of {@code array} from {@code offset}, which the caller
   * will not change while the event is in use.
   *
   * @param wireSize how many bytes of the response body this event took, framing included
   */
  public static WireEvent of(String type, String id, byte[] array, int offset, int length, int wireSize) {
    return new WireEvent(type, id, Map.of(), array, offset, length, wireSize);
  }

  /** An event with headers (AWS event-stream). */
  public static WireEvent withHeaders(String type, Map<String, String> headers, byte[] array, int offset, int length,
      int wireSize) {
    return new WireEvent(type, null, Map.copyOf(headers), array, offset, length, wireSize);
  }

  /** An event of type {@code message} holding {@code data} as UTF-8; convenient in tests. */
  public static WireEvent ofText(String data) {
    return ofText(MESSAGE, data);
  }

  /** An event of the given type holding {@code data} as UTF-8. */
  public static WireEvent ofText(String type, String data) {
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    return new WireEvent(type, null, Map.of(), bytes, 0, bytes.length, bytes.length);
  }

  /** The event type; never null or empty. */
  public String type() { return type; }

  /** The SSE last event id, or {@code null}. */
  public String id() { return id; }

  /** Headers (AWS event-stream); empty for other framings. */
  public Map<String, String> headers() { return headers; }

  /** The array holding the data. Read only, and only during {@link StreamDecoder#decode}. */
  public byte[] array() { return array; }

  /** Where the data starts in {@link #array()}. */
  public int offset() { return offset; }

  /** The data length in bytes. */
  public int length() { return length; }

  /** How many bytes of the response body this event took, framing included. */
  public int wireSize() { return wireSize; }

  /** The data decoded as UTF-8; malformed sequences become U+FFFD. */
  public String text() {
    return new String(array, offset, length, StandardCharsets.UTF_8);
  }

  /** Whether the data equals {@code ascii} exactly (for sentinels such as {@code [DONE]}). */
  public boolean dataEquals(String ascii) {
    if (ascii.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (array[offset + i] != (byte) ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the data is empty or only JSON whitespace (space, tab, CR, LF): a payload a JSON decoder skips (or, for
   * an error event, reports as carrying nothing).
   */
  public boolean isBlank() {
    for (int i = offset, end = offset + length; i < end; i++) {
      byte b = array[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  /** An independent copy that owns its data. */
  public WireEvent copy() {
    byte[] data = new byte[length];
    System.arraycopy(array, offset, data, 0, length);
    return new WireEvent(type, id, headers, data, 0, length, wireSize);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof WireEvent e) || !type.equals(e.type) || !Objects.equals(id, e.id) || !headers.equals(e.headers)
        || length != e.length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (array[offset + i] != e.array[e.offset + i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(type, id, headers);
    for (int i = 0; i < length; i++) {
      h = 31 * h + array[offset + i];
    }
    return h;
  }

  @Override
  public String toString() {
    String text = text();
    if (text.length() > 200) {
      text = text.substring(0, 200) + "...";
    }
    return "WireEvent[type=" + type + (id == null ? "" : ", id=" + id) + (headers.isEmpty() ? "" : ", headers=" + headers)
        + ", data=" + text + "]";
  }
}
