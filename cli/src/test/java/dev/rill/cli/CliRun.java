package dev.rill.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code rill} in-process through picocli's {@link CommandLine#execute}, capturing its output. */
record CliRun(int exit, String out, String err) {

  static CliRun run(String... args) {
    return run(Map.of(), args);
  }

  /** Runs with {@code environment} as what {@code stream --api-key-env} reads. */
  static CliRun run(Map<String, String> environment, String... args) {
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        if (cls == StreamCommand.class) {
          return cls.cast(new StreamCommand(environment::get));
        }
        return CommandLine.defaultFactory().create(cls);
      }
    };
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = RillCommand.newCommandLine(factory);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }

  /** Everything printed, for "never printed" assertions. */
  String all() {
    return out + err;
  }

  @Override
  public String toString() {
    return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
  }
}
