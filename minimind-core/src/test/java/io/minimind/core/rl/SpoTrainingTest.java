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

/** SPO raises a synthetic reward, and its value tracker travels through checkpoints. */
class SpoTrainingTest {
  static final SpoSettings SETTINGS = new SpoSettings(0.02, 8, 0.8, 0, 1);

  @Test
  void spoRaisesTheReward(@TempDir Path tmp) throws Exception {
    int steps = 10;
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = RlFixtures.model(m, 1);
      RlFixtures.Recorder rec = new RlFixtures.Recorder();
      RlJob job = RlFixtures.job(model, RlFixtures.prompts(16, 5), RlFixtures.train(16, 6e-3, steps, 0, 0), tmp, rec);
      long t0 = System.nanoTime();
      SpoTrainer.run(job, SETTINGS, m, false);
      double start = rec.mean("reward_mean", 0, 2);
      double end = rec.mean("reward_mean", steps - 2, steps);
      System.out.printf("spo: target-token fraction %.3f → %.3f in %d steps (%.1f s); last step %s%n",
          start, end, steps, (System.nanoTime() - t0) / 1e9, rec.steps.get(steps - 1).metrics());
      assertTrue(end > start + 0.3, "SPO reward " + start + " → " + end);
    }
  }

  @Test
  void resumedRunRestoresTheTrackerAndEndsWithTheSameWeights(@TempDir Path tmp) throws Exception {
    int n = 4;
    float[] straight;
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = RlFixtures.model(m, 2);
      SpoTrainer.run(RlFixtures.job(model, RlFixtures.prompts(6, 5), RlFixtures.train(3, 3e-3, n, 0, 0),
          tmp.resolve("a"), ProgressListener.NONE), SETTINGS, m, false);
      straight = GrpoTrainingTest.weights(model);
    }
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = RlFixtures.model(m, 2);
      assertFalse(SpoTrainer.run(RlFixtures.job(model, RlFixtures.prompts(6, 5), RlFixtures.train(3, 3e-3, n, 2, 0),
          tmp.resolve("b"), ProgressListener.NONE), SETTINGS, m, false).completed());
    }
    Path tracker = tmp.resolve("b/step-000002").resolve(SpoTrainer.TRACKER_FILE);
    assertTrue(Files.isRegularFile(tracker), "tracker state in the checkpoint");
    System.out.println("tracker after 2 steps: " + Files.readString(tracker).replaceAll("\\s+", " "));
    float[] resumed;
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = RlFixtures.model(m, 2);
      assertTrue(SpoTrainer.run(RlFixtures.job(model, RlFixtures.prompts(6, 5), RlFixtures.train(3, 3e-3, n, 0, 0),
          tmp.resolve("b"), ProgressListener.NONE), SETTINGS, m, true).completed());
      resumed = GrpoTrainingTest.weights(model);
    }
    assertArrayEquals(straight, resumed, 0f);
  }
}
