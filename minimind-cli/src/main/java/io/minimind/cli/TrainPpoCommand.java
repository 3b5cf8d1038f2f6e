package io.minimind.cli;

import io.minimind.core.rl.PpoSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code minimind train ppo}. */
@Command(name = "ppo", mixinStandardHelpOptions = true,
    description = "PPO: actor and critic (value head), GAE, clipped ratio and value losses, KL to the start model.")
final class TrainPpoCommand implements Callable<Integer> {
  @Mixin RlOptions rl;
  @Mixin EngineOptions engine;

  @Option(names = {"--clip-epsilon", "--epsilon"}, defaultValue = "0.1", description = "ratio clip; default ${DEFAULT-VALUE}")
  double clipEpsilon;

  @Option(names = {"--vf-coef", "--value-loss-coef"}, defaultValue = "0.5", description = "critic loss weight; default ${DEFAULT-VALUE}")
  double valueLossCoef;

  @Option(names = "--kl-coef", defaultValue = "0.02", description = "KL penalty coefficient; default ${DEFAULT-VALUE}")
  double klCoef;

  @Option(names = "--gamma", defaultValue = "1.0") double gamma;
  @Option(names = {"--lambda", "--lam"}, defaultValue = "0.95") double lambda;

  @Option(names = "--old-actor-refresh", defaultValue = "4", description = "steps between old-actor refreshes; default ${DEFAULT-VALUE}")
  int oldActorRefresh;

  @Option(names = "--cliprange-value", defaultValue = "0.2", description = "value clip range; default ${DEFAULT-VALUE}")
  double valueClip;

  @Option(names = "--critic-learning-rate", description = "default 5/3 of the actor's (MiniMind 5e-7 vs 3e-7)")
  Double criticLearningRate;

  @Override
  public Integer call() throws Exception {
    double actorLr = rl.learningRate(3e-7); // MiniMind's train_ppo.py
    double criticLr = criticLearningRate != null ? criticLearningRate : actorLr * 5 / 3;
    PpoSettings s = new PpoSettings(clipEpsilon, valueLossCoef, klCoef, gamma, lambda, oldActorRefresh, valueClip,
        criticLr, rl.maxNewTokens, rl.temperature);
    return TrainRl.run(s, rl, engine, 3e-7);
  }
}
