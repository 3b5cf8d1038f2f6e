package io.minimind.core.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.train.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PPO raises a synthetic reward; critic, its optimizer and the old actor travel through checkpoints. */
class PpoTrainingTest {
  static PpoSettings settings(double lr) {
    return new PpoSettings(0.1, 0.5, 0.02, 1.0, 0.95, 4, 0.2, lr * 5 / 3, 8, 0.8);
  }

  @Test
  void ppoRaisesTheReward(@TempDir Path tmp) throws Exception {
    int steps = 24;
    double lr = 4e-3;
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = RlFixtures.model(m, 1);
      RlFixtures.Recorder rec = new RlFixtures.Recorder();
      RlJob job = RlFixtures.job(model, RlFixtures.prompts(16, 5), RlFixtures.train(16, lr, steps, 0, 0), tmp, rec);
      long t0 = System.nanoTime();
      PpoTrainer.run(job, new PpoSettings(0.1, 0.5, 0.02, 1.0, 0.95, 4, 0.2, 1e-2, 8, 0.8), m, false);
      double start = rec.mean("reward_mean", 0, 2);
      double end = rec.mean("reward_mean", steps - 2, steps);
      System.out.printf("ppo: target-token fraction %.3f → %.3f in %d steps (%.1f s); value loss %.4f → %.4f;"
          + " last step %s%n", start, end, steps, (System.nanoTime() - t0) / 1e9,
          rec.steps.get(0).metrics().get("value_loss"), rec.steps.get(steps - 1).metrics().get("value_loss"),
          rec.steps.get(steps - 1).metrics());
      assertTrue(end > start + 0.3, "PPO reward " + start + " → " + end);
    }
  }

  @Test
  void resumedRunEndsWithTheSameWeights(@TempDir Path tmp) throws Exception {
    int n = 6; // the old actor is refreshed after step 4, the run is cut after step 5
    float[] straight;
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = RlFixtures.model(m, 2);
      PpoTrainer.run(RlFixtures.job(model, RlFixtures.prompts(6, 5), RlFixtures.train(3, 3e-3, n, 0, 0),
          tmp.resolve("a"), ProgressListener.NONE), settings(3e-3), m, false);
      straight = GrpoTrainingTest.weights(model);
    }
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = RlFixtures.model(m, 2);
      assertFalse(PpoTrainer.run(RlFixtures.job(model, RlFixtures.prompts(6, 5), RlFixtures.train(3, 3e-3, n, 5, 0),
          tmp.resolve("b"), ProgressListener.NONE), settings(3e-3), m, false).completed());
    }
    Path ckpt = tmp.resolve("b/step-000005");
    for (String f : new String[] {PpoTrainer.CRITIC_FILE, PpoTrainer.CRITIC_OPTIMIZER_FILE, PpoTrainer.OLD_ACTOR_FILE}) {
      assertTrue(Files.isRegularFile(ckpt.resolve(f)), f + " in the checkpoint");
    }
    float[] resumed;
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = RlFixtures.model(m, 2);
      assertTrue(PpoTrainer.run(RlFixtures.job(model, RlFixtures.prompts(6, 5), RlFixtures.train(3, 3e-3, n, 0, 0),
          tmp.resolve("b"), ProgressListener.NONE), settings(3e-3), m, true).completed());
      resumed = GrpoTrainingTest.weights(model);
    }
    assertArrayEquals(straight, resumed, 0f);
  }
}
