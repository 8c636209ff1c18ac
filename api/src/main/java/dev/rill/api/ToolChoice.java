package dev.rill.api;

import java.util.Objects;

/**
 * Whether and which tool the model must call.
 *
 * @param mode the mode
 * @param toolName the tool to call when {@code mode} is {@link Mode#NAMED}, else null
 * @since 0.1
 */
public record ToolChoice(Mode mode, String toolName) {

  /** Let the model decide. */
  public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
  /** Call no tool. */
  public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
  /** Call at least one tool. */
  public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

  /** The modes. */
  public enum Mode {
    /** The model decides. */
    AUTO,
    /** The model calls no tool. */
    NONE,
    /** The model calls at least one tool. */
    REQUIRED,
    /** The model calls the named tool. */
    NAMED
  }

  /** Checks and normalises the components (see the class comment). */
  public ToolChoice {
    Objects.requireNonNull(mode, "mode");
    if ((mode == Mode.NAMED) != (toolName != null)) {
      throw new IllegalArgumentException("a tool name is given exactly when the mode is NAMED");
    }
  }

  /** Call the named tool. */
  public static ToolChoice named(String toolName) {
    return new ToolChoice(Mode.NAMED, toolName);
  }
}
