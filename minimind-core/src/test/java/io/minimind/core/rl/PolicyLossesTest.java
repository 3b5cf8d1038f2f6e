package io.minimind.core.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * GRPO, CISPO and SPO losses and their gradients against plain-Java arithmetic on a 2×3 example.
 * Row 0 counts 3 tokens, row 1 only its first (its other tokens hold extreme values a wrong mask
 * would pick up), so per-sequence and per-token means differ; the ratios put tokens below,
 * inside and above the clip range, with advantages of both signs.
 */
class PolicyLossesTest {
  static final double[][] LOGP = {{-1.0, -2.0, -0.5}, {-0.5, -9.0, -7.0}};
  static final double[][] OLD = {{-1.2, -1.9, -0.2}, {-0.2, -1.0, -1.0}};
  static final double[][] REF = {{-1.1, -2.2, -0.7}, {-0.4, -1.0, -2.0}};
  static final double[] ADV = {1.5, -0.8};
  static final double[][] MASK = {{1, 1, 1}, {1, 0, 0}};
  static final double BETA = 0.02;

  /** Loss and d loss / d logp, computed by {@code loss} from (logp, old, ref, adv, mask). */
  record Result(double loss, double[] grad) {}

  static Result run(Function<NDArray[], LossTerms> loss) {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray logp = m.create(flat(LOGP), new Shape(2, 3));
      logp.setRequiresGradient(true);
      NDArray[] in = {logp, m.create(flat(OLD), new Shape(2, 3)), m.create(flat(REF), new Shape(2, 3)),
          m.create(ADV), m.create(flat(MASK), new Shape(2, 3))};
      double value;
      try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
        LossTerms t = loss.apply(in);
        value = t.loss().toType(DataType.FLOAT64, false).getDouble();
        System.out.println("loss " + value + " metrics " + t.metrics());
        c.backward(t.loss());
      }
      return new Result(value, logp.getGradient().toDoubleArray());
    }
  }

  static double[] flat(double[][] x) {
    return java.util.Arrays.stream(x).flatMapToDouble(java.util.Arrays::stream).toArray();
  }

  static double kl(int i, int t) {
    double d = REF[i][t] - LOGP[i][t];
    return Math.exp(d) - d - 1;
  }

  static double dKl(int i, int t) {
    return 1 - Math.exp(REF[i][t] - LOGP[i][t]);
  }

  static double ratio(int i, int t) {
    return Math.exp(LOGP[i][t] - OLD[i][t]);
  }

  /** Σ over rows of (Σₜ x·m / Σₜ m) / N, and the matching weight of each token in the gradient. */
  static double seqMean(double[][] perToken) {
    double total = 0;
    for (int i = 0; i < 2; i++) {
      double s = 0;
      double n = 0;
      for (int t = 0; t < 3; t++) {
        s += perToken[i][t] * MASK[i][t];
        n += MASK[i][t];
      }
      total += s / n;
    }
    return total / 2;
  }

  static double weight(int i, int t) {
    double n = MASK[i][0] + MASK[i][1] + MASK[i][2];
    return MASK[i][t] / n / 2;
  }

  static void check(Result r, double[][] perToken, double[][] dPerToken) {
    assertEquals(seqMean(perToken), r.loss(), 1e-7, "loss");
    for (int i = 0; i < 2; i++) {
      for (int t = 0; t < 3; t++) {
        assertEquals(dPerToken[i][t] * weight(i, t), r.grad()[i * 3 + t], 1e-7, "grad[" + i + "][" + t + "]");
      }
    }
  }

  @Test
  void grpoClipsTheRatioPessimisticallyAndPenalisesKl() {
    double eps = 0.2;
    double[][] l = new double[2][3];
    double[][] g = new double[2][3];
    for (int i = 0; i < 2; i++) {
      for (int t = 0; t < 3; t++) {
        double r = ratio(i, t);
        double a = ADV[i];
        double unclipped = r * a;
        double clipped = Math.max(1 - eps, Math.min(1 + eps, r)) * a;
        l[i][t] = -(Math.min(unclipped, clipped) - BETA * kl(i, t));
        // the clipped branch is constant outside the range: only the unclipped one has a gradient
        boolean clipActive = clipped < unclipped;
        g[i][t] = -(clipActive ? 0 : r * a) + BETA * dKl(i, t);
      }
    }
    // token (0,0): ratio e^0.2 = 1.221 > 1.2 with A > 0 → clipped, no surrogate gradient
    // token (1,0): ratio e^-0.3 = 0.741 < 0.8 with A < 0 → clipped
    // token (0,2): ratio 0.741 with A > 0 → the unclipped (smaller) term counts
    Result r = run(in -> new GrpoLoss(BETA, eps).compute(in[0], in[1], in[2], in[3], in[4]));
    System.out.printf("GRPO loss %.6f (expected %.6f)%n", r.loss(), seqMean(l));
    check(r, l, g);
    // worked by hand: row 0 = (−1.799903 − 1.356881 − 1.110852)/3 = −1.422545,
    // row 1 = −(−0.64 − 0.02·0.005171) = 0.640103; mean −0.391221
    assertEquals(-0.391221, r.loss(), 1e-6);
  }

  @Test
  void cispoDetachesTheClippedWeightAndKeepsEveryTokensGradient() {
    double epsHigh = 5.0;
    // make token (0,2) exceed ε_high: ratio e^2.5 = 12.18
    double[][] old = {{-1.2, -1.9, -3.0}, {-0.2, -1.0, -1.0}};
    double[][] l = new double[2][3];
    double[][] g = new double[2][3];
    for (int i = 0; i < 2; i++) {
      for (int t = 0; t < 3; t++) {
        double w = Math.min(Math.exp(LOGP[i][t] - old[i][t]), epsHigh);
        l[i][t] = -(w * ADV[i] * LOGP[i][t] - BETA * kl(i, t));
        g[i][t] = -w * ADV[i] + BETA * dKl(i, t);
      }
    }
    Result r = run(in -> {
      NDArray o = in[0].getManager().create(flat(old), new Shape(2, 3));
      return new CispoLoss(BETA, epsHigh).compute(in[0], o, in[2], in[3], in[4]);
    });
    System.out.printf("CISPO loss %.6f (expected %.6f)%n", r.loss(), seqMean(l));
    check(r, l, g);
  }

  @Test
  void spoIsReinforceWithAKlPenalty() {
    double[][] l = new double[2][3];
    double[][] g = new double[2][3];
    for (int i = 0; i < 2; i++) {
      for (int t = 0; t < 3; t++) {
        l[i][t] = -LOGP[i][t] * ADV[i] + BETA * kl(i, t);
        g[i][t] = -ADV[i] + BETA * dKl(i, t);
      }
    }
    Result r = run(in -> new SpoLoss(BETA).compute(in[0], in[2], in[3], in[4]));
    System.out.printf("SPO loss %.6f (expected %.6f)%n", r.loss(), seqMean(l));
    check(r, l, g);
    // by hand: row 0 = −(−3.5)·1.5/3 + β·KL̄₀, row 1 = −(−0.5)·(−0.8) + β·KL₁₀
    double kl0 = (kl(0, 0) + kl(0, 1) + kl(0, 2)) / 3;
    assertEquals(((1.75 + BETA * kl0) + (-0.4 + BETA * kl(1, 0))) / 2, r.loss(), 1e-7);
  }

  @Test
  void groupAdvantagesUseThePopulationStdPerGroup() {
    double[] a = GroupAdvantages.compute(new double[] {1, 0, 0, 0, 2, 2, 2, 2}, 4);
    // group 1: mean 0.25, population std √(0.75/4) = 0.4330127
    double std = Math.sqrt(0.1875);
    System.out.println("advantages " + java.util.Arrays.toString(a));
    assertEquals(0.75 / (std + 1e-4), a[0], 1e-12);
    assertEquals(-0.25 / (std + 1e-4), a[1], 1e-12);
    assertEquals(1.7316509, a[0], 1e-6); // 0.75 / 0.4331127
    // a group of equal rewards carries no signal
    for (int j = 4; j < 8; j++) {
      assertEquals(0.0, a[j]);
    }
    // two completions, rewards 0 and 1: ±0.5 / (0.5 + 1e-4)
    double[] b = GroupAdvantages.compute(new double[] {0, 1}, 2);
    assertEquals(-0.5 / 0.5001, b[0], 1e-12);
    assertEquals(0.5 / 0.5001, b[1], 1e-12);
  }
}
