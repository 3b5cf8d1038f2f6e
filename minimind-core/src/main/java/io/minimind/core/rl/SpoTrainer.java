package io.minimind.core.rl;

import ai.djl.ndarray.NDManager;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.train.AdamW;
import io.minimind.core.train.CheckpointContents;
import io.minimind.core.train.GradMode;
import io.minimind.core.train.TrainResult;
import io.minimind.core.train.TrainableWeights;
import io.minimind.core.train.TrainingLoop;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs (or resumes) SPO on the shared {@link TrainingLoop}. Checkpoints hold the model, its
 * optimizer and the value tracker ({@value #TRACKER_FILE}).
 */
public final class SpoTrainer {
  /** The value tracker's file in a checkpoint directory. */
  public static final String TRACKER_FILE = "spo_tracker.json";

  private SpoTrainer() {}

  public static TrainResult run(RlJob job, SpoSettings settings, NDManager manager, boolean resume)
      throws IOException {
    GradMode.offOnThisThread();
    MiniMindModel reference = NamedParameters.copyOf(job.policy(), manager);
    PromptBatches batches = new PromptBatches(job.prompts(), job.cfg());
    RolloutGenerator generator = job.rollouts(manager, settings.maxNewTokens(), settings.temperature());
    SpoValueTracker tracker = new SpoValueTracker(settings.rewardMin(), settings.rewardMax());
    try (AdamW optimizer = new AdamW(manager, 0.9, 0.999, 1e-8, job.cfg().weightDecay())) {
      CheckpointContents trackerFile = new CheckpointContents() {
        @Override
        public void write(Path dir) throws IOException {
          tracker.write(dir.resolve(TRACKER_FILE));
        }

        @Override
        public void read(Path dir) throws IOException {
          tracker.read(dir.resolve(TRACKER_FILE));
        }
      };
      CheckpointContents contents = new CompositeCheckpoint(
          TrainableWeights.fullModel(job.policy()).checkpoint(optimizer, manager), trackerFile);
      TrainingLoop loop = new TrainingLoop(job.cfg(), job.identityWith(settings.identity()), job.checkpoints(),
          contents, job.listener());
      SpoStep step = new SpoStep(job.policy(), reference, batches, generator, job.reward(), tracker, settings,
          job.cfg(), optimizer, manager, job.padId());
      return loop.run(step, batches.totalSteps(), resume);
    } finally {
      reference.close();
    }
  }
}
