package dev.rill.conformance.internal;

import dev.rill.api.Framing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A text body (SSE or NDJSON) as a list of records the wire rules can rewrite and render again: an SSE record is an
 * event block (its lines, without the blank line that ends it); an NDJSON record is one line. Parsing follows the
 * WHATWG line rules (CR, LF and CRLF end a line), so rendering with LF reproduces the events exactly.
 */
public final class TextWire {

  /**
   * One SSE block or NDJSON line.
   *
   * @param lines the block's lines (SSE) or the one line (NDJSON)
   * @param dispatches whether the framer dispatches an event for it (an SSE block with a data field, a non-blank
   *     NDJSON line)
   */
  public record Record(List<String> lines, boolean dispatches) {
    public Record {
      lines = List.copyOf(lines);
    }
  }

  private final Framing framing;
  private final List<Record> records;
  private final boolean closed;

  private TextWire(Framing framing, List<Record> records, boolean closed) {
    this.framing = framing;
    this.records = List.copyOf(records);
    this.closed = closed;
  }

  /** Whether {@code framing} is a text framing this class can model. */
  public static boolean supports(Framing framing) {
    return framing == Framing.SSE || framing == Framing.NDJSON;
  }

  /** Parses a body; a leading BOM is dropped. */
  public static TextWire parse(Framing framing, byte[] body) {
    if (!supports(framing)) {
      throw new IllegalArgumentException("not a text framing: " + framing);
    }
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    boolean endsWithNewline = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n') {
        lines.add(text.substring(start, i));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
        endsWithNewline = start == text.length();
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
      endsWithNewline = false;
    }
    List<Record> records = new ArrayList<>();
    if (framing == Framing.NDJSON) {
      for (String line : lines) {
        records.add(new Record(List.of(line), !line.isBlank()));
      }
      return new TextWire(framing, records, endsWithNewline || text.isEmpty());
    }
    List<String> block = new ArrayList<>();
    boolean closed = true;
    for (String line : lines) {
      if (line.isEmpty()) {
        if (!block.isEmpty()) {
          records.add(sseRecord(block));
          block = new ArrayList<>();
        }
      } else {
        block.add(line);
      }
    }
    if (!block.isEmpty()) {
      records.add(sseRecord(block));
      closed = false;
    }
    return new TextWire(framing, records, closed);
  }

  private static Record sseRecord(List<String> lines) {
    boolean data = lines.stream().anyMatch(l -> l.equals("data") || l.startsWith("data:"));
    return new Record(lines, data);
  }

  /** An SSE record with these lines. */
  public static Record sse(String... lines) {
    return sseRecord(List.of(lines));
  }

  /** An NDJSON record holding this line. */
  public static Record ndjson(String line) {
    return new Record(List.of(line), !line.isBlank());
  }

  public Framing framing() { return framing; }

  public List<Record> records() { return records; }

  /** Whether the body ended with a complete record (SSE: its blank line; NDJSON: a newline). */
  public boolean closed() { return closed; }

  /** A copy with other records. */
  public TextWire withRecords(List<Record> other) {
    return new TextWire(framing, other, closed);
  }

  /** A copy whose last record is (or is not) terminated. */
  public TextWire withClosed(boolean value) {
    return new TextWire(framing, records, value);
  }

  /** The position in {@link #records()} of the {@code eventIndex}-th dispatching record, or -1. */
  public int recordOfEvent(int eventIndex) {
    int seen = 0;
    for (int i = 0; i < records.size(); i++) {
      if (records.get(i).dispatches()) {
        if (seen == eventIndex) {
          return i;
        }
        seen++;
      }
    }
    return -1;
  }

  /** The data of a record: the joined SSE data values, or the NDJSON line. */
  public String data(Record r) {
    if (framing == Framing.NDJSON) {
      return r.lines().get(0);
    }
    StringBuilder sb = new StringBuilder();
    boolean first = true;
    for (String line : r.lines()) {
      String value = dataValue(line);
      if (value != null) {
        if (!first) {
          sb.append('\n');
        }
        sb.append(value);
        first = false;
      }
    }
    return sb.toString();
  }

  /** The value of an SSE data line (one leading space removed), or null for another line. */
  public static String dataValue(String line) {
    if (line.equals("data")) {
      return "";
    }
    if (!line.startsWith("data:")) {
      return null;
    }
    String v = line.substring(5);
    return v.startsWith(" ") ? v.substring(1) : v;
  }

  /** A copy of {@code r} whose data is {@code data} (SSE: one data line in place of the first, others dropped). */
  public Record withData(Record r, String data) {
    if (framing == Framing.NDJSON) {
      return ndjson(data);
    }
    List<String> out = new ArrayList<>();
    boolean placed = false;
    for (String line : r.lines()) {
      if (dataValue(line) != null) {
        if (!placed) {
          for (String part : data.split("\n", -1)) {
            out.add("data: " + part);
          }
          placed = true;
        }
      } else {
        out.add(line);
      }
    }
    return sseRecord(out);
  }

  /** A copy of {@code r} with each line mapped. */
  public static Record mapLines(Record r, UnaryOperator<String> f) {
    List<String> out = new ArrayList<>();
    for (String line : r.lines()) {
      out.add(f.apply(line));
    }
    return new Record(out, r.dispatches());
  }

  /** Renders with LF line ends. */
  public byte[] render() {
    return render("\n");
  }

  /** Renders with {@code lineEnd} after every line. */
  public byte[] render(String lineEnd) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < records.size(); i++) {
      Record r = records.get(i);
      boolean last = i == records.size() - 1;
      if (framing == Framing.NDJSON) {
        sb.append(r.lines().get(0));
        if (!last || closed) {
          sb.append(lineEnd);
        }
      } else {
        for (String line : r.lines()) {
          sb.append(line).append(lineEnd);
        }
        if (!last || closed) {
          sb.append(lineEnd);
        }
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
