package dev.rill.conformance.internal;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderError;
import dev.rill.api.RillException;
import dev.rill.conformance.ErrorCase;
import dev.rill.conformance.ErrorCases;
import dev.rill.conformance.rules.RuleId;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.property.Gen;
import dev.rill.testkit.property.Gens;
import dev.rill.testkit.server.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** Rules E3.1 to E3.7: how a plugin reports what went wrong. */
final class ErrorChecks {
  private static final List<String> ODD_BODIES = List.of("", "null", "[]", "\"x\"", "42", "{", "{\"error\":",
      "{\"error\":42}", "{\"error\":[]}", "{\"error\":null}", "{\"error\":{\"message\":{}}}",
      "{\"error\":{\"code\":{\"a\":1},\"type\":7,\"message\":[1]}}", "{\"message\":null,\"type\":false}",
      "{\"error\":{\"status\":\"\",\"code\":-1,\"details\":[{}]}}", "<html><body>502</body></html>",
      "{\"type\":\"error\",\"error\":{\"type\":null}}", "\uFEFF{}", "{\"error\":\"\\ud800\"}");
  private static final List<String> RETRY_AFTER = List.of("", "-1", "abc", "0", "99999999999999999999", "1.5",
      "Wed, 21 Oct 2015 07:28:00 GMT", "Thu, 01 Jan 2099 00:00:00 GMT");

  private ErrorChecks() {}

  static void register(Map<RuleId, RuleCheck> checks) {
    checks.put(RuleId.parse("E3.1"), ctx -> classify(ctx, ErrorCases.generic(), "shared table"));
    checks.put(RuleId.parse("E3.2"), ctx -> {
      if (ctx.errorBodies().isEmpty()) {
        Assumptions.abort("errorBodies() is empty");
      }
      classify(ctx, ctx.errorBodies(), "recorded error bodies");
    });
    checks.put(RuleId.parse("E3.3"), ErrorChecks::classifyErrorNeverThrows);
    checks.put(RuleId.parse("E3.4"), ErrorChecks::httpErrorBeforeOutput);
    checks.put(RuleId.parse("E3.5"), ErrorChecks::inStreamErrorThroughRuntime);
    checks.put(RuleId.parse("E3.6"), ErrorChecks::malformedPayloadIsTyped);
    checks.put(RuleId.parse("E3.7"), ErrorChecks::fuzzedBytesGiveOnlyRillException);
  }

  static void classify(RuleContext ctx, List<ErrorCase> cases, String what) {
    List<String> failures = new ArrayList<>();
    for (ErrorCase c : cases) {
      ProviderError e;
      try {
        e = ctx.provider().classifyError(c.status(), c.headers(), c.body());
      } catch (RuntimeException | Error t) {
        failures.add(c.name() + ": classifyError threw " + t);
        continue;
      }
      if (e == null) {
        failures.add(c.name() + ": classifyError returned null");
      } else if (e.kind() != c.kind()) {
        failures.add(c.name() + ": HTTP " + c.status() + " classified as " + e.kind() + ", expected " + c.kind()
            + " (body " + Jsons.quote(abbreviate(c.bodyText())) + ")");
      } else if (c.code() != null && !c.code().equals(e.code())) {
        failures.add(c.name() + ": provider code " + Jsons.quote(String.valueOf(e.code())) + ", expected "
            + Jsons.quote(c.code()));
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(failures.size() + " of " + cases.size() + " " + what + " misclassified:\n  "
          + String.join("\n  ", failures));
    }
  }

  static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "..." : s;
  }

  record ErrorInput(int status, Map<String, String> headers, byte[] body) {
    @Override
    public String toString() {
      return "HTTP " + status + " " + headers + " body " + Jsons.quote(abbreviate(
          new String(body, StandardCharsets.UTF_8)));
    }
  }

  static void classifyErrorNeverThrows(RuleContext ctx) {
    List<byte[]> recorded = new ArrayList<>();
    for (ErrorCase c : ctx.errorBodies()) {
      recorded.add(c.body());
    }
    ODD_BODIES.forEach(s -> recorded.add(s.getBytes(StandardCharsets.UTF_8)));
    Gen<byte[]> recordedBody = Gens.elements(recorded);
    Gen<byte[]> bodies = Gens.frequency(
        Gens.weight(3, recordedBody.flatMap(b -> Gens.ints(0, b.length).map(cut -> Arrays.copyOf(b, cut)))),
        Gens.weight(2, recordedBody),
        Gens.weight(1, Gens.byteArrays(0, 64)));
    Gen<Integer> statuses = Gens.frequency(
        Gens.weight(2, Gens.elements(ErrorCases.STATUSES)), Gens.weight(1, Gens.ints(100, 599)));
    Gen<Map<String, String>> headers = Gens.elements(RETRY_AFTER).map(v -> v.isEmpty()
        ? Map.of() : Map.of("retry-after", v, "retry-after-ms", v, "content-type", "application/json"));
    Gen<ErrorInput> inputs = c -> new ErrorInput(statuses.generate(c), headers.generate(c), bodies.generate(c));
    PropertyRun.check(ctx, ctx.environment().tries() * 2, List.of(), inputs, in -> {
      ProviderError e;
      try {
        e = ctx.provider().classifyError(in.status(), in.headers(), in.body());
      } catch (RuntimeException | Error t) {
        throw new AssertionError("classifyError threw " + t, t);
      }
      if (e == null) {
        throw new AssertionError("classifyError returned null");
      }
    });
  }

