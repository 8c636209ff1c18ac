package dev.rill.conformance.performance;

import dev.rill.api.ChatRequest;
import dev.rill.api.Framing;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamingProvider;
import dev.rill.conformance.ConformanceEnvironment;
import dev.rill.conformance.internal.ChunkBodies;
import dev.rill.conformance.internal.EventStreamMessages;
import dev.rill.conformance.internal.FramerFactory;
import dev.rill.conformance.internal.GoldenSource;
import dev.rill.conformance.internal.Jsons;
import dev.rill.conformance.internal.LifecycleChecks;
import dev.rill.conformance.internal.Replay;
import dev.rill.conformance.internal.RuleContext;
import dev.rill.conformance.internal.StreamOpener;
import dev.rill.conformance.internal.TextWire;
import dev.rill.conformance.reference.ReferenceProvider;
import dev.rill.conformance.rules.RuleCatalogue;
import dev.rill.testkit.golden.Golden;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the performance rules measure for one plugin, built from its goldens, and the matching bodies for the
 * kit's reference plugin:
 *
 * <ul>
 *   <li>a body of {@link #STREAM_CHUNKS} content deltas (a golden's first plain content delta repeated), and a
 *       reference body whose events carry the same text and are padded to the same wire size (P5.1, P5.2);</li>
 *   <li>the same body with one delta of N characters, and of 4N (P5.3);</li>
 *   <li>the body up to the event carrying the first output, for a server that stalls after it (P5.4).</li>
 * </ul>
 *
 * A part the goldens cannot give is null, with the reason in {@link #unavailable()}.
 *
 * @param id the provider id
 * @param provider the plugin
 * @param options its provider options
 * @param request the request the bodies answer
 * @param body the stream body; null when unavailable
 * @param chunks how many chunks {@code body} decodes to
 * @param referenceBody the reference plugin's body of the same event size
 * @param referenceChunks how many chunks {@code referenceBody} decodes to
 * @param hugeN the body with one delta of {@code hugeChars} characters; null when unavailable
 * @param huge4N the body with one delta of {@code 4 * hugeChars} characters
 * @param hugeChars N
 * @param firstEvent the body up to and including the event carrying the first output
 * @param unavailable why a part is null, per rule id ("P5.3" -> reason)
 */
public record PerformanceSubject(String id, StreamingProvider provider, Map<String, String> options,
    ChatRequest request, byte[] body, int chunks, byte[] referenceBody, int referenceChunks, byte[] hugeN,
    byte[] huge4N, int hugeChars, byte[] firstEvent, Map<String, String> unavailable) {

  /** Content deltas in the throughput body. */
  public static final int STREAM_CHUNKS = 200;

  /** The reference plugin's request. */
  public static final ChatRequest REFERENCE_REQUEST =
      ChatRequest.builder(ReferenceProvider.ID + ":reference-model").user("performance").build();

  /** The reference plugin's body up to its first event, for P5.4. */
  public static final byte[] REFERENCE_FIRST_EVENT =
      "data: {\"id\":\"r-1\",\"text\":\"Hello\"}\n\n".getBytes(StandardCharsets.UTF_8);

  /** Builds the subject of {@code provider}; {@code hugeChars} is N of rule P5.3. */
  public static PerformanceSubject of(StreamingProvider provider, Map<String, String> options, int hugeChars) {
    List<Golden> goldens = GoldenSource.forProvider(provider);
    RuleContext ctx = new RuleContext(provider, goldens, List.of(), Set.of(), ConformanceEnvironment
        .fromSystemProperties(), FramerFactory.STANDARD, StreamOpener.STANDARD, Optional::empty,
        RuleCatalogue.standard(), Set.of(), options);
    Map<String, String> unavailable = new java.util.TreeMap<>();
    String id = provider.info().id();
    List<Golden> clean = ctx.cleanGoldens();
    if (clean.isEmpty()) {
      String why = "no golden of '" + id + "' completes cleanly offline";
      for (String rule : new String[] {"P5.1", "P5.2", "P5.3", "P5.4"}) {
        unavailable.put(rule, why);
      }
      return new PerformanceSubject(id, provider, options, null, null, 0, null, 0, null, null, hugeChars, null,
          unavailable);
    }
    Body repeated = TextWire.supports(provider.info().framing()) ? textBody(ctx) : binaryBody(ctx);
    byte[] body = null;
    int chunks = 0;
    byte[] reference = null;
    int referenceChunks = 0;
    byte[] hugeN = null;
    byte[] huge4N = null;
    ChatRequest request = ctx.request(clean.get(0));
    if (repeated == null) {
      unavailable.put("P5.1", "no golden of '" + id + "' has a plain content delta that repeats into a longer stream");
      unavailable.put("P5.2", unavailable.get("P5.1"));
      unavailable.put("P5.3", unavailable.get("P5.1"));
    } else {
      request = ctx.request(repeated.golden());
      body = repeated.body(STREAM_CHUNKS, null);
      chunks = Replay.run(provider, request, body, FramerFactory.STANDARD).chunks().size();
      int unitSize = repeated.unit().length;
      reference = referenceBody(repeated.text(), unitSize, STREAM_CHUNKS);
      referenceChunks = STREAM_CHUNKS + 1;
      hugeN = repeated.body(1, "x".repeat(hugeChars));
      huge4N = repeated.body(1, "x".repeat(4 * hugeChars));
      if (hugeN == null || !decodesText(provider, request, hugeN, hugeChars)
          || !decodesText(provider, request, huge4N, 4 * hugeChars)) {
        unavailable.put("P5.3", "the content delta's text '" + repeated.text() + "' could not be enlarged on the wire");
        hugeN = null;
        huge4N = null;
      }
    }
    Golden rich = clean.get(0);
    for (Golden g : clean) {
      if (ctx.baseline(g).chunks().size() > ctx.baseline(rich).chunks().size()) {
        rich = g;
      }
    }
    byte[] first = LifecycleChecks.splitAfterFirstChunk(ctx, rich).head();
    return new PerformanceSubject(id, provider, options, repeated != null ? request : ctx.request(rich), body, chunks,
        reference, referenceChunks, hugeN, huge4N, hugeChars, first, unavailable);
  }

  /**
   * The reference body: {@code n} deltas of {@code text}, each padded to about {@code unitSize} bytes, then the end.
   * The padding is an object of small members of the kinds real events carry (short strings, numbers, nulls,
   * booleans), which the reference decoder skips token by token: bytes of similar token density to the plugin's
   * events, so the per-byte comparison is fair (a single long string would be skipped far faster per byte).
   */
  static byte[] referenceBody(String text, int unitSize, int n) {
    String head = "data: {\"text\":" + Jsons.quote(text) + ",\"meta\":{";
    String tail = "}}\n\n";
    StringBuilder pad = new StringBuilder();
    int budget = unitSize - head.getBytes(StandardCharsets.UTF_8).length - tail.length();
    for (int i = 0; pad.length() < budget - 12; i++) {
      String member = switch (i % 4) {
        case 0 -> "\"id" + i + "\":\"chunk-" + i + "\"";
        case 1 -> "\"n" + i + "\":" + (1_700_000_000 + i);
        case 2 -> "\"z" + i + "\":null";
        default -> "\"b" + i + "\":true";
      };
      pad.append(pad.length() == 0 ? "" : ",").append(member);
    }
    byte[] unit = (head + pad + tail).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("data: {\"id\":\"r-1\",\"model\":\"reference-model\"}\n\n".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < n; i++) {
      out.writeBytes(unit);
    }
    out.writeBytes("data: {\"finish\":\"stop\"}\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static boolean decodesText(StreamingProvider p, ChatRequest request, byte[] body, int chars) {
    Replay.Outcome o = Replay.run(p, request, body, FramerFactory.STANDARD);
    return o.ended() && o.chunks().stream().map(StreamChunk::content).anyMatch(c -> c.length() == chars);
  }

  /**
   * A golden with one content-delta event that can be repeated, or replaced by a larger one.
   *
   * @param golden the golden
   * @param before the bytes before the delta event
   * @param unit the delta event
   * @param after the bytes after it
   * @param text the delta's text, as its JSON string appears in {@code unit}
   * @param framing the framing
   */
  record Body(Golden golden, byte[] before, byte[] unit, byte[] after, String text, Framing framing) {
    /** The body with the delta {@code n} times, or once with {@code replacement} as its text (null if impossible). */
    byte[] body(int n, String replacement) {
      byte[] u = unit;
      if (replacement != null) {
        u = replace(unit, framing, text, replacement);
        if (u == null) {
          return null;
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(before);
      for (int i = 0; i < n; i++) {
        out.writeBytes(u);
      }
      out.writeBytes(after);
      return out.toByteArray();
    }
  }

  static byte[] replace(byte[] unit, Framing framing, String text, String replacement) {
    String literal = Jsons.quote(text);
    String big = Jsons.quote(replacement);
    if (framing == Framing.AWS_EVENT_STREAM) {
      EventStreamMessages.Message m = EventStreamMessages.decode(unit).get(0);
      String payload = new String(m.payload(), StandardCharsets.UTF_8);
      if (!payload.contains(literal)) {
        return null;
      }
      return EventStreamMessages.encode(m.headers(), payload.replace(literal, big).getBytes(StandardCharsets.UTF_8));
    }
    String s = new String(unit, StandardCharsets.UTF_8);
    return s.contains(literal) ? s.replace(literal, big).getBytes(StandardCharsets.UTF_8) : null;
  }

  /** The text framings: the kit's n-chunk template (the one the Reactive Streams TCK uses). */
  private static Body textBody(RuleContext ctx) {
    Optional<ChunkBodies.Template> found = ChunkBodies.find(ctx);
    if (found.isEmpty()) {
      return null;
    }
    ChunkBodies.Template t = found.get();
    String text = repeatedText(ctx, t.golden(), t.body(t.fixedChunks() + 3));
    return text == null ? null : new Body(t.golden(), t.prefix(), t.unit(), t.suffix(), text, ctx.framing());
  }

  /** Binary framings: a golden with its first plain content-delta event repeated in place, when that verifies. */
  private static Body binaryBody(RuleContext ctx) {
    for (Golden g : ctx.cleanGoldens()) {
      Replay.Outcome base = ctx.baseline(g);
      int offset = 0;
      for (Replay.EventTrace t : base.events()) {
        int size = t.event().wireSize();
        if (t.chunks().size() == 1 && !t.chunks().get(0).content().isEmpty()
            && t.chunks().get(0).finishReason() == null && t.chunks().get(0).toolCalls().isEmpty()) {
          byte[] wire = g.wire();
          Body b = new Body(g, java.util.Arrays.copyOf(wire, offset),
              java.util.Arrays.copyOfRange(wire, offset, offset + size),
              java.util.Arrays.copyOfRange(wire, offset + size, wire.length), t.chunks().get(0).content(),
              ctx.framing());
          Replay.Outcome o = ctx.replay(g, b.body(4, null));
          if (o.ended() && o.chunks().size() == base.chunks().size() + 3) {
            return b;
          }
          break;
        }
        offset += size;
      }
    }
    return null;
  }

  /** The content of the chunks the repeated delta gives: three equal consecutive non-empty contents. */
  private static String repeatedText(RuleContext ctx, Golden g, byte[] body) {
    List<StreamChunk> chunks = ctx.replay(g, body).chunks();
    List<String> contents = new ArrayList<>();
    for (StreamChunk c : chunks) {
      contents.add(c.content());
    }
    for (int i = 0; i + 2 < contents.size(); i++) {
      String c = contents.get(i);
      if (!c.isEmpty() && c.equals(contents.get(i + 1)) && c.equals(contents.get(i + 2))) {
        return c;
      }
    }
    return null;
  }
}
