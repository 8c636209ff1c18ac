package dev.rill.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code rill} command: the top level of the command line, holding one subcommand per verb.
 *
 * <p>Exit codes: {@value #OK} on success, {@value #STREAM_ERROR} when a stream or a decode fails (the error's
 * kind and message are printed, never a key), {@value #USAGE_ERROR} for a usage error (bad options, an unknown
 * provider, an unreadable file). Standard output carries results; with {@code --json}, one JSON object per line.
 *
 * <pre>{@code
 * rill demo                                  # replays a golden transcript over loopback HTTP, offline
 * rill providers --json
 * rill stream openai:gpt-4o-mini "Hello!"    # a real call; needs OPENAI_API_KEY
 * rill decode --provider openai body.sse --json
 * }</pre>
 */
@Command(
    name = "rill",
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    description = "Streams chat responses from LLM providers through Rill, one normalised chunk stream.",
    subcommands = {
        DemoCommand.class,
        ProvidersCommand.class,
        StreamCommand.class,
        DecodeCommand.class,
        BenchCommand.class,
        CertifyCommand.class,
        RecordCommand.class,
        CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:the stream or decode failed (the error kind and message are printed)",
        "2:usage error"
    },
    footer = {"", "Run 'rill <command> --help' for a command's options."})
public final class RillCommand implements Runnable {
  /** Exit code: success. */
  public static final int OK = 0;
  /** Exit code: a stream or decode failed. */
  public static final int STREAM_ERROR = 1;
  /** Exit code: a usage error. */
  public static final int USAGE_ERROR = 2;

  @Spec
  private CommandSpec spec;

  /** Picocli's constructor. */
  public RillCommand() {}

  /** Without a subcommand: a usage error that lists them all. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing a command: one of "
        + String.join(", ", spec.subcommands().keySet()));
  }

  /**
   * A command line for {@code rill} whose standard output and error write UTF-8 (JSON and model text are
   * UTF-8 whatever the platform's default encoding), with {@code rill}'s one-line usage errors.
   */
  public static CommandLine newCommandLine() {
    return newCommandLine(CommandLine.defaultFactory());
  }

  /** As {@link #newCommandLine()}, creating the commands through {@code factory} (tests). */
  static CommandLine newCommandLine(CommandLine.IFactory factory) {
    CommandLine cli = UsageErrors.install(new CommandLine(new RillCommand(), factory));
    cli.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    cli.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    return cli;
  }

  /** Runs {@code rill} and exits with its exit code. */
  public static void main(String[] args) {
    CommandLine cli = newCommandLine();
    int code = cli.execute(args);
    cli.getOut().flush();
    cli.getErr().flush();
    System.exit(code);
  }
}