  static void httpErrorBeforeOutput(RuleContext ctx) throws InterruptedException {
    Golden g = ctx.requireGoldens().get(0);
    List<String> failures = new ArrayList<>();
    try (Loopback lb = new Loopback(ctx)) {
      for (int status : new int[] {429, 503, 401}) {
        String body = "{\"error\":{\"message\":\"request failed\",\"status\":" + status + "}}";
        ProviderError classified = ctx.provider().classifyError(status,
            Map.of("content-type", "application/json", "retry-after", "2"), body.getBytes(StandardCharsets.UTF_8));
        Loopback.Result r = lb.run(ctx.request(g), Response.json(status, body).header("Retry-After", "2"));
        RillException e = r.rillError();
        if (e.kind() != classified.kind()) {
          failures.add("HTTP " + status + ": the stream failed with " + e.kind() + " but classifyError says "
              + classified.kind());
        }
        if (e.httpStatus().orElse(-1) != status) {
          failures.add("HTTP " + status + ": the error carries status " + e.httpStatus());
        }
        if (e.hadOutput() || !r.chunks().isEmpty() && r.chunks().stream().anyMatch(c -> c.hasOutput())) {
          failures.add("HTTP " + status + ": output was delivered for an error response");
        }
        if (e.retryable() != e.kind().retryableByDefault()) {
          failures.add("HTTP " + status + ": retryable is " + e.retryable() + " but " + e.kind() + " says "
              + e.kind().retryableByDefault());
        }
        if (status == 429 && e.retryAfter().isEmpty()) {
          failures.add("HTTP 429 with Retry-After: 2 gave no retryAfter");
        }
        lb.assertNoLeasedConnections("after HTTP " + status);
      }
      Loopback.Result html = lb.run(ctx.request(g), Response.status(200).header("Content-Type", "text/html")
          .write("<html><body>maintenance</body></html>").contentLength());
      if (!(html.error() instanceof RillException)) {
        failures.add("a 200 text/html response " + (html.error() == null ? "completed as a stream of "
            + html.chunks().size() + " chunks" : "failed with " + html.error()) + "; it must fail with a RillException");
      }
      lb.assertNoLeasedConnections("after the text/html response");
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(String.join("\n", failures));
    }
  }

  static void inStreamErrorThroughRuntime(RuleContext ctx) throws InterruptedException {
    List<Golden> errors = ctx.requireGoldens().stream().filter(g -> g.expect().expectsError()).toList();
    if (errors.isEmpty()) {
      Assumptions.abort("the plugin ships no golden that ends in an error");
    }
    List<String> failures = new ArrayList<>();
    try (Loopback lb = new Loopback(ctx)) {
      for (Golden g : errors) {
        Loopback.Result r = lb.run(ctx.request(g), lb.ok(g.wire()));
        if (!(r.error() instanceof RillException e)) {
          failures.add(g.name() + ": expected " + g.expect().errorKind() + " but "
              + (r.error() == null ? "the stream completed" : "got " + r.error()));
          continue;
        }
        List<String> mismatches = g.expect().mismatches(r.response(), e);
        if (!mismatches.isEmpty()) {
          failures.add(g.name() + ": " + String.join("; ", mismatches));
        }
        if (e.partial().text().length() != r.response().text().length()) {
          failures.add(g.name() + ": the error's partial response has " + e.partial().text().length()
              + " chars of text but " + r.response().text().length() + " were delivered");
        }
        if (r.response().hasOutput() && e.retryable()) {
          failures.add(g.name() + ": the error after output is marked retryable");
        }
        lb.assertNoLeasedConnections("after " + g.name());
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(String.join("\n", failures));
    }
  }

  static void malformedPayloadIsTyped(RuleContext ctx) {
    ctx.requireTextFraming("E3.6");
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Golden g : ctx.requireCleanGoldens("")) {
      Replay.Outcome base = ctx.baseline(g);
      TextWire w = ctx.textWire(g);
      for (Replay.EventTrace t : base.events()) {
        int record = w.recordOfEvent(t.index());
        if (record < 0 || t.chunks().isEmpty()) {
          continue;
        }
        String data = w.data(w.records().get(record)).strip();
        if (!(data.startsWith("{") || data.startsWith("[")) || data.length() < 4) {
          continue;
        }
        int cut = data.length() / 2;
        if (Character.isHighSurrogate(data.charAt(cut - 1))) {
          cut--;
        }
        String broken = data.substring(0, cut);
        if (Jsons.isSingleValue(broken)) {
          continue;
        }
        checked++;
        List<TextWire.Record> records = new ArrayList<>(w.records());
        records.set(record, w.withData(records.get(record), broken));
        Replay.Outcome o = ctx.replay(g, w.withRecords(records).render());
        if (o.foreign() != null) {
          failures.add(g.name() + ": a JSON event cut in half made " + o.foreign().getClass().getName()
              + " escape: " + o.foreign().getMessage());
        } else if (o.error() == null) {
          failures.add(g.name() + ": a JSON event cut in half (" + Jsons.quote(abbreviate(broken)) + ") was skipped "
              + "silently: " + o.summary());
        } else if (o.error().kind() != ErrorKind.MALFORMED_RESPONSE) {
          failures.add(g.name() + ": a JSON event cut in half gave " + o.error().kind() + ", expected "
              + "MALFORMED_RESPONSE");
        } else if (o.error().rawEvent() == null || o.error().rawEvent().isEmpty()) {
          failures.add(g.name() + ": the MALFORMED_RESPONSE error carries no raw event");
        }
        break;
      }
    }
    if (checked == 0) {
      Assumptions.abort("no golden of '" + ctx.id() + "' has a JSON event that yields a chunk");
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(String.join("\n", failures));
    }
  }

