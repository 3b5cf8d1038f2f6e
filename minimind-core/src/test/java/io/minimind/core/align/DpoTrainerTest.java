package io.minimind.core.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.minimind.core.checkpoint.Checkpoints;
import io.minimind.core.data.TokenDataset;
import io.minimind.core.data.TokenizedSample;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.train.Batch;
import io.minimind.core.train.ProgressListener;
import io.minimind.core.train.RunIdentity;
import io.minimind.core.train.StepMetrics;
import io.minimind.core.train.TrainConfig;
import io.minimind.core.train.TrainResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpoTrainerTest {
  static final RunIdentity ID = new RunIdentity("dpo", "pairs", "tok", 0, Map.of("beta", "0.1"));
  static final double BETA = 0.1;

  static TrainConfig config(int accumulation, long maxSteps, long stopAfter, int saveInterval) {
    return new TrainConfig(100, 4, 2e-3, 64, accumulation, 1.0, 0.01, saveInterval, 1, 11, true,
        maxSteps, stopAfter, 5);
  }

  /** Mean β·((log π(c) − log π_ref(c)) − (log π(r) − log π_ref(r))) over {@code pairs}. */
  static double meanMargin(MiniMindModel policy, MiniMindModel reference, TokenDataset pairs) {
    try (NDManager scope = policy.parameters().values().iterator().next().getArray()
        .getManager().newSubManager()) {
      List<TokenizedSample> rows = new ArrayList<>();
      for (int i = 0; i < pairs.size(); i += 2) {
        rows.add(pairs.get(i));
      }
      for (int i = 1; i < pairs.size(); i += 2) {
        rows.add(pairs.get(i));
      }
      Batch b = Batch.of(rows, 0);
      NDArray pi = SequenceLogProbs.sum(policy.forward(b.inputArray(scope), null, null, 0, false)
          .logits(), b.targetArray(scope), b.weightArray(scope));
      NDArray ref = ReferenceLogProbs.onTheFly(reference).logProbs(null, b, scope);
      DpoLoss.Result r = DpoLoss.compute(pi, ref, BETA);
      double sum = 0;
      for (int i = 0; i < r.chosenRewards().length; i++) {
        sum += r.chosenRewards()[i] - r.rejectedRewards()[i];
      }
      return sum / r.chosenRewards().length;
    }
  }

  @Test
  void dpoRaisesTheMarginOnHeldOutPairs(@TempDir Path tmp) throws Exception {
    TokenDataset train = Pairs.random(32, 1);
    TokenDataset heldOut = Pairs.random(16, 2);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel policy = Pairs.model(m, Pairs.tiny(32, 2), 3);
      MiniMindModel reference = Pairs.model(m, Pairs.tiny(32, 2), 3); // same initial weights
      double before = meanMargin(policy, reference, heldOut);
      List<Map<String, Double>> logged = new ArrayList<>();
      ProgressListener record = new ProgressListener() {
        @Override
        public void onStep(StepMetrics s) {
          logged.add(s.metrics());
        }
      };
      TrainResult r = new DpoTrainer(policy, ReferenceLogProbs.onTheFly(reference), train,
          config(1, 24, 0, 0), BETA, ID, new Checkpoints(tmp), record).run(m, false);
      double after = meanMargin(policy, reference, heldOut);
      System.out.printf("DPO held-out margin: before %.5f, after %.5f; train loss %.4f -> %.4f;"
          + " first step %s; last step %s%n", before, after, r.losses().get(0), r.finalLoss(),
          logged.get(0), logged.get(logged.size() - 1));
      assertEquals(0.0, before, 1e-6); // policy = reference
      assertEquals(Math.log(2), r.losses().get(0), 1e-6); // z = 0 at the first step
      assertTrue(after > 0.2, "held-out margin after training " + after);
      assertTrue(r.finalLoss() < 0.5, "final DPO loss " + r.finalLoss());
      Map<String, Double> last = logged.get(logged.size() - 1);
      assertEquals(last.get("chosen_reward") - last.get("rejected_reward"), last.get("margin"), 1e-9);
      assertTrue(last.get("accuracy") > 0.9, "accuracy " + last.get("accuracy"));
    }
  }

  @Test
  void aResumedRunEndsIdenticalToAnUninterruptedOne(@TempDir Path tmp) throws Exception {
    TokenDataset train = Pairs.random(20, 5);
    int n = 4;
    float[][] straight;
    List<Double> straightLosses;
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel policy = Pairs.model(m, Pairs.tiny(32, 1), 7);
      MiniMindModel reference = Pairs.model(m, Pairs.tiny(32, 1), 7);
      straightLosses = new DpoTrainer(policy, ReferenceLogProbs.onTheFly(reference), train,
          config(2, 2 * n, 0, 0), BETA, ID, new Checkpoints(tmp.resolve("a")), ProgressListener.NONE)
          .run(m, false).losses();
      straight = weights(policy);
    }
    List<Double> resumedLosses = new ArrayList<>();
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel policy = Pairs.model(m, Pairs.tiny(32, 1), 7);
      MiniMindModel reference = Pairs.model(m, Pairs.tiny(32, 1), 7);
      TrainResult first = new DpoTrainer(policy, ReferenceLogProbs.onTheFly(reference), train,
          config(2, 2 * n, n, n), BETA, ID, new Checkpoints(tmp.resolve("b")), ProgressListener.NONE)
          .run(m, false);
      assertFalse(first.completed());
      resumedLosses.addAll(first.losses());
    }
    float[][] resumed;
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      // Another init seed for the policy: its weights and moments must come from the checkpoint.
      MiniMindModel policy = Pairs.model(m, Pairs.tiny(32, 1), 999);
      MiniMindModel reference = Pairs.model(m, Pairs.tiny(32, 1), 7);
      TrainResult second = new DpoTrainer(policy, ReferenceLogProbs.onTheFly(reference), train,
          config(2, 2 * n, 0, n), BETA, ID, new Checkpoints(tmp.resolve("b")), ProgressListener.NONE)
          .run(m, true);
      assertTrue(second.completed());
      resumedLosses.addAll(second.losses());
      resumed = weights(policy);
    }
    double maxDiff = 0;
    for (int p = 0; p < straight.length; p++) {
      for (int i = 0; i < straight[p].length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(straight[p][i] - resumed[p][i]));
      }
    }
    System.out.printf("DPO resume: losses straight %s%n            resumed  %s%n"
        + "            max |weight difference| %.3g%n", straightLosses, resumedLosses, maxDiff);
    assertEquals(straightLosses.size(), resumedLosses.size());
    for (int i = 0; i < straightLosses.size(); i++) {
      assertEquals(straightLosses.get(i), resumedLosses.get(i), 1e-6, "loss at step " + (i + 1));
    }
    assertTrue(maxDiff <= 1e-6, "weights differ by " + maxDiff);
  }

  @Test
  void stepsDoNotLeakNativeArrays(@TempDir Path tmp) throws Exception {
    TokenDataset train = Pairs.random(8, 9);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel policy = Pairs.model(m, Pairs.tiny(32, 1), 7);
      MiniMindModel reference = Pairs.model(m, Pairs.tiny(32, 1), 7);
      new DpoTrainer(policy, ReferenceLogProbs.onTheFly(reference), train, config(2, 2, 0, 0),
          BETA, ID, new Checkpoints(tmp.resolve("a")), ProgressListener.NONE).run(m, false);
      int before = m.getManagedArrays().size();
      new DpoTrainer(policy, ReferenceLogProbs.onTheFly(reference), train, config(2, 8, 0, 0),
          BETA, ID, new Checkpoints(tmp.resolve("b")), ProgressListener.NONE).run(m, false);
      assertEquals(before, m.getManagedArrays().size(), "arrays alive after 8 more steps");
    }
  }

  static float[][] weights(MiniMindModel model) {
    List<float[]> out = new ArrayList<>();
    for (Parameter p : model.parameters().values()) {
      out.add(p.getArray().toFloatArray());
    }
    return out.toArray(new float[0][]);
  }
}
