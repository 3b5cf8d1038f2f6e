package io.minimind.core.rl;

import ai.djl.ndarray.NDManager;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.train.AdamW;
import io.minimind.core.train.GradMode;
import io.minimind.core.train.TrainResult;
import io.minimind.core.train.TrainableWeights;
import io.minimind.core.train.TrainingLoop;
import java.io.IOException;

/** Runs (or resumes) GRPO or CISPO on the shared {@link TrainingLoop}. */
public final class GrpoTrainer {
  private GrpoTrainer() {}

  /**
   * @param manager owns the reference copy and the optimizer state
   * @param resume continue from the newest checkpoint when there is one
   */
  public static TrainResult run(RlJob job, GrpoSettings settings, NDManager manager, boolean resume)
      throws IOException {
    GradMode.offOnThisThread();
    MiniMindModel reference = NamedParameters.copyOf(job.policy(), manager); // frozen: never optimised
    PromptBatches batches = new PromptBatches(job.prompts(), job.cfg());
    RolloutGenerator generator = job.rollouts(manager, settings.maxNewTokens(), settings.temperature());
    try (AdamW optimizer = new AdamW(manager, 0.9, 0.999, 1e-8, job.cfg().weightDecay())) {
      TrainingLoop loop = new TrainingLoop(job.cfg(), job.identityWith(settings.identity()), job.checkpoints(),
          TrainableWeights.fullModel(job.policy()).checkpoint(optimizer, manager), job.listener());
      GrpoStep step = new GrpoStep(job.policy(), reference, batches, generator, job.reward(), settings,
          job.cfg(), optimizer, manager, job.padId());
      return loop.run(step, batches.totalSteps(), resume);
    } finally {
      reference.close();
    }
  }
}
