package io.minimind.cli;

import io.minimind.core.rl.SpoSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code minimind train spo}. */
@Command(name = "spo", mixinStandardHelpOptions = true,
    description = "SPO: one completion per prompt, a persistent per-prompt value tracker as baseline.")
final class TrainSpoCommand implements Callable<Integer> {
  @Mixin RlOptions rl;
  @Mixin EngineOptions engine;

  @Option(names = "--beta", defaultValue = "0.02", description = "KL penalty coefficient; default ${DEFAULT-VALUE}")
  double beta;

  @Option(names = "--reward-min", defaultValue = "-3", description = "low end of the reward range the tracker normalises; default ${DEFAULT-VALUE}")
  double rewardMin;

  @Option(names = "--reward-max", defaultValue = "3", description = "high end of that range; default ${DEFAULT-VALUE}")
  double rewardMax;

  @Override
  public Integer call() throws Exception {
    // MiniMind's train_spo.py learning rate
    return TrainRl.run(new SpoSettings(beta, rl.maxNewTokens, rl.temperature, rewardMin, rewardMax), rl, engine, 1e-7);
  }
}
