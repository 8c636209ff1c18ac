package dev.rill.conformance.rules;

import dev.rill.api.Capability;
import dev.rill.api.Framing;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One numbered conformance rule, as the catalogue ({@code rules.tsv}) states it. Test names, the report and
 * {@code docs/conformance-rules.md} are all generated from these values.
 *
 * @param id the rule number, e.g. {@code W1.6}
 * @param level required, optional, stochastic or untested
 * @param requirement what the plugin must declare for the rule to apply, or {@link Requirement#NONE}
 * @param checks how the rule is checked
 * @param name the camelCase name used in the test name
 * @param statement what the rule demands, one sentence or two
 * @param hint where to look when the rule fails ("if this fails, check...")
 * @param reason for an untested rule, why it is not checked; for a stochastic rule, what is left to chance and what
 *     still fails; else empty
 * @since 0.1
 */
public record Rule(RuleId id, Level level, Requirement requirement, Set<Check> checks, String name, String statement,
    String hint, String reason) {

  /** Checks and normalises the components (see the class comment). */
  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(requirement, "requirement");
    checks = Set.copyOf(checks);
    if (!name.matches("[a-z][A-Za-z0-9]*")) {
      throw new IllegalArgumentException("rule " + id + ": the name must be camelCase: '" + name + "'");
    }
    Objects.requireNonNull(statement, "statement");
    hint = hint == null ? "" : hint;
    reason = reason == null ? "" : reason;
    if (level == Level.UNTESTED && reason.isEmpty()) {
      throw new IllegalArgumentException("untested rule " + id + " needs a reason");
    }
  }

  /** The generated test name: {@code <level>_<id with _>_<name>}, e.g. {@code required_W1_6_sentinelMatchedExactly}. */
  public String testName() {
    return level.label() + "_" + id.asIdentifier() + "_" + name;
  }

  /**
   * What a plugin must declare for a rule to apply: nothing, a {@link Capability}, or a {@link Framing}.
   *
   * @param capability the capability needed, or null
   * @param framing the framing needed, or null
   */
  public record Requirement(Capability capability, Framing framing) {
    /** No requirement. */
    public static final Requirement NONE = new Requirement(null, null);

    /** Checks and normalises the components (see the class comment). */
    public Requirement {
      if (capability != null && framing != null) {
        throw new IllegalArgumentException("a rule needs a capability or a framing, not both");
      }
    }

    /** Parses {@code -}, a capability name ({@code TOOLS}) or a framing name ({@code SSE}). */
    public static Requirement parse(String text) {
      String t = text.strip();
      if (t.equals("-") || t.isEmpty()) {
        return NONE;
      }
      for (Framing f : Framing.values()) {
        if (f.name().equals(t)) {
          return new Requirement(null, f);
        }
      }
      return new Requirement(Capability.valueOf(t), null);
    }

    /** The capability, if one is needed. */
    public Optional<Capability> neededCapability() {
      return Optional.ofNullable(capability);
    }

    /** The framing, if one is needed. */
    public Optional<Framing> neededFraming() {
      return Optional.ofNullable(framing);
    }

    @Override
    public String toString() {
      return capability != null ? capability.name() : framing != null ? framing.name() : "-";
    }
  }
}
