package io.minimind.cli;

import io.minimind.core.rl.GrpoSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code minimind train grpo} and {@code minimind train cispo} (MiniMind train_grpo.py's two loss types). */
final class TrainGrpoCommand {
  private TrainGrpoCommand() {}

  /** Options of both loss types. */
  static final class GrpoOptions {
    @Option(names = {"--group-size", "--num-generations"}, defaultValue = "4", description = "completions per prompt; default ${DEFAULT-VALUE}")
    int groupSize;

    @Option(names = "--beta", defaultValue = "0.02", description = "KL penalty coefficient; default ${DEFAULT-VALUE}")
    double beta;

    @Option(names = {"--epsilon", "--clip-epsilon"}, defaultValue = "0.2", description = "GRPO ratio clip; default ${DEFAULT-VALUE}")
    double epsilon;

    @Option(names = "--epsilon-high", defaultValue = "5.0", description = "CISPO weight cap; default ${DEFAULT-VALUE}")
    double epsilonHigh;

    GrpoSettings settings(String lossType, RlOptions rl) {
      return new GrpoSettings(lossType, groupSize, beta, epsilon, epsilonHigh, rl.maxNewTokens, rl.temperature);
    }
  }

  /** MiniMind's GRPO learning rate. */
  static final double LEARNING_RATE = 3e-7;

  @Command(name = "grpo", mixinStandardHelpOptions = true,
      description = "GRPO: G completions per prompt, group-normalised advantages, clipped ratio, KL to the start model.")
  static final class Grpo implements Callable<Integer> {
    @Mixin RlOptions rl;
    @Mixin GrpoOptions grpo;
    @Mixin EngineOptions engine;

    @Override
    public Integer call() throws Exception {
      return TrainRl.run(grpo.settings("grpo", rl), rl, engine, LEARNING_RATE);
    }
  }

  @Command(name = "cispo", mixinStandardHelpOptions = true,
      description = "CISPO (MiniMind's default GRPO loss): the importance weight capped at --epsilon-high and detached.")
  static final class Cispo implements Callable<Integer> {
    @Mixin RlOptions rl;
    @Mixin GrpoOptions grpo;
    @Mixin EngineOptions engine;

    @Override
    public Integer call() throws Exception {
      return TrainRl.run(grpo.settings("cispo", rl), rl, engine, LEARNING_RATE);
    }
  }
}
