package io.minimind.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minimind.core.model.MiniMindConfig.RopeScaling;
import org.junit.jupiter.api.Test;

class RopeFrequenciesTest {
  @Test
  void plainRopeIsThetaPowers() {
    float[] f = RopeFrequencies.inverseFrequencies(8, 1e4, null, 100);
    assertArrayEquals(new float[] {1, 0.1f, 0.01f, 0.001f}, f, 1e-7f);
  }

  @Test
  void yarnScalesDimensionsBelowTheCorrectionIndex() {
    // D=8, θ=1e4 → f = [1, 0.1, 0.01, 0.001], wavelengths 2π/f = [6.3, 62.8, 628, 6283].
    // L_orig = 64: the first wavelength above 64 is index 2 → c = 2.
    // β_i = 1 + (4 − 1)·i/3 = [1, 2, 3, 4]; for i < 2: (β·4 − β + 1)/(β·4) = [1, 7/8]; else 1/4.
    RopeScaling s = new RopeScaling(4, 64, 4, 1);
    float[] f = RopeFrequencies.inverseFrequencies(8, 1e4, s, 256);
    assertArrayEquals(new float[] {1, 0.0875f, 0.0025f, 0.00025f}, f, 1e-8f);
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
    float[][] t = RopeFrequencies.tables(new float[] {1, 0.5f}, 3);
    // position 2: angles 2 and 1
    assertEquals((float) Math.cos(2), t[0][2 * 4], 1e-7);
    assertEquals((float) Math.cos(1), t[0][2 * 4 + 1], 1e-7);
    assertEquals(t[0][2 * 4], t[0][2 * 4 + 2], 0);
    assertEquals((float) Math.sin(1), t[1][2 * 4 + 3], 1e-7);
  }
}
