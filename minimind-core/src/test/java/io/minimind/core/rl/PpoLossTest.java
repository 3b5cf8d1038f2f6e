package io.minimind.core.rl;

import static io.minimind.core.rl.PolicyLossesTest.LOGP;
import static io.minimind.core.rl.PolicyLossesTest.MASK;
import static io.minimind.core.rl.PolicyLossesTest.OLD;
import static io.minimind.core.rl.PolicyLossesTest.REF;
import static io.minimind.core.rl.PolicyLossesTest.flat;
import static io.minimind.core.rl.PolicyLossesTest.kl;
import static io.minimind.core.rl.PolicyLossesTest.ratio;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** GAE on a hand-worked 3-token example, and PPO's clipped actor and critic losses. */
class PpoLossTest {
  @Test
  void gaeMatchesAHandWorkedThreeTokenExample() {
    // values 0.5, 0.2, −0.1; reward 1 on the last token; γ = 1, λ = 0.95:
    // δ₂ = 1 + 0 + 0.1 = 1.1                 A₂ = 1.1
    // δ₁ = 0 + (−0.1) − 0.2 = −0.3            A₁ = −0.3 + 0.95·1.1 = 0.745
    // δ₀ = 0 + 0.2 − 0.5 = −0.3               A₀ = −0.3 + 0.95·0.745 = 0.40775
    double[][] values = {{0.5, 0.2, -0.1}, {0.5, 0.2, 7.0}};
    Gae.Result r = Gae.compute(values, new double[] {1.0, 1.0}, new int[] {3, 2}, 1.0, 0.95);
    System.out.println("GAE advantages " + java.util.Arrays.deepToString(r.advantages()));
    assertArrayEquals(new double[] {0.40775, 0.745, 1.1}, r.advantages()[0], 1e-12);
    assertArrayEquals(new double[] {0.90775, 0.945, 1.0}, r.returns()[0], 1e-12);
    // row 2 ends after 2 tokens: the reward sits on token 1 and the value past the end is ignored
    // δ₁ = 1 − 0.2 = 0.8, A₁ = 0.8; δ₀ = 0.2 − 0.5 = −0.3, A₀ = −0.3 + 0.95·0.8 = 0.46
    assertArrayEquals(new double[] {0.46, 0.8, 0.0}, r.advantages()[1], 1e-12);
    // γ = 0.9: δ₁ = 0.9·(−0.1) − 0.2 = −0.29, A₁ = −0.29 + 0.855·1.1 = 0.6505;
    // δ₀ = 0.9·0.2 − 0.5 = −0.32, A₀ = −0.32 + 0.855·0.6505 = 0.2361775
    Gae.Result d = Gae.compute(new double[][] {{0.5, 0.2, -0.1}}, new double[] {1.0}, new int[] {3}, 0.9, 0.95);
    assertArrayEquals(new double[] {0.2361775, 0.6505, 1.1}, d.advantages()[0], 1e-12);
  }

  @Test
  void whiteningUsesOnlyCountedTokens() {
    double[][] w = Gae.whiten(new double[][] {{1, 2, 99}, {3, 99, 99}}, new int[] {2, 1});
    // counted 1, 2, 3: mean 2, population var 2/3
    double s = 1 / Math.sqrt(2.0 / 3 + 1e-8);
    assertArrayEquals(new double[] {-s, 0, 0}, w[0], 1e-12);
    assertArrayEquals(new double[] {s, 0, 0}, w[1], 1e-12);
  }

  static final double[][] ADV = {{1.5, -0.5, 0.7}, {-0.8, 50, 50}};
  static final double[][] V = {{0.5, 0.1, -0.3}, {0.9, 5, 5}};
  static final double[][] V_OLD = {{0.2, 0.1, 0.0}, {1.0, 0, 0}};
  static final double[][] RET = {{1.0, -0.5, 0.4}, {0.5, 0, 0}};

  @Test
  void ppoClipsRatioAndValueAndAddsKl() {
    double eps = 0.1;
    double vf = 0.5;
    double klCoef = 0.02;
    double c = 0.2;
    double policy = 0;
    double klSum = 0;
    double value = 0;
    double[] gLogp = new double[6];
    double[] gV = new double[6];
    int count = 4; // counted tokens: row 0 all three, row 1 the first
    for (int i = 0; i < 2; i++) {
      for (int t = 0; t < 3; t++) {
        if (MASK[i][t] == 0) {
          continue;
        }
        double r = ratio(i, t);
        double a = ADV[i][t];
        double un = -a * r;
        double cl = -a * Math.max(1 - eps, Math.min(1 + eps, r));
        policy += Math.max(un, cl);
        klSum += kl(i, t);
        double vc = Math.max(V_OLD[i][t] - c, Math.min(V_OLD[i][t] + c, V[i][t]));
        double e1 = Math.pow(V[i][t] - RET[i][t], 2);
        double e2 = Math.pow(vc - RET[i][t], 2);
        value += Math.max(e1, e2);
        boolean ratioClipped = cl > un;
        gLogp[i * 3 + t] = ((ratioClipped ? 0 : -a * r) + klCoef * (1 - Math.exp(REF[i][t] - LOGP[i][t]))) / count;
        gV[i * 3 + t] = vf * 0.5 * (e2 > e1 ? 0 : 2 * (V[i][t] - RET[i][t])) / count;
      }
    }
    double expected = policy / count + klCoef * klSum / count + vf * 0.5 * value / count;
    // by hand, the value term: errors 0.36 (clipped: V 0.5 → 0.4), 0.36, 0.49, 0.16 → 0.5·1.37/4
    assertEquals(0.17125, 0.5 * value / count, 1e-12);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray logp = m.create(flat(LOGP), new Shape(2, 3));
      NDArray v = m.create(flat(V), new Shape(2, 3));
      logp.setRequiresGradient(true);
      v.setRequiresGradient(true);
      double got;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        LossTerms terms = new PpoLoss(eps, vf, klCoef, c).compute(logp, m.create(flat(OLD), new Shape(2, 3)),
            m.create(flat(REF), new Shape(2, 3)), m.create(flat(ADV), new Shape(2, 3)), v,
            m.create(flat(V_OLD), new Shape(2, 3)), m.create(flat(RET), new Shape(2, 3)),
            m.create(flat(MASK), new Shape(2, 3)));
        got = terms.loss().toType(DataType.FLOAT64, false).getDouble();
        System.out.printf("PPO loss %.6f (expected %.6f) %s%n", got, expected, terms.metrics());
        assertEquals(0.17125, terms.metrics().get("value_loss"), 1e-7);
        gc.backward(terms.loss());
      }
      assertEquals(expected, got, 1e-7);
      assertArrayEquals(gLogp, logp.getGradient().toDoubleArray(), 1e-7, "d loss / d logp");
      assertArrayEquals(gV, v.getGradient().toDoubleArray(), 1e-7, "d loss / d value");
    }
  }
}
