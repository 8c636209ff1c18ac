package dev.rill.conformance.internal;

import dev.rill.api.Capability;
import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.Message;
import dev.rill.api.ModelCapabilities;
import dev.rill.api.Part;
import dev.rill.api.ReasoningOptions;
import dev.rill.api.RillException;
import dev.rill.api.Tool;
import dev.rill.conformance.rules.RuleId;
import dev.rill.testkit.golden.Expectation;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.server.RecordedRequest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The rules that hold a plugin to its capability declaration, beside H0.4 (each declared capability shown by a
 * golden): no golden of its own shows what it does not declare (H0.7), and each request-side capability it declares
 * reaches the request body (H0.8), since the runtime refuses requests by the declaration and lets the others through.
 * For REASONING, H0.8 sends the same request without reasoning options, with an effort and with a budget: each form
 * either changes the body or is refused as INVALID_REQUEST before sending, and at least one changes it.
 */
final class CapabilityChecks {

  /** What a golden can show that needs a declaration. */
  private static final Map<Capability, Predicate<Expectation>> SHOWN = Map.of(
      Capability.TOOLS, e -> !e.toolCalls().isEmpty(),
      Capability.REASONING, e -> !e.reasoning().isEmpty());

  /** The image H0.8 sends: the 8-byte PNG signature, enough for an encoder, never decoded here. */
  private static final byte[] IMAGE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final String SYSTEM_TEXT = "Answer in one word, conformance-system-7f3a.";
  private static final String TOOL_NAME = "conformance_lookup_7f3a";
  private static final String REASONING_PROMPT = "Is 97 prime? Think it through.";

  private CapabilityChecks() {}

  static void register(Map<RuleId, RuleCheck> checks) {
    checks.put(RuleId.parse("H0.7"), CapabilityChecks::undeclaredCapabilityNotShown);
    checks.put(RuleId.parse("H0.8"), CapabilityChecks::declaredCapabilitiesEncoded);
  }

  /** What a golden's model may do: the declared set less what the model's row, if any, takes away. */
  static Set<Capability> capabilitiesOf(RuleContext ctx, String model) {
    Set<Capability> has = ctx.capabilities().isEmpty() ? EnumSet.noneOf(Capability.class)
        : EnumSet.copyOf(ctx.capabilities());
    ModelCapabilities row = ctx.info().modelRowFor(model);
    if (row != null) {
      has.removeAll(row.lacking());
    }
    return has;
  }

