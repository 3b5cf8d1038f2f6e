package io.minimind.core.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.train.ProgressListener;
import io.minimind.core.train.TrainResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GRPO and CISPO raise a synthetic reward on a tiny model, and GRPO resumes exactly. */
class GrpoTrainingTest {
  static final int STEPS = 12;

  static GrpoSettings settings(String lossType) {
    return new GrpoSettings(lossType, 4, 0.02, 0.2, 5.0, 8, 0.8);
  }

  static void raisesTheTargetFraction(String lossType, Path tmp) throws Exception {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = RlFixtures.model(m, 1);
      RlFixtures.Recorder rec = new RlFixtures.Recorder();
      RlJob job = RlFixtures.job(model, RlFixtures.prompts(16, 5), RlFixtures.train(4, 6e-3, STEPS, 0, 0), tmp, rec);
      long t0 = System.nanoTime();
      GrpoTrainer.run(job, settings(lossType), m, false);
      double start = rec.mean("reward_mean", 0, 2);
      double end = rec.mean("reward_mean", STEPS - 2, STEPS);
      System.out.printf("%s: target-token fraction %.3f → %.3f in %d steps (%.1f s); last step %s%n", lossType,
          start, end, STEPS, (System.nanoTime() - t0) / 1e9, rec.steps.get(STEPS - 1).metrics());
      assertTrue(end > start + 0.3, lossType + " reward " + start + " → " + end);
    }
  }

  @Test
  void grpoRaisesTheReward(@TempDir Path tmp) throws Exception {
    raisesTheTargetFraction("grpo", tmp);
  }

  @Test
  void cispoRaisesTheReward(@TempDir Path tmp) throws Exception {
    raisesTheTargetFraction("cispo", tmp);
  }

  static float[] weights(MiniMindModel model) {
    return model.parameters().values().stream().map(p -> p.getArray().toFloatArray())
        .reduce((a, b) -> {
          float[] c = java.util.Arrays.copyOf(a, a.length + b.length);
          System.arraycopy(b, 0, c, a.length, b.length);
          return c;
        }).orElseThrow();
  }

  @Test
  void resumedRunEndsWithTheSameWeights(@TempDir Path tmp) throws Exception {
    int n = 6;
    int k = 3;
    float[] straight;
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = RlFixtures.model(m, 2);
      RlJob job = RlFixtures.job(model, RlFixtures.prompts(8, 5), RlFixtures.train(2, 3e-3, n, 0, 0),
          tmp.resolve("a"), ProgressListener.NONE);
      GrpoTrainer.run(job, settings("grpo"), m, false);
      straight = weights(model);
    }
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = RlFixtures.model(m, 2);
      RlJob job = RlFixtures.job(model, RlFixtures.prompts(8, 5), RlFixtures.train(2, 3e-3, n, k, 0),
          tmp.resolve("b"), ProgressListener.NONE);
      TrainResult first = GrpoTrainer.run(job, settings("grpo"), m, false);
      assertFalse(first.completed());
    }
    float[] resumed;
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = RlFixtures.model(m, 2); // the initFrom weights: the reference comes from them
      RlJob job = RlFixtures.job(model, RlFixtures.prompts(8, 5), RlFixtures.train(2, 3e-3, n, 0, 0),
          tmp.resolve("b"), ProgressListener.NONE);
      TrainResult second = GrpoTrainer.run(job, settings("grpo"), m, true);
      assertTrue(second.completed());
      resumed = weights(model);
      // a different β is refused
      var e = assertThrows(IllegalArgumentException.class, () -> GrpoTrainer.run(job,
          new GrpoSettings("grpo", 4, 0.05, 0.2, 5.0, 8, 0.8), m, true));
      System.out.println(e.getMessage());
      assertTrue(e.getMessage().contains("beta=0.02"), e.getMessage());
    }
    float maxDiff = 0;
    for (int i = 0; i < straight.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(straight[i] - resumed[i]));
    }
    System.out.printf("resume after %d of %d steps: max weight difference %.3g over %d weights%n", k, n, maxDiff,
        straight.length);
    assertArrayEquals(straight, resumed, 0f);
  }

  @Test
  void theJavaRolloutEngineTrainsLikeTheDjlOne(@TempDir Path tmp) throws Exception {
    float[][] weights = new float[2][];
    String[] engines = {"djl", "java"};
    for (int e = 0; e < 2; e++) {
      try (NDManager m = NDManager.newBaseManager("PyTorch")) {
        MiniMindModel model = RlFixtures.model(m, 2);
        RlJob base = RlFixtures.job(model, RlFixtures.prompts(8, 5), RlFixtures.train(2, 3e-3, 3, 0, 0),
            tmp.resolve(engines[e]), ProgressListener.NONE);
        RlJob job = new RlJob(base.policy(), base.prompts(), base.reward(), base.cfg(), base.identity(),
            base.checkpoints(), base.listener(), base.padId(), base.endId(), base.decoder(), engines[e]);
        GrpoTrainer.run(job, settings("grpo"), m, false);
        weights[e] = weights(model);
      }
    }
    float maxDiff = 0;
    for (int i = 0; i < weights[0].length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(weights[0][i] - weights[1][i]));
    }
    System.out.printf("3 GRPO steps, DJL vs Java rollouts: max weight difference %.3g%n", maxDiff);
    // Same samples, old log-probs equal to ~1e-6: AdamW's normalised steps turn that into differences
    // far below one step's size (lr 3e-3); a single differently sampled token would move weights by ~lr.
    assertTrue(maxDiff < 3e-4, "weights differ by " + maxDiff);
  }

  @Test
  void stepsLeaveNoNativeArraysBehind(@TempDir Path tmp) throws Exception {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = RlFixtures.model(m, 2);
      int before = m.getManagedArrays().size();
      GrpoTrainer.run(RlFixtures.job(model, RlFixtures.prompts(8, 5), RlFixtures.train(2, 1e-3, 2, 0, 0),
          tmp.resolve("a"), ProgressListener.NONE), settings("cispo"), m, false);
      SpoTrainer.run(RlFixtures.job(model, RlFixtures.prompts(8, 5), RlFixtures.train(2, 1e-3, 2, 0, 0),
          tmp.resolve("b"), ProgressListener.NONE), new SpoSettings(0.02, 8, 0.8, 0, 1), m, false);
      PpoTrainer.run(RlFixtures.job(model, RlFixtures.prompts(8, 5), RlFixtures.train(2, 1e-3, 2, 0, 0),
          tmp.resolve("c"), ProgressListener.NONE), PpoTrainingTest.settings(1e-3), m, false);
      int after = m.getManagedArrays().size();
      System.out.println("native arrays before " + before + ", after GRPO, SPO and PPO runs " + after);
      org.junit.jupiter.api.Assertions.assertEquals(before, after, "arrays left behind");
    }
  }
}
