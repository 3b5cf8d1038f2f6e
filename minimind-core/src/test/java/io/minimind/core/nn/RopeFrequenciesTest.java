package io.minimind.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minimind.core.model.MiniMindConfig.RopeScaling;
import org.junit.jupiter.api.Test;

class RopeFrequenciesTest {
  @Test
  void plainRopeIsThetaPowers() {
    double[] f = RopeFrequencies.inverseFrequencies(8, 1e4, null, 100);
    assertArrayEquals(new double[] {1, 0.1, 0.01, 0.001}, f, 1e-12);
  }

  @Test
  void yarnBlendsWithALinearRamp() {
    // D=8, θ=1e4, L_orig=64, factor 4, β_fast 4, β_slow 1, table of 256 > 64.
    // dim(b) = 8·ln(64/(2π·b)) / (2·ln 1e4):
    //   dim(4) = 8·ln(2.546479)/18.420681 = 0.405940 → low = floor = 0
    //   dim(1) = 8·ln(10.185916)/18.420681 = 1.008000 → high = min(ceil = 2, 3) = 2
    // γ_i = clamp((i − 0)/2, 0, 1) = [0, 0.5, 1, 1]; f'_i = f_i·(1 − γ + γ/4)
    RopeScaling s = new RopeScaling(4, 64, 4, 1);
    assertEquals(0.405940, RopeFrequencies.correctionDim(4, 8, 1e4, s), 1e-6);
    assertEquals(1.008000, RopeFrequencies.correctionDim(1, 8, 1e4, s), 1e-6);
    double[] f = RopeFrequencies.inverseFrequencies(8, 1e4, s, 256);
    assertArrayEquals(new double[] {1, 0.1 * 0.625, 0.01 * 0.25, 0.001 * 0.25}, f, 1e-12);
  }

  @Test
  void yarnIsOffWithinTheOriginalContext() {
    RopeScaling s = new RopeScaling(4, 64, 4, 1);
    assertArrayEquals(
        RopeFrequencies.inverseFrequencies(8, 1e4, null, 64),
        RopeFrequencies.inverseFrequencies(8, 1e4, s, 64),
        0);
  }

  @Test
  void tablesRepeatTheHalvesForRotateHalf() {
    float[][] t = RopeFrequencies.tables(new double[] {1, 0.5}, 3);
    // position 2: angles 2 and 1
    assertEquals((float) Math.cos(2), t[0][2 * 4], 1e-7);
    assertEquals((float) Math.cos(1), t[0][2 * 4 + 1], 1e-7);
    assertEquals(t[0][2 * 4], t[0][2 * 4 + 2], 0);
    assertEquals((float) Math.sin(1), t[1][2 * 4 + 3], 1e-7);
  }
}
