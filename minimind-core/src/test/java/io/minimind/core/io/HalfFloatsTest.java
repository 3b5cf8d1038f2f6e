package io.minimind.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HalfFloatsTest {

  private static void assertHalf(int bits, float value) {
    assertEquals(
        Float.floatToRawIntBits(value),
        Float.floatToRawIntBits(HalfFloats.halfToFloat((short) bits)),
        () -> "half 0x" + Integer.toHexString(bits));
  }

  @Test
  void halfToFloatKnownPatterns() {
    assertHalf(0x0000, 0f);
    assertHalf(0x8000, -0f);
    assertHalf(0x0001, 0x1p-24f); // smallest subnormal 5.96e-8
    assertHalf(0x8001, -0x1p-24f);
    assertHalf(0x03ff, 1023 * 0x1p-24f); // largest subnormal 6.0976e-5
    assertHalf(0x0400, 0x1p-14f); // smallest normal
    assertHalf(0x3c00, 1f);
    assertHalf(0x3c01, 1f + 0x1p-10f);
    assertHalf(0xc000, -2f);
    assertHalf(0x3555, 0.333251953125f);
    assertHalf(0x7bff, 65504f);
    assertHalf(0x7c00, Float.POSITIVE_INFINITY);
    assertHalf(0xfc00, Float.NEGATIVE_INFINITY);
    assertTrue(Float.isNaN(HalfFloats.halfToFloat((short) 0x7e00)));
    assertTrue(Float.isNaN(HalfFloats.halfToFloat((short) 0x7c01)));
    assertTrue(Float.isNaN(HalfFloats.halfToFloat((short) 0xfe00)));
  }

  @Test
  void floatToHalfRoundsToNearestEven() {
    assertEquals(0x3c00, HalfFloats.floatToHalf(1f + 0x1p-11f)); // tie, even stays
    assertEquals(0x3c02, HalfFloats.floatToHalf(1f + 3 * 0x1p-11f)); // tie, odd rounds up
    assertEquals(0x3c01, HalfFloats.floatToHalf(1f + 0x1p-11f + 0x1p-20f)); // above tie
    assertEquals(0x3555, HalfFloats.floatToHalf(1f / 3));
    assertEquals(0x0000, HalfFloats.floatToHalf(0x1p-25f)); // tie to even 0
    assertEquals((short) 0x8000, HalfFloats.floatToHalf(-0x1p-26f)); // underflow keeps sign
    assertEquals(0x0001, HalfFloats.floatToHalf(0x1.000002p-25f)); // just above the tie
    assertEquals(0x0002, HalfFloats.floatToHalf(3 * 0x1p-25f)); // 1.5 ulp ties to 2
    assertEquals(0x0400, HalfFloats.floatToHalf(0x1.ffcp-15f)); // rounds up into the normals
    assertEquals(0x7bff, HalfFloats.floatToHalf(65519f));
    assertEquals(0x7c00, HalfFloats.floatToHalf(65520f)); // tie above max: to infinity
    assertEquals(0x7c00, HalfFloats.floatToHalf(1e10f));
    assertEquals((short) 0xfc00, HalfFloats.floatToHalf(Float.NEGATIVE_INFINITY));
    short nan = HalfFloats.floatToHalf(Float.NaN);
    assertTrue(Float.isNaN(HalfFloats.halfToFloat(nan)));
  }

  @Test
  void everyHalfSurvivesTheRoundTrip() {
    for (int h = 0; h < 0x10000; h++) {
      float f = HalfFloats.halfToFloat((short) h);
      short back = HalfFloats.floatToHalf(f);
      if (Float.isNaN(f)) {
        assertTrue(Float.isNaN(HalfFloats.halfToFloat(back)));
      } else {
        assertEquals(h, back & 0xffff, "half 0x" + Integer.toHexString(h));
      }
    }
  }

  @Test
  void bf16IsTheTopHalfWithRoundToNearestEven() {
    assertEquals(1f, HalfFloats.bf16ToFloat((short) 0x3f80));
    assertEquals(-2f, HalfFloats.bf16ToFloat((short) 0xc000));
    assertEquals(0x3f80, HalfFloats.floatToBf16(Float.intBitsToFloat(0x3f808000))); // tie, even
    assertEquals(0x3f82, HalfFloats.floatToBf16(Float.intBitsToFloat(0x3f818000))); // tie, odd
    assertEquals(0x3f81, HalfFloats.floatToBf16(Float.intBitsToFloat(0x3f808001)));
    assertEquals(0x7f80, HalfFloats.floatToBf16(Float.POSITIVE_INFINITY));
    assertEquals(0x7f80, HalfFloats.floatToBf16(Float.MAX_VALUE)); // rounds up to infinity
    assertEquals(0x7fc0, HalfFloats.floatToBf16(Float.NaN));
  }

  /** Reference: PyTorch's own float32 to float16 cast, on random and edge-case floats. */
  @Test
  void halfMatchesPyTorchCast() {
    float[] v = samples();
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      short[] half = shorts(m.create(v).toType(DataType.FLOAT16, true).toByteArray());
      for (int i = 0; i < v.length; i++) {
        assertEquals(half[i], HalfFloats.floatToHalf(v[i]), "f16 of " + describe(v[i]));
      }
    }
  }

  /**
   * Reference for bf16 (DJL's PyTorch engine aborts on bfloat16 casts, so no engine reference):
   * the two neighbouring bf16 values, compared exactly in double, ties to the even one.
   */
  @Test
  void bf16MatchesNaiveRounding() {
    for (float f : samples()) {
      if (Float.isNaN(f) || Float.isInfinite(f)) {
        continue;
      }
      int bits = Float.floatToRawIntBits(f);
      short lo = (short) (bits >>> 16); // truncation: toward zero
      short hi = (short) (lo + 1); // next away from zero (may be infinity)
      double dLo = Math.abs((double) f - HalfFloats.bf16ToFloat(lo));
      double dHi = Math.abs((double) f - HalfFloats.bf16ToFloat(hi));
      short expected = dLo < dHi ? lo : dHi < dLo ? hi : ((lo & 1) == 0 ? lo : hi);
      assertEquals(expected, HalfFloats.floatToBf16(f), "bf16 of " + describe(f));
    }
  }

  private static String describe(float f) {
    return f + " (0x" + Integer.toHexString(Float.floatToRawIntBits(f)) + ")";
  }

  private static float[] samples() {
    Random r = new Random(7);
    float[] v = new float[20000];
    for (int i = 0; i < v.length; i++) {
      v[i] =
          switch (i % 4) {
            case 0 -> (float) r.nextGaussian();
            case 1 -> Float.intBitsToFloat(r.nextInt() & 0xbfffffff); // wide exponent range
            case 2 -> (float) (r.nextGaussian() * 1e-5); // f16 subnormal range
            default -> Float.intBitsToFloat((r.nextInt(0x10000) << 16) | 0x8000); // bf16 ties
          };
    }
    v[0] = 65520f;
    v[1] = 65519.99f;
    v[2] = 0x1p-25f;
    v[3] = -0f;
    v[4] = Float.POSITIVE_INFINITY;
    return v;
  }

  private static short[] shorts(byte[] bytes) {
    short[] s = new short[bytes.length / 2];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
    return s;
  }
}