  /** One change to a body. */
  record Mutation(int kind, double where, int value, int length) {
    byte[] apply(byte[] in) {
      if (in.length == 0) {
        return new byte[] {(byte) value};
      }
      int at = Math.min(in.length - 1, (int) (where * in.length));
      switch (kind) {
        case 0 -> { // flip one bit, the high bit half the time (invalid UTF-8)
          byte[] out = in.clone();
          out[at] ^= (byte) (1 << ((value & 1) == 0 ? 7 : (value >> 1) & 7));
          return out;
        }
        case 1 -> { // insert a byte
          byte[] out = new byte[in.length + 1];
          System.arraycopy(in, 0, out, 0, at);
          out[at] = (byte) value;
          System.arraycopy(in, at, out, at + 1, in.length - at);
          return out;
        }
        case 2 -> { // delete a range
          int len = Math.min(length, in.length - at);
          byte[] out = new byte[in.length - len];
          System.arraycopy(in, 0, out, 0, at);
          System.arraycopy(in, at + len, out, at, in.length - at - len);
          return out;
        }
        case 3 -> { // truncate
          return Arrays.copyOf(in, at);
        }
        default -> { // duplicate a range
          int len = Math.min(length, in.length - at);
          byte[] out = new byte[in.length + len];
          System.arraycopy(in, 0, out, 0, at + len);
          System.arraycopy(in, at, out, at + len, in.length - at);
          return out;
        }
      }
    }

    @Override
    public String toString() {
      String[] names = {"flip bit", "insert byte", "delete", "truncate", "duplicate"};
      return names[kind] + " at " + String.format("%.3f", where) + " (value " + value + ", length " + length + ")";
    }
  }

  record Fuzz(Golden golden, List<Mutation> mutations) {
    byte[] body() {
      byte[] b = golden.wire();
      for (Mutation m : mutations) {
        b = m.apply(b);
      }
      return b;
    }

    @Override
    public String toString() {
      return golden.name() + " with " + mutations;
    }
  }

  static void fuzzedBytesGiveOnlyRillException(RuleContext ctx) {
    List<Golden> goldens = ctx.requireGoldens();
    Gen<Mutation> mutation = c -> new Mutation(Gens.ints(0, 4).generate(c), Gens.unitDoubles().generate(c),
        Gens.ints(0, 255).generate(c), Gens.ints(1, 16).generate(c));
    Gen<Golden> golden = Gens.elements(goldens);
    Gen<List<Mutation>> mutations = mutation.list(1, 4);
    Gen<Fuzz> fuzz = c -> new Fuzz(golden.generate(c), mutations.generate(c));
    List<Fuzz> examples = new ArrayList<>();
    for (Golden g : goldens) {
      examples.add(new Fuzz(g, List.of(new Mutation(0, 0.5, 0, 1))));
      examples.add(new Fuzz(g, List.of(new Mutation(1, 0.3, 0xFF, 1))));
      examples.add(new Fuzz(g, List.of(new Mutation(3, 0.6, 0, 1))));
    }
    PropertyRun.check(ctx, ctx.environment().tries(), examples, fuzz, f -> {
      Replay.Outcome o = Replay.runWithin(ctx.environment().decodeTimeout(), ctx.provider(), ctx.request(f.golden()),
          List.of(f.body()), ctx.framers());
      if (o.timedOut()) {
        throw new AssertionError("the decode did not finish within " + ctx.environment().decodeTimeout().toMillis()
            + " ms: a hang");
      }
      if (o.foreign() != null) {
        throw new AssertionError("a " + o.foreign().getClass().getName() + " escaped the plugin (only RillException "
            + "may): " + o.foreign(), o.foreign());
      }
    });
  }
}
