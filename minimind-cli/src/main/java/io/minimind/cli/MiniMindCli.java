package io.minimind.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./minimind}. Each sub-command lives in its own class. */
@Command(
    name = "minimind",
    mixinStandardHelpOptions = true,
    version = "minimind 0.1.0",
    description = "Train small language models from scratch the MiniMind way, and chat with them.",
    subcommands = {
      QuickstartCommand.class,
      TrainCommand.class,
      TokenizeCommand.class,
      ChatCommand.class,
      BenchCommand.class,
      TokenizerCommand.class,
      ExportCommand.class
    })
public final class MiniMindCli implements Runnable {
  public static void main(String[] args) {
    // Quiet third-party INFO chatter (DJL engine banners); our own progress goes to stdout.
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "info");
    setIfAbsent("org.slf4j.simpleLogger.log.ai.djl", "error");
    setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
    setIfAbsent("org.slf4j.simpleLogger.showLogName", "false");
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (tests call this instead of main). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new MiniMindCli());
    cli.setExecutionExceptionHandler(new ErrorHandler());
    return cli.execute(args);
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
