package dev.rill.cli;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How {@code rill} reports a usage error: one line naming the command and what was wrong (with a "did you mean"
 * for a mistyped command, option or provider), then {@code see 'rill COMMAND --help'}, exit 2; not the whole help.
 * An unexpected failure is one line too (its stack trace only with {@code RILL_DEBUG=1}), exit 1.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

  /** Installs both handlers on {@code cli} (its subcommands inherit them). */
  static CommandLine install(CommandLine cli) {
    UsageErrors handler = new UsageErrors();
    cli.setParameterExceptionHandler(handler);
    cli.setExecutionExceptionHandler(handler);
    return cli;
  }

  /**
   * A usage error for a provider id that is not discovered, with the closest ids as a hint.
   *
   * @param cli the command line of the command that got the id
   * @param given the id as typed
   * @param known the ids of the discovered providers
   * @return the exception to throw
   */
  static ParameterException unknownProvider(CommandLine cli, String given, Collection<String> known) {
    String hint = Suggestions.hint(given, known);
    return new ParameterException(cli, "unknown provider '" + given + "'" + (hint.isEmpty()
        ? "; 'rill providers' lists the " + known.size() + " known ones" : hint));
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(name(cmd) + ": " + message(ex, cmd));
    err.println("see '" + name(cmd) + " --help'");
    if (Problems.debug()) {
      ex.printStackTrace(err);
    }
    err.flush();
    return RillCommand.USAGE_ERROR;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    err.println(name(cmd) + ": " + Problems.describe(ex)
        + (Problems.debug() ? "" : " (RILL_DEBUG=1 prints the details)"));
    if (Problems.debug()) {
      ex.printStackTrace(err);
    }
    err.flush();
    return RillCommand.STREAM_ERROR;
  }

  /** {@code rill} or {@code rill demo}. */
  private static String name(CommandLine cmd) {
    return cmd.getCommandSpec().qualifiedName();
  }

  /** The error on one line, with picocli's suggestions reworded as a "did you mean". */
  private static String message(ParameterException ex, CommandLine cmd) {
    if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String first = u.getUnmatched().get(0);
      boolean command = !first.startsWith("-") && !cmd.getSubcommands().isEmpty();
      if (command) {
        Collection<String> names = cmd.getSubcommands().keySet();
        return "unknown command '" + first + "'" + or(Suggestions.hint(first, names),
            "; the commands are " + String.join(", ", names));
      }
      List<String> suggestions = u.getSuggestions();
      String option = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
      return (first.startsWith("-") ? "unknown option '" + option + "'" : "unexpected argument '" + first + "'")
          + (suggestions.isEmpty() ? "" : "; did you mean '" + suggestions.get(0) + "'?");
    }
    String text = ex.getMessage() == null ? "invalid arguments" : ex.getMessage().strip();
    text = text.replaceAll("\\s*\\R\\s*", "; ");
    if (text.isEmpty()) {
      return "invalid arguments";
    }
    boolean capitalisedWord = text.length() > 1 && Character.isUpperCase(text.charAt(0))
        && Character.isLowerCase(text.charAt(1));
    return capitalisedWord ? Character.toLowerCase(text.charAt(0)) + text.substring(1) : text;
  }

  private static String or(String value, String otherwise) {
    return value.isEmpty() ? otherwise : value;
  }
}
