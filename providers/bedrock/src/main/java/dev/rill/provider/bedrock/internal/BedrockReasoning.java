package dev.rill.provider.bedrock.internal;

import dev.rill.api.ReasoningOptions;
import java.util.Locale;

/**
 * A request's {@link ReasoningOptions} in the field of the Bedrock model family it goes to, under Converse's
 * {@code additionalModelRequestFields} (Converse itself has no reasoning field; each model family takes its own):
 * <ul>
 *   <li>Anthropic Claude ({@code *anthropic.claude*}): extended thinking in Anthropic's form,
 *       {@code {"thinking":{"type":"enabled","budget_tokens":n}}}, from the budget or the effort ({@code low} 1024,
 *       {@code medium} 4096, {@code high} 16384); a budget of 0 is {@code {"type":"disabled"}}
 *       (AWS: claude-messages-extended-thinking.html);
 *   <li>Amazon Nova 2 ({@code *amazon.nova-2*}): {@code {"reasoningConfig":{"type":"enabled",
 *       "maxReasoningEffort":"low|medium|high"}}} from the effort (Nova 2 takes an effort level, not a budget;
 *       reasoning is off by default, so a budget of 0 sends nothing) (AWS: nova2-userguide, extended thinking);
 *   <li>any other model: none known. Its documented field goes through the option {@code additionalModelRequestFields}.
 * </ul>
 * Stateless.
 */
public final class BedrockReasoning {

  static final int LOW_BUDGET = 1024;
  static final int MEDIUM_BUDGET = 4096;
  static final int HIGH_BUDGET = 16384;

  /** The model families whose reasoning field Rill writes. */
  public enum Family {
    /** Anthropic's {@code thinking} with a token budget. */
    CLAUDE,
    /** Amazon Nova 2's {@code reasoningConfig} with an effort level. */
    NOVA_2,
    /** No documented field that Rill knows of. */
    UNKNOWN
  }

  /**
   * What to write: {@code thinkingBudget} for Claude (0: disabled), {@code effort} for Nova 2; {@code none} when the
   * options ask for nothing the family encodes (Nova 2 with a budget of 0).
   */
  public record Fields(Family family, Integer thinkingBudget, String effort) {
    /** Whether anything is written. */
    public boolean none() {
      return thinkingBudget == null && effort == null;
    }
  }

  /** Why the options cannot be sent to {@code model}, as an {@code INVALID_REQUEST} message. */
  public static final class Unsupported extends RuntimeException {
    Unsupported(String message) {
      super(message, null, false, false);
    }
  }

  private BedrockReasoning() {}

  /** The family of a bare Bedrock model id (a foundation model, an inference profile, or an ARN naming one). */
  public static Family familyOf(String model) {
    String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
    if (m.contains("anthropic.claude")) {
      return Family.CLAUDE;
    }
    if (m.contains("amazon.nova-2")) {
      return Family.NOVA_2;
    }
    return Family.UNKNOWN;
  }

  /**
   * The fields for {@code reasoning} sent to {@code model}.
   *
   * @throws Unsupported for an unknown effort, a budget that Nova 2 cannot take, or a model whose field is unknown
   */
  public static Fields of(String model, ReasoningOptions reasoning) {
    Family family = familyOf(model);
    if (reasoning.effort() == null && reasoning.budgetTokens() == null) {
      return new Fields(family, null, null);
    }
    String effort = reasoning.effort() == null ? null : reasoning.effort().strip().toLowerCase(Locale.ROOT);
    if (effort != null && !effort.equals("low") && !effort.equals("medium") && !effort.equals("high")) {
      throw new Unsupported("unknown reasoning effort '" + reasoning.effort()
          + "': Bedrock takes low, medium or high (or, for Claude, ReasoningOptions.budget(tokens))");
    }
    return switch (family) {
      case CLAUDE -> new Fields(family, reasoning.budgetTokens() != null ? reasoning.budgetTokens()
          : effort == null ? null : switch (effort) {
            case "low" -> LOW_BUDGET;
            case "medium" -> MEDIUM_BUDGET;
            default -> HIGH_BUDGET;
          }, null);
      case NOVA_2 -> {
        if (effort != null) {
          yield new Fields(family, null, effort);
        }
        if (reasoning.budgetTokens() != null && reasoning.budgetTokens() > 0) {
          throw new Unsupported("Amazon Nova 2 takes a reasoning effort (ReasoningOptions.effort(\"low\"|\"medium\"|"
              + "\"high\")), not a token budget");
        }
        yield new Fields(family, null, null); // off, Nova 2's default
      }
      case UNKNOWN -> throw new Unsupported("Rill writes reasoning options on Bedrock for Anthropic Claude (thinking) "
          + "and Amazon Nova 2 (reasoningConfig); for model '" + model + "' send the model's own field through the "
          + "option additionalModelRequestFields");
    };
  }
}
