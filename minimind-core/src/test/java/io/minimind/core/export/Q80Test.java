package io.minimind.core.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minimind.core.io.HalfFloats;
import org.junit.jupiter.api.Test;

class Q80Test {
  /**
   * A hand-worked block: max|x| = 15.875 = 127/8, so d = 0.125 exactly (f16 0x3000). q = x / d
   * rounded half away from zero: 15.875 → 127, −15.875 → −127, 0.0625 (= d/2) → 1, −0.0625 → −1,
   * 0.03 → 0 (0.24), 1.0 → 8, −0.2 → −2 (−1.6), 0.1875 (= 1.5 d) → 2, the rest 0.
   */
  @Test
  void quantizesAHandComputedBlock() {
    float[] x = new float[32];
    float[] in = {15.875f, -15.875f, 0.0625f, -0.0625f, 0.03f, 1.0f, -0.2f, 0.1875f};
    System.arraycopy(in, 0, x, 0, in.length);
    byte[] q = Q80.quantize(x);
    assertEquals(34, q.length);
    assertEquals(0x00, q[0] & 0xff); // d = 0x3000, little endian
    assertEquals(0x30, q[1] & 0xff);
    byte[] expected = new byte[32];
    byte[] head = {127, -127, 1, -1, 0, 8, -2, 2};
    System.arraycopy(head, 0, expected, 0, head.length);
    byte[] quants = new byte[32];
    System.arraycopy(q, 2, quants, 0, 32);
    assertArrayEquals(expected, quants);

    float[] back = Q80.dequantize(q, 0, 32);
    assertEquals(-0.25f, back[6]);
    for (int i = 0; i < 32; i++) {
      assertTrue(Math.abs(back[i] - x[i]) <= 0.125f / 2, "element " + i);
    }
  }

  @Test
  void errorStaysWithinHalfAStepPlusTheF16RoundingOfTheScale() {
    float[] x = GgufRoundTripTest.random(32 * 50, 7);
    for (int i = 0; i < x.length; i++) {
      x[i] *= (i / 32 + 1) * 0.01f; // a different scale per block
    }
    byte[] q = Q80.quantize(x);
    float[] back = Q80.dequantize(q, 0, x.length);
    for (int b = 0; b < 50; b++) {
      float amax = 0;
      for (int j = 0; j < 32; j++) {
        amax = Math.max(amax, Math.abs(x[b * 32 + j]));
      }
      float d = amax / 127;
      float d16 = HalfFloats.halfToFloat(HalfFloats.floatToHalf(d));
      float bound = d / 2 + 127 * Math.abs(d - d16) + 1e-7f;
      for (int j = 0; j < 32; j++) {
        int i = b * 32 + j;
        assertTrue(Math.abs(back[i] - x[i]) <= bound, "element " + i);
      }
    }
  }

  @Test
  void zeroBlockHasZeroScale() {
    byte[] q = Q80.quantize(new float[32]);
    assertArrayEquals(new byte[34], q);
    assertArrayEquals(new float[32], Q80.dequantize(q, 0, 32));
  }

  @Test
  void roundsHalfAwayFromZeroLikeC() {
    assertEquals(1, Q80.roundHalfAway(0.5f));
    assertEquals(-1, Q80.roundHalfAway(-0.5f));
    assertEquals(-2, Q80.roundHalfAway(-1.5f));
    assertEquals(0, Q80.roundHalfAway(-0.49f));
  }
}
