package io.minimind.cli;

import io.minimind.core.rl.RlRun;
import io.minimind.core.rl.RlSettings;

/** Runs an RL command and reports where the model went. */
final class TrainRl {
  private TrainRl() {}

  static int run(RlSettings settings, RlOptions options, EngineOptions engine, double defaultLearningRate)
      throws Exception {
    engine.apply();
    RlRun.Spec spec = options.spec(settings, defaultLearningRate);
    RlRun.Outcome o = RlRun.run(spec, new RlProgress(System.out, settings.mode()));
    System.out.printf("%s: from %s, %d prompts, %s%n", settings.mode(), spec.initFrom(), o.prompts(), settings);
    if (o.modelDir() != null) {
      System.out.println(settings.mode() + ": model written to " + o.modelDir());
    } else {
      System.out.println(settings.mode() + ": stopped early; continue with the same options plus --resume");
    }
    return 0;
  }
}
