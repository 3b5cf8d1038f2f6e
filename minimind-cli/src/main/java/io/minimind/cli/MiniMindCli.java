package io.minimind.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./minimind}. Sub-commands live in their own classes. */
@Command(
    name = "minimind",
    mixinStandardHelpOptions = true,
    version = "minimind 0.1.0",
    description = "Train small language models from scratch and chat with them.")
public final class MiniMindCli implements Runnable {
  public static void main(String[] args) {
    System.exit(new CommandLine(new MiniMindCli()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
