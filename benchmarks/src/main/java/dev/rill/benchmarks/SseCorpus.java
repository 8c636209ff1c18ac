package dev.rill.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The generated SSE bodies {@link SseFramerBenchmark} frames: about 1 MiB each, with the feed size a transport
 * would hand the framer. Deterministic.
 */
public enum SseCorpus {
  /** One {@code data:} line per event, ~330-byte OpenAI chunks; fed 16 KiB at a time. */
  DATA_ONLY(16 * 1024),
  /** Events with {@code event:}, {@code id:} and four {@code data:} lines each (joined with LF by the framer). */
  MULTI_LINE(16 * 1024),
  /** Four {@code : ping} comments and a blank line between every two small events (keep-alive heavy proxies). */
  HEARTBEAT_HEAVY(16 * 1024),
  /** OpenAI tool-call argument deltas: small events whose JSON carries escaped JSON fragments. */
  TOOL_CALL_HEAVY(16 * 1024),
  /** Data lines full of 2-, 3- and 4-byte UTF-8 sequences (accents, CJK, emoji). */
  MULTIBYTE_UTF8(16 * 1024),
  /** The data-only body fed 7 bytes at a time: every event split across several feeds, CRLF line ends. */
  SMALL_CHUNK_DRIP(7);

  /** The size of each generated body. */
  public static final int TARGET_BYTES = 1 << 20;

  private final int feedSize;

  SseCorpus(int feedSize) {
    this.feedSize = feedSize;
  }

  /** How many bytes the benchmark feeds the framer per call. */
  public int feedSize() {
    return feedSize;
  }

  /** The body, about {@link #TARGET_BYTES} long, ending at an event boundary. */
  public byte[] body() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(TARGET_BYTES + 4096);
    int i = 0;
    while (out.size() < TARGET_BYTES) {
      byte[] e = event(i++).getBytes(StandardCharsets.UTF_8);
      out.write(e, 0, e.length);
    }
    return out.toByteArray();
  }

  /** How many events {@link #body()} dispatches. */
  public int events() {
    int n = 0;
    int size = 0;
    while (size < TARGET_BYTES) {
      size += event(n++).getBytes(StandardCharsets.UTF_8).length;
    }
    return n;
  }

  private String event(int i) {
    return switch (this) {
      case DATA_ONLY -> openAi(i, "\n");
      case SMALL_CHUNK_DRIP -> openAi(i, "\r\n");
      case MULTI_LINE -> "event: message_delta\nid: " + i + "\ndata: {\"type\":\"delta\",\n"
          + "data:  \"index\":" + (i % 4) + ",\n"
          + "data:  \"text\":\"line " + i + " of a multi-line data event, joined by the framer\",\n"
          + "data:  \"more\":null}\n\n";
      case HEARTBEAT_HEAVY -> ": ping\n\n: ping\n\n: ping\n\n: ping\n\ndata: {\"n\":" + i + ",\"t\":\"tok\"}\n\n";
      case TOOL_CALL_HEAVY -> "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
          + "\"delta\":{\"tool_calls\":[{\"index\":" + (i % 3) + ",\"function\":{\"arguments\":"
          + "\"{\\\"city\\\":\\\"Paris\\\",\\\"n\\\":" + i + "}\"}}]},\"finish_reason\":null}]}\n\n";
      case MULTIBYTE_UTF8 -> "data: {\"choices\":[{\"delta\":{\"content\":\"caf\u00e9 na\u00efve \u00fcber "
          + "\u4e2d\u6587\u5b57\u7b26\u4e32 \u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8 \ud83d\ude00\ud83d\ude80\ud83c\udf89 "
          + "\u0440\u0443\u0441\u0441\u043a\u0438\u0439 \u0627\u0644\u0639\u0631\u0628\u064a\u0629 " + i + "\"}}]}\n\n";
    };
  }

  private static String openAi(int i, String eol) {
    return "data: {\"id\":\"chatcmpl-BxQ8tU2vW4xY6zA8bC0dE2fG4\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1754917500,\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_560af6e559\","
        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" token" + i + "\"},\"logprobs\":null,"
        + "\"finish_reason\":null}],\"usage\":null}" + eol + eol;
  }
}
