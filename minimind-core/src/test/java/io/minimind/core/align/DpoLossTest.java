package io.minimind.core.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DPO math against numbers computed by hand (plain Java arithmetic, not the code under test). */
class DpoLossTest {
  // Two pairs. log π and log π_ref of the responses, chosen rows first.
  static final float[] POLICY = {-3.0f, -5.0f, -4.0f, -2.5f}; // c0, c1, r0, r1
  static final float[] REFERENCE = {-3.5f, -4.0f, -3.0f, -2.5f};
  static final double BETA = 0.1;

  static double softplus(double x) {
    return Math.log1p(Math.exp(x));
  }

  @Test
  void lossRewardsMarginAndAccuracyMatchHandComputedValues() {
    // pair 0: log-ratio chosen +0.5, rejected −1.0 → z = 0.1·1.5 = 0.15
    // pair 1: log-ratio chosen −1.0, rejected  0.0 → z = 0.1·(−1.0) = −0.10
    double expectedLoss = (softplus(-0.15) + softplus(0.10)) / 2; // −log σ(z) = softplus(−z)
    double flippedSign = (softplus(0.15) + softplus(-0.10)) / 2;
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      DpoLoss.Result r = DpoLoss.compute(m.create(POLICY), m.create(REFERENCE), BETA);
      double loss = r.loss().getFloat();
      System.out.printf("DPO loss %.7f (hand %.7f; a flipped sign would give %.7f)%n",
          loss, expectedLoss, flippedSign);
      assertEquals(expectedLoss, loss, 1e-6);
      assertArrayEquals(new double[] {0.05, -0.10}, r.chosenRewards(), 1e-7);
      assertArrayEquals(new double[] {-0.10, 0.0}, r.rejectedRewards(), 1e-7);

      DpoMetrics metrics = new DpoMetrics();
      metrics.add(r);
      Map<String, Double> map = metrics.toMap();
      System.out.println("DPO metrics " + map);
      assertEquals((0.05 - 0.10) / 2, map.get("chosen_reward"), 1e-7);
      assertEquals((-0.10 + 0.0) / 2, map.get("rejected_reward"), 1e-7);
      assertEquals((0.15 + -0.10) / 2, map.get("margin"), 1e-7);
      assertEquals(0.5, map.get("accuracy"), 0);
    }
  }

  @Test
  void gradientPushesChosenUpAndRejectedDown() {
    // d loss / d log π(c_i) = −β·σ(−z_i)/P and d loss / d log π(r_i) = +β·σ(−z_i)/P.
    double s0 = 1 / (1 + Math.exp(0.15));
    double s1 = 1 / (1 + Math.exp(-0.10));
    double[] expected = {-BETA * s0 / 2, -BETA * s1 / 2, BETA * s0 / 2, BETA * s1 / 2};
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray policy = m.create(POLICY);
      policy.setRequiresGradient(true);
      try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
        c.backward(DpoLoss.compute(policy, m.create(REFERENCE), BETA).loss());
      }
      float[] grad = policy.getGradient().toFloatArray();
      for (int i = 0; i < 4; i++) {
        assertEquals(expected[i], grad[i], 1e-7, "gradient of row " + i);
      }
    }
  }

  @Test
  void sequenceLogProbIsTheSumOverResponseTokensOnly() {
    // 2 rows, 3 positions, vocabulary 3. Row 0: position 0 is prompt, 1 and 2 are the reply.
    // Row 1: position 0 reply, 1 and 2 padding. Masked positions get extreme logits, so counting
    // them would change the result a lot.
    float[] logits = {
      9, -9, 9, /**/ 1, 2, 3, /**/ 0, 0, 1,
      2, 0, 0, /**/ -9, 9, 9, /**/ 9, 9, -9};
    long[] targets = {0, 2, 1, /**/ 0, 1, 2};
    float[] weights = {0, 1, 1, /**/ 1, 0, 0};
    // log softmax by hand: x_k − log Σ exp(x_j)
    double row0 = (3 - Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)))
        + (0 - Math.log(2 + Math.exp(1)));
    double row1 = 2 - Math.log(Math.exp(2) + 2);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      float[] got = SequenceLogProbs.sum(m.create(logits, new Shape(2, 3, 3)),
          m.create(targets, new Shape(2, 3)), m.create(weights, new Shape(2, 3))).toFloatArray();
      System.out.printf("sequence log-probs %.6f %.6f (hand %.6f %.6f; a mean would give %.6f)%n",
          got[0], got[1], row0, row1, row0 / 2);
      assertEquals(row0, got[0], 1e-5);
      assertEquals(row1, got[1], 1e-5);
    }
  }

  @Test
  void oddRowsOrNonPositiveBetaAreRefused() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      var e = assertThrows(IllegalArgumentException.class,
          () -> DpoLoss.compute(m.create(new float[3]), m.create(new float[3]), 0.1));
      assertEquals(true, e.getMessage().contains("2P"), e.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> DpoLoss.compute(m.create(POLICY), m.create(REFERENCE), 0));
    }
  }
}
