package dev.rill.testkit.server;

import dev.rill.testkit.fixtures.Recording;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A scripted HTTP/1.1 response for {@link WireServer}: a status, headers, a body framing and body steps that write,
 * wait or break the connection. Immutable: every method returns a new response, so one value can be enqueued many
 * times.
 *
 * <pre>{@code
 * server.enqueue(Response.status(200).header("Content-Type", "text/event-stream")
 *     .write("data: {\"a\":1}\n\n").pause(Duration.ofMillis(50)).write("data: [DONE]\n\n"));
 * server.enqueue(Response.sse("data: {}\n\n").closeMidStream());      // FIN without the terminating 0-chunk
 * server.enqueue(Response.json(429, "{\"error\":{}}").header("Retry-After", "1"));
 * }</pre>
 *
 * <p><b>Framing.</b> {@link #chunked()} (the default) sends {@code Transfer-Encoding: chunked} and one HTTP chunk per
 * write (a {@link #write write}, each part of {@link #writeEach writeEach}, each byte of {@link #drip drip}, each part
 * of {@link #repeat repeat}; empty writes are skipped, since an empty chunk ends the body), then the terminating
 * {@code 0} chunk. {@link #contentLength()} sends {@code Content-Length} with the sum of all written bytes;
 * {@link #contentLength(long)} declares any length, and a body that ends shorter (or longer) than declared is followed
 * by a FIN. {@link #closeDelimited()} sends {@code Connection: close} and ends the body with a FIN. A header set
 * with {@link #header} named {@code Content-Length} or {@code Transfer-Encoding} replaces the automatic one (to
 * send a lying head). A complete chunked or Content-Length response leaves the connection open for the next request.
 *
 * <p><b>Terminal steps</b> ({@link #stallForever()}, {@link #closeMidStream()}, {@link #reset()}) end the script: no step
 * may follow them. Waits ({@link #pause}, gaps, {@link #stallBeforeHeaders}) watch the socket, so a client that
 * closes meanwhile is seen at once (see {@link WireServer#clientDisconnects()}), and {@link WireServer#close()}
 * ends them.
 */
public final class Response {
  enum BodyFraming { CHUNKED, CONTENT_LENGTH, CLOSE_DELIMITED }

  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(204, "No Content"),
      Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"), Map.entry(304, "Not Modified"),
      Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
      Map.entry(404, "Not Found"), Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"),
      Map.entry(413, "Payload Too Large"), Map.entry(422, "Unprocessable Entity"),
      Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
      Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"), Map.entry(529, "Overloaded"));

  final int status;
  final String reason;
  final List<String[]> headers;
  final BodyFraming framing;
  final Long declaredLength;
  final Duration stallBeforeHeaders;
  final List<Step> steps;

  private Response(int status, String reason, List<String[]> headers, BodyFraming framing, Long declaredLength,
      Duration stallBeforeHeaders, List<Step> steps) {
    this.status = status;
    this.reason = reason;
    this.headers = List.copyOf(headers);
    this.framing = framing;
    this.declaredLength = declaredLength;
    this.stallBeforeHeaders = stallBeforeHeaders;
    this.steps = List.copyOf(steps);
  }

  // ---- factories

  /** A response with this status, no headers, chunked framing and no body yet. */
  public static Response status(int code) {
    if (code < 100 || code > 999) {
      throw new IllegalArgumentException("status must be 100..999: " + code);
    }
    return new Response(code, REASONS.getOrDefault(code, "Status " + code), List.of(), BodyFraming.CHUNKED, null,
        Duration.ZERO, List.of());
  }

  /**
   * A 200 {@code text/event-stream} response, chunked, writing each argument as one chunk, verbatim: pass whole
   * events, e.g. {@code "data: {...}\n\n"}.
   */
  public static Response sse(String... events) {
    Response r = status(200).header("Content-Type", "text/event-stream");
    for (String e : events) {
      r = r.write(e);
    }
    return r;
  }

  /** Like {@link #sse(String...)}, rendering each payload as {@code data: <payload>\n\n}. */
  public static Response sseData(String... payloads) {
    return sse(Arrays.stream(payloads).map(p -> "data: " + p + "\n\n").toArray(String[]::new));
  }

  /** A 200 chunked response writing each read as one chunk, {@code gap} between them. Add a Content-Type. */
  public static Response replay(List<byte[]> reads, Duration gap) {
    return status(200).writeEach(reads, gap);
  }

  /**
   * A response replaying a recording: its status, its {@code content-type} (its other recorded headers describe
   * the original transport and are dropped), each recorded read as one chunk, {@code gap} between them.
   */
  public static Response replay(Recording recording, Duration gap) {
    Response r = status(recording.status());
    String type = recording.header("content-type");
    if (type != null) {
      r = r.header("Content-Type", type);
    }
    return r.writeEach(recording.reads(), gap);
  }

  /** A response with a JSON body and a Content-Length, e.g. an error body. */
  public static Response json(int status, String body) {
    return status(status).header("Content-Type", "application/json").write(body).contentLength();
  }

  // ---- head

  /** Adds a header (several with one name are sent in order). */
  public Response header(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    List<String[]> h = new ArrayList<>(headers);
    h.add(new String[] {name, value});
    return new Response(status, reason, h, framing, declaredLength, stallBeforeHeaders, steps);
  }

  /** Replaces the reason phrase of the status line. */
  public Response reason(String phrase) {
    return new Response(status, Objects.requireNonNull(phrase), headers, framing, declaredLength, stallBeforeHeaders,
        steps);
  }

  /** Waits this long after reading the request before sending the status line (watching for a client close). */
  public Response stallBeforeHeaders(Duration delay) {
    return new Response(status, reason, headers, framing, declaredLength, Objects.requireNonNull(delay), steps);
  }

  // ---- framing

  /** {@code Transfer-Encoding: chunked}, one chunk per write (the default). */
  public Response chunked() {
    return new Response(status, reason, headers, BodyFraming.CHUNKED, null, stallBeforeHeaders, steps);
  }

  /** {@code Content-Length} equal to the sum of every step's bytes. */
  public Response contentLength() {
    return new Response(status, reason, headers, BodyFraming.CONTENT_LENGTH, null, stallBeforeHeaders, steps);
  }

  /** {@code Content-Length: declared}, whatever the steps write; a body that differs is followed by a FIN. */
  public Response contentLength(long declared) {
    if (declared < 0) {
      throw new IllegalArgumentException("negative length " + declared);
    }
    return new Response(status, reason, headers, BodyFraming.CONTENT_LENGTH, declared, stallBeforeHeaders, steps);
  }

  /** No length and no chunking: {@code Connection: close}, the body ends with a FIN. */
  public Response closeDelimited() {
    return new Response(status, reason, headers, BodyFraming.CLOSE_DELIMITED, null, stallBeforeHeaders, steps);
  }

  // ---- body steps

  /** Writes these bytes (one chunk when chunked). */
  public Response write(byte[] bytes) {
    return step(new Step.Write(bytes.clone()));
  }

  /** Writes this text as UTF-8 (one chunk when chunked). */
  public Response write(String text) {
    return step(new Step.Write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Writes each part (one chunk per part when chunked), waiting {@code gap} between parts. */
  public Response writeEach(List<byte[]> parts, Duration gap) {
    return step(new Step.WriteEach(parts.stream().map(byte[]::clone).toList(), Objects.requireNonNull(gap)));
  }

  /** Waits (watching for a client close). */
  public Response pause(Duration duration) {
    return step(new Step.Pause(Objects.requireNonNull(duration)));
  }

  /**
   * Holds the rest of the body until {@code latch} is released (or {@code max} passes), watching for a client close:
   * a test proves with it that the client acted on the bytes it has before the rest exists.
   */
  public Response awaitSignal(java.util.concurrent.CountDownLatch latch, Duration max) {
    return step(new Step.AwaitSignal(Objects.requireNonNull(latch), Objects.requireNonNull(max)));
  }

  /** Writes one byte per write (one chunk per byte when chunked), waiting {@code perByte} between bytes. */
  public Response drip(byte[] bytes, Duration perByte) {
    return step(new Step.Drip(bytes.clone(), Objects.requireNonNull(perByte)));
  }

  /** Writes {@code part} {@code times} times without waiting (one chunk per part when chunked): large streams. */
  public Response repeat(byte[] part, long times) {
    if (times < 0 || part.length == 0) {
      throw new IllegalArgumentException("repeat needs a non-empty part and times >= 0");
    }
    return step(new Step.Repeat(part.clone(), times));
  }

  /** Terminal: holds the connection open, writing nothing more, until the client closes it or the server closes. */
  public Response stallForever() {
    return step(new Step.StallForever());
  }

  /** Terminal: closes the connection with a FIN, without the terminating 0-chunk (or the rest of the length). */
  public Response closeMidStream() {
    return step(new Step.CloseMidStream());
  }

  /** Terminal: resets the connection (RST: {@code SO_LINGER} 0, then close). */
  public Response reset() {
    return step(new Step.Reset());
  }

  private Response step(Step s) {
    if (!steps.isEmpty() && steps.get(steps.size() - 1).terminal()) {
      throw new IllegalStateException("no step may follow " + steps.get(steps.size() - 1));
    }
    List<Step> all = new ArrayList<>(steps);
    all.add(s);
    return new Response(status, reason, headers, framing, declaredLength, stallBeforeHeaders, all);
  }

  /** The status code. */
  public int statusCode() {
    return status;
  }

  /** The Content-Length this response declares, or -1 when it is not Content-Length framed. */
  long contentLengthValue() {
    if (framing != BodyFraming.CONTENT_LENGTH) {
      return -1;
    }
    return declaredLength != null ? declaredLength : steps.stream().mapToLong(Step::length).sum();
  }

  boolean hasHeader(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return headers.stream().anyMatch(h -> h[0].toLowerCase(Locale.ROOT).equals(lower));
  }

  @Override
  public String toString() {
    return "Response[" + status + ", " + framing + ", " + steps.size() + " steps]";
  }
}
