package io.minimind.core.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoValueTrackerTest {
  @Test
  void trackerForgetsFasterWhenThePolicyDrifts(@TempDir Path tmp) throws Exception {
    SpoValueTracker t = new SpoValueTracker(-3, 3);
    // unseen: prior α = β = 0.5·1/(1 − 0.5) = 1 → mean 0.5 → baseline 0 in [−3, 3]
    assertEquals(0.0, t.baseline(7), 1e-12);
    // first visit: ρ = 0.9, reward 1.5 → normalised 0.75: α = 0.9 + 0.75 = 1.65, β = 0.9 + 0.25 = 1.15
    assertEquals(0.9, t.update(7, 1.5, -2.0), 1e-12);
    double mean = 1.65 / 2.8;
    assertEquals(-3 + 6 * mean, t.baseline(7), 1e-12);
    // second visit, drift |−2.0 − (−2.03)| = 0.03 = D_half/2 → ρ = 2^−0.5 = 0.7071;
    // reward −3 → 0: α = 0.7071·1.65, β = 0.7071·1.15 + 1
    double rho = Math.pow(2, -0.5);
    assertEquals(rho, t.update(7, -3, -2.03), 1e-12);
    double a = rho * 1.65;
    double b = rho * 1.15 + 1;
    assertEquals(-3 + 6 * a / (a + b), t.baseline(7), 1e-12);
    // a large drift is floored at ρ_min 0.5; none is capped at ρ_max 0.96
    assertEquals(0.5, t.update(7, 0, 1.0), 1e-12);
    assertEquals(0.96, t.update(7, 0, 1.0), 1e-12);
    // other prompts are untouched, and the state survives a checkpoint exactly
    assertEquals(0.0, t.baseline(8), 1e-12);
    t.write(tmp.resolve("spo.json"));
    SpoValueTracker back = new SpoValueTracker(-3, 3);
    back.read(tmp.resolve("spo.json"));
    assertEquals(t.baseline(7), back.baseline(7), 0.0);
    assertEquals(t.update(7, 1, 0.9), back.update(7, 1, 0.9), 0.0);
    assertEquals(t.baseline(7), back.baseline(7), 0.0);
  }

  @Test
  void advantagesAreNormalisedOverTheBatch() {
    // r − b = 1, 0, −1 (after baselines 0, 1, 2): mean 0, population std √(2/3)
    double[] a = SpoValueTracker.normalisedAdvantages(new double[] {1, 1, 1}, new double[] {0, 1, 2});
    double s = Math.sqrt(2.0 / 3) + 1e-4;
    System.out.println("SPO advantages " + java.util.Arrays.toString(a));
    assertArrayEquals(new double[] {1 / s, 0, -1 / s}, a, 1e-12);
  }

  @Test
  void aBatchOfOneKeepsItsRawAdvantage() {
    // normalising a single value would give 0 (no policy gradient at all)
    assertArrayEquals(new double[] {0.75},
        SpoValueTracker.normalisedAdvantages(new double[] {1.0}, new double[] {0.25}), 1e-12);
  }
}