  static void undeclaredCapabilityNotShown(RuleContext ctx) {
    List<String> problems = new ArrayList<>();
    for (Golden g : ctx.requireGoldens()) {
      if (!g.providerId().equals(ctx.id())) {
        continue; // a sibling's golden, borrowed: it shows what the sibling declares (H0.4 checks the borrowing)
      }
      Set<Capability> has = capabilitiesOf(ctx, g.model());
      for (Map.Entry<Capability, Predicate<Expectation>> shown : SHOWN.entrySet()) {
        if (shown.getValue().test(g.expect()) && !has.contains(shown.getKey())) {
          ModelCapabilities row = ctx.info().modelRowFor(g.model());
          problems.add("golden " + g.name() + " shows " + shown.getKey() + " but "
              + (row != null && ctx.capabilities().contains(shown.getKey())
                  ? "its model '" + g.model() + "' matches the row '" + row.pattern() + "', which says it lacks it"
                  : "the provider does not declare it"));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(String.join("; ", problems));
    }
  }

  /** One request-side capability: how a request needs it, and what of it the body must carry. */
  private record Feature(Capability capability, ChatRequest.Builder request, String mustContain) {}

  static void declaredCapabilitiesEncoded(RuleContext ctx) throws InterruptedException {
    List<Golden> clean = ctx.requireCleanGoldens("H0.8 answers each request with one");
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Capability c : List.of(Capability.TOOLS, Capability.IMAGES, Capability.SYSTEM_PROMPT)) {
      if (!ctx.capabilities().contains(c)) {
        continue;
      }
      Golden g = clean.stream().filter(x -> capabilitiesOf(ctx, x.model()).contains(c)).findFirst().orElse(null);
      String model = g != null && g.model() != null && !g.model().isBlank() ? g.model() : "conformance-model";
      Golden answer = g != null ? g : clean.get(0);
      Feature f = feature(c, ctx.id() + ":" + model);
      checked++;
      try (Loopback lb = new Loopback(ctx)) {
        Loopback.Result r = lb.run(f.request().build(), lb.ok(answer.wire()));
        List<RecordedRequest> sent = lb.server().requests();
        if (sent.size() != 1) {
          problems.add(c + " is declared but a request needing it " + (r.error() != null ? "failed with " + r.error()
              : "made " + sent.size() + " requests") + " (model " + model + ")");
          continue;
        }
        String body = sent.get(0).bodyText();
        if (!body.contains(f.mustContain())) {
          problems.add(c + " is declared but the request body does not carry it: '" + f.mustContain()
              + "' is missing (model " + model + ")");
        }
      }
    }
    if (ctx.capabilities().contains(Capability.REASONING)) {
      checked++;
      reasoningEncoded(ctx, clean, problems);
    }
    if (checked == 0) {
      org.junit.jupiter.api.Assumptions.abort("the plugin declares none of TOOLS, IMAGES, SYSTEM_PROMPT, REASONING");
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(String.join("; ", problems));
    }
  }

  /** What one request came to: the body sent, or the error when nothing (or more than one request) was sent. */
  private record Sent(String body, Throwable error, int requests) {}

  private static Sent send(RuleContext ctx, ChatRequest request, Golden answer) throws InterruptedException {
    try (Loopback lb = new Loopback(ctx)) {
      Loopback.Result r = lb.run(request, lb.ok(answer.wire()));
      List<RecordedRequest> sent = lb.server().requests();
      return new Sent(sent.size() == 1 ? sent.get(0).bodyText() : null, r.error(), sent.size());
    }
  }

  /**
   * REASONING: with a golden's model that has it, a request without reasoning options, then the same with
   * {@code effort("high")} and with {@code budget(2048)}. A form the body does not change was dropped silently; a
   * form refused as INVALID_REQUEST before sending is allowed (the family has no field for it); one form at least
   * must reach the body.
   */
  private static void reasoningEncoded(RuleContext ctx, List<Golden> clean, List<String> problems)
      throws InterruptedException {
    Golden g = clean.stream().filter(x -> capabilitiesOf(ctx, x.model()).contains(Capability.REASONING)).findFirst()
        .orElse(null);
    String model = g != null && g.model() != null && !g.model().isBlank() ? g.model() : "conformance-model";
    Golden answer = g != null ? g : clean.get(0);
    String spec = ctx.id() + ":" + model;
    Sent without = send(ctx, ChatRequest.builder(spec).user(REASONING_PROMPT).build(), answer);
    if (without.body() == null) {
      problems.add("REASONING: the request without reasoning options " + (without.error() != null
          ? "failed with " + without.error() : "made " + without.requests() + " requests") + " (model " + model + ")");
      return;
    }
    int encoded = 0;
    for (ReasoningOptions form : List.of(ReasoningOptions.effort("high"), ReasoningOptions.budget(2048))) {
      String what = form.effort() != null ? "effort 'high'" : "a budget of 2048 tokens";
      Sent with = send(ctx, ChatRequest.builder(spec).user(REASONING_PROMPT).reasoning(form).build(), answer);
      if (with.requests() == 0 && with.error() instanceof RillException e
          && e.kind() == ErrorKind.INVALID_REQUEST) {
        continue; // refused, typed, before sending: the family has no field for this form
      }
      if (with.body() == null) {
        problems.add("REASONING with " + what + " " + (with.error() != null ? "failed with " + with.error()
            : "made " + with.requests() + " requests") + " (model " + model + ")");
      } else if (with.body().equals(without.body())) {
        problems.add("REASONING is declared but reasoning options with " + what + " were dropped: the body is the "
            + "same as without them (model " + model + ")");
      } else {
        encoded++;
      }
    }
    if (encoded == 0 && problems.stream().noneMatch(p -> p.startsWith("REASONING"))) {
      problems.add("REASONING is declared but every form of reasoning options was refused (model " + model
          + "): declare REASONING only for models that take them (a ModelCapabilities row)");
    }
  }

  private static Feature feature(Capability c, String spec) {
    return switch (c) {
      case TOOLS -> new Feature(c, ChatRequest.builder(spec).user("Look it up.")
          .tool(new Tool(TOOL_NAME, "Looks a thing up", "{\"type\":\"object\",\"properties\":{\"q\":{\"type\":"
              + "\"string\"}}}")), TOOL_NAME);
      case IMAGES -> new Feature(c, ChatRequest.builder(spec)
          .message(Message.user(Part.text("What is in the image?"), Part.image(IMAGE, "image/png"))),
          Base64.getEncoder().encodeToString(IMAGE));
      case SYSTEM_PROMPT -> new Feature(c, ChatRequest.builder(spec).system(SYSTEM_TEXT).user("Hi."), SYSTEM_TEXT);
      default -> throw new IllegalArgumentException(c.name());
    };
  }
}
