package io.minimind.core.rl;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.minimind.core.checkpoint.OptimizerState;
import io.minimind.core.io.SafeDType;
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
 * Runs (or resumes) PPO on the shared {@link TrainingLoop}. The reference and the old actor start
 * as copies of the policy; the critic is the policy's body with a fresh value head. Checkpoints
 * hold the actor and its optimizer (a loadable model directory), plus {@value #CRITIC_FILE},
 * {@value #CRITIC_OPTIMIZER_FILE} and {@value #OLD_ACTOR_FILE}.
 */
public final class PpoTrainer {
  public static final String CRITIC_FILE = "critic.safetensors";
  public static final String CRITIC_OPTIMIZER_FILE = "critic_optimizer.safetensors";
  public static final String OLD_ACTOR_FILE = "old_actor.safetensors";

  private PpoTrainer() {}

  public static TrainResult run(RlJob job, PpoSettings settings, NDManager manager, boolean resume)
      throws IOException {
    GradMode.offOnThisThread();
    MiniMindModel actor = job.policy();
    MiniMindModel reference = NamedParameters.copyOf(actor, manager);
    MiniMindModel oldActor = NamedParameters.copyOf(actor, manager);
    PromptBatches batches = new PromptBatches(job.prompts(), job.cfg());
    RolloutGenerator generator = job.rollouts(manager, settings.maxNewTokens(), settings.temperature());
    try (CriticModel critic = new CriticModel(NamedParameters.copyOf(actor, manager), manager);
        AdamW actorOptimizer = new AdamW(manager, 0.9, 0.999, 1e-8, job.cfg().weightDecay());
        AdamW criticOptimizer = new AdamW(manager, 0.9, 0.999, 1e-8, job.cfg().weightDecay())) {
      SafeDType dtype = actor.dataType() == DataType.FLOAT64 ? SafeDType.F64 : SafeDType.F32;
      CheckpointContents extra = new CheckpointContents() {
        @Override
        public void write(Path dir) throws IOException {
          NamedParameters.save(critic.parameters(), dir.resolve(CRITIC_FILE), dtype);
          OptimizerState.write(dir.resolve(CRITIC_OPTIMIZER_FILE), criticOptimizer, dtype);
          NamedParameters.save(oldActor.parameters(), dir.resolve(OLD_ACTOR_FILE), dtype);
        }

        @Override
        public void read(Path dir) throws IOException {
          NamedParameters.load(critic.parameters(), dir.resolve(CRITIC_FILE));
          OptimizerState.read(dir.resolve(CRITIC_OPTIMIZER_FILE), criticOptimizer, critic.parameters().keySet(),
              actor.dataType(), manager);
          NamedParameters.load(oldActor.parameters(), dir.resolve(OLD_ACTOR_FILE));
        }
      };
      CheckpointContents contents = new CompositeCheckpoint(
          TrainableWeights.fullModel(actor).checkpoint(actorOptimizer, manager), extra);
      TrainingLoop loop = new TrainingLoop(job.cfg(), job.identityWith(settings.identity()), job.checkpoints(),
          contents, job.listener());
      PpoStep step = new PpoStep(new PpoStep.Models(actor, oldActor, reference, critic), batches, generator,
          job.reward(), settings, job.cfg(), actorOptimizer, criticOptimizer, manager, job.padId());
      return loop.run(step, batches.totalSteps(), resume);
    } finally {
      reference.close();
      oldActor.close();
    }
  }
}
