package io.minimind.core.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The distillation loss against numbers computed by hand (plain Java, not the code under test). */
class DistillationLossTest {
  // One row, 3 positions, vocabulary 3. Position 0 is prompt (weight 0) and has extreme logits,
  // so counting it would change everything; positions 1 and 2 count.
  static final float[] STUDENT = {9, -9, 0, /**/ 1, 0, -1, /**/ 0.5f, 2, 0};
  static final float[] TEACHER = {-9, 9, 0, /**/ 3, 0, 0, /**/ 0, 0, 2.5f};
  static final long[] TARGETS = {1, 0, 2};
  static final float[] WEIGHTS = {0, 1, 1};
  static final double ALPHA = 0.5;
  static final double T = 1.5;

  static double[] logSoftmax(float[] all, int position, double temperature) {
    double[] x = new double[3];
    double max = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < 3; v++) {
      x[v] = all[position * 3 + v] / temperature;
      max = Math.max(max, x[v]);
    }
    double z = 0;
    for (double xi : x) {
      z += Math.exp(xi - max);
    }
    for (int v = 0; v < 3; v++) {
      x[v] = x[v] - max - Math.log(z);
    }
    return x;
  }

  /** Σ_v p_t·(log p_t − log q_s) at one position, both at {@code temperature}. */
  static double klAt(int position, double temperature) {
    double[] logP = logSoftmax(TEACHER, position, temperature);
    double[] logQ = logSoftmax(STUDENT, position, temperature);
    double kl = 0;
    for (int v = 0; v < 3; v++) {
      kl += Math.exp(logP[v]) * (logP[v] - logQ[v]);
    }
    return kl;
  }

  @Test
  void lossMatchesTheHandComputedValueAndTemperatureAndTSquaredMatter() {
    double ce = -(logSoftmax(STUDENT, 1, 1)[0] + logSoftmax(STUDENT, 2, 1)[2]) / 2;
    double kl = (klAt(1, T) + klAt(2, T)) / 2; // batchmean over the 2 counted positions
    double expected = ALPHA * ce + (1 - ALPHA) * T * T * kl;
    double withoutTSquared = ALPHA * ce + (1 - ALPHA) * kl;
    double withoutTemperature = ALPHA * ce + (1 - ALPHA) * T * T * (klAt(1, 1) + klAt(2, 1)) / 2;
    double perVocabMean = ALPHA * ce + (1 - ALPHA) * T * T * kl / 3;
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      DistillationLoss.Result r = DistillationLoss.compute(
          m.create(STUDENT, new Shape(1, 3, 3)), m.create(TEACHER, new Shape(1, 3, 3)),
          m.create(TARGETS, new Shape(1, 3)), m.create(WEIGHTS, new Shape(1, 3)), null, ALPHA, T);
      double loss = r.loss().getFloat();
      System.out.printf("KD loss %.6f (hand %.6f); CE %.6f (hand %.6f); KL %.6f (hand %.6f);"
          + " without T^2 %.6f, without temperature %.6f, KL averaged over the vocabulary %.6f%n",
          loss, expected, r.ce().getFloat(), ce, r.kl().getFloat(), kl, withoutTSquared,
          withoutTemperature, perVocabMean);
      assertEquals(ce, r.ce().getFloat(), 1e-5);
      assertEquals(kl, r.kl().getFloat(), 1e-5);
      assertEquals(expected, loss, 1e-5);
      // The tolerance above is far below each mistake's effect, so any of them fails the test.
      assertTrue(Math.abs(expected - withoutTSquared) > 1e-2);
      assertTrue(Math.abs(expected - withoutTemperature) > 1e-2);
      assertTrue(Math.abs(expected - perVocabMean) > 1e-2);
    }
  }

  @Test
  void theAuxiliaryLossIsAddedToTheCrossEntropyInsideAlpha() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      DistillationLoss.Result plain = DistillationLoss.compute(
          m.create(STUDENT, new Shape(1, 3, 3)), m.create(TEACHER, new Shape(1, 3, 3)),
          m.create(TARGETS, new Shape(1, 3)), m.create(WEIGHTS, new Shape(1, 3)), null, 0.3, T);
      DistillationLoss.Result withAux = DistillationLoss.compute(
          m.create(STUDENT, new Shape(1, 3, 3)), m.create(TEACHER, new Shape(1, 3, 3)),
          m.create(TARGETS, new Shape(1, 3)), m.create(WEIGHTS, new Shape(1, 3)),
          m.create(0.2f), 0.3, T);
      assertEquals(0.3 * 0.2, withAux.loss().getFloat() - plain.loss().getFloat(), 1e-6);
    }
  }

  @Test
  void identicalDistributionsHaveZeroKl() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      var logits = m.create(TEACHER, new Shape(1, 3, 3));
      float kl = DistillationLoss.kl(logits, logits, m.create(WEIGHTS, new Shape(1, 3)), T).getFloat();
      assertEquals(0, kl, 1e-6);
    }
  }

  @Test
  void badSettingsAreRefused() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      var s = m.create(STUDENT, new Shape(1, 3, 3));
      var t4 = m.create(new float[12], new Shape(1, 3, 4));
      var y = m.create(TARGETS, new Shape(1, 3));
      var w = m.create(WEIGHTS, new Shape(1, 3));
      var e = assertThrows(IllegalArgumentException.class,
          () -> DistillationLoss.compute(s, t4, y, w, null, 0.5, T));
      assertTrue(e.getMessage().contains("(1, 3, 4)"), e.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> DistillationLoss.compute(s, s, y, w, null, 1.5, T));
      assertThrows(IllegalArgumentException.class,
          () -> DistillationLoss.compute(s, s, y, w, null, 0.5, 0));
    }
  }
}
