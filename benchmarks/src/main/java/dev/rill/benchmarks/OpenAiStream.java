package dev.rill.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated OpenAI chat-completions stream, the transcript every end-to-end benchmark serves: a role chunk,
 * content chunks, a finish chunk, a usage chunk (all {@code chat.completion.chunk} objects shaped as in the
 * public API reference) and {@code data: [DONE]}. Content chunks are about 334 bytes on the wire, like a real
 * {@code gpt-4o-mini} stream with a system fingerprint. The text mixes ASCII words with JSON escapes and
 * multi-byte UTF-8, so a client that mangles either fails the harness's text check.
 *
 * <p>Deterministic: the same count always gives the same bytes and the same {@link #text()}.
 */
public final class OpenAiStream {
  /** The events of the burst and pipeline streams (the 2,004-event transcript, rounded). */
  public static final int EVENTS = 2000;

  private static final String HEAD = "data: {\"id\":\"chatcmpl-BxQ8tU2vW4xY6zA8bC0dE2fG4hJ6kL8m\","
      + "\"object\":\"chat.completion.chunk\",\"created\":1754917500,\"model\":\"gpt-4o-mini-2024-07-18\","
      + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_560af6e559\",\"choices\":[{\"index\":0,\"delta\":";
  private static final String TAIL = ",\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"";

  private static final String[] WORDS = {
      " the", " stream", " of", " tokens", " arrives", " one", " small", " delta", " at", " a", " time",
      " caf\\u00e9", " na\\u00efve", " \\\"quoted\\\"", " line\\nbreak", " \u00fcber", " \u4e2d\u6587", " \ud83d\ude00",
      " tab\\there", " back\\\\slash"};

  private final List<byte[]> events;
  private final String text;

  private OpenAiStream(List<byte[]> events, String text) {
    this.events = events;
    this.text = text;
  }

  /** A stream with {@code count} JSON events (count - 3 content chunks), then {@code [DONE]}. */
  public static OpenAiStream of(int count) {
    if (count < 4) {
      throw new IllegalArgumentException("at least 4 events: role, content, finish, usage");
    }
    List<byte[]> out = new ArrayList<>(count + 1);
    StringBuilder expected = new StringBuilder();
    out.add(event(HEAD + "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}" + TAIL + pad(0) + "\"}"));
    for (int i = 1; i <= count - 3; i++) {
      String word = WORDS[i % WORDS.length];
      String json = "{\"content\":\"" + word + "\"}";
      expected.append(unescape(word));
      out.add(event(HEAD + json + TAIL + pad(word.length()) + "\"}"));
    }
    out.add(event(HEAD + "{}" + ",\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}"));
    out.add(event("data: {\"id\":\"chatcmpl-BxQ8tU2vW4xY6zA8bC0dE2fG4hJ6kL8m\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1754917500,\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\","
        + "\"system_fingerprint\":\"fp_560af6e559\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,"
        + "\"completion_tokens\":" + (count - 3) + ",\"total_tokens\":" + (count + 9)
        + ",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":"
        + "{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,"
        + "\"rejected_prediction_tokens\":0}}}"));
    out.add(event("data: [DONE]"));
    return new OpenAiStream(List.copyOf(out), expected.toString());
  }

  /** Each event as it goes on the wire ({@code data: ...\n\n}), {@code [DONE]} last; one HTTP chunk each. */
  public List<byte[]> events() {
    return events;
  }

  /** The whole body, the events concatenated. */
  public byte[] body() {
    int n = 0;
    for (byte[] e : events) {
      n += e.length;
    }
    byte[] all = new byte[n];
    int at = 0;
    for (byte[] e : events) {
      System.arraycopy(e, 0, all, at, e.length);
      at += e.length;
    }
    return all;
  }

  /** The content text every client must deliver, exactly. */
  public String text() {
    return text;
  }

  /** The number of wire events, {@code [DONE]} included. */
  public int wireEvents() {
    return events.size();
  }

  private static byte[] event(String line) {
    return (line + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Filler for OpenAI's {@code obfuscation} field, which evens out chunk sizes the same way. */
  private static String pad(int wordLength) {
    return "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9".substring(0, Math.max(2, 14 - wordLength));
  }

  /** The JSON-unescaped form of a word above (only the escapes used there). */
  static String unescape(String json) {
    StringBuilder sb = new StringBuilder(json.length());
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char n = json.charAt(++i);
      switch (n) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case '"' -> sb.append('"');
        case '\\' -> sb.append('\\');
        case 'u' -> {
          sb.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> throw new IllegalArgumentException("unsupported escape \\" + n);
      }
    }
    return sb.toString();
  }
}
