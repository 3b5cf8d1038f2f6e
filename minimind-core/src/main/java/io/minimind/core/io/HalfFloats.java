package io.minimind.core.io;

/**
 * Bit-exact conversions between float32 and the two 16-bit float formats, for Java 17 (which has no
 * {@code Float.float16ToFloat}). Narrowing rounds to nearest, ties to even, as PyTorch does.
 *
 * <ul>
 *   <li>IEEE half (f16): 1 sign, 5 exponent (bias 15), 10 mantissa bits.
 *   <li>bfloat16: the top 16 bits of a float32 (1 sign, 8 exponent, 7 mantissa bits).
 * </ul>
 */
public final class HalfFloats {
  private HalfFloats() {}

  /** f16 bits to float32; exact for every input, including subnormals, infinities and NaN. */
  public static float halfToFloat(short half) {
    int h = half & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1f;
    int mant = h & 0x3ff;
    if (exp == 0) {
      // zero or subnormal: mant * 2^-24, exact in float32
      float v = mant * 0x1p-24f;
      return sign != 0 ? -v : v;
    }
    if (exp == 0x1f) {
      // infinity (mant == 0) or NaN (payload kept in the top mantissa bits)
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
  }

  /** float32 to f16 bits, round to nearest even; overflow gives infinity, NaN stays a quiet NaN. */
  public static short floatToHalf(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int abs = bits & 0x7fffffff;
    if (abs > 0x7f800000) {
      return (short) (sign | 0x7e00 | ((abs >>> 13) & 0x3ff)); // quiet NaN
    }
    if (abs >= 0x47800000) {
      return (short) (sign | 0x7c00); // >= 65536 (or inf): infinity
    }
    if (abs < 0x38800000) {
      // below 2^-14, the smallest normal half: a multiple of 2^-24; rint is ties-to-even.
      // Scaling by 2^24 is exact; a result of 1024 is the smallest normal (0x0400), as it should.
      int m = (int) Math.rint(Float.intBitsToFloat(abs) * 0x1p24f);
      return (short) (sign | m);
    }
    int exp = (abs >>> 23) - 127 + 15; // 1..30
    int mant = abs & 0x7fffff;
    int h = (exp << 10) | (mant >>> 13);
    int rest = mant & 0x1fff;
    if (rest > 0x1000 || (rest == 0x1000 && (h & 1) == 1)) {
      h++; // a carry into the exponent is right, up to 0x7c00 = infinity
    }
    return (short) (sign | h);
  }

  /** bfloat16 bits to float32 (exact). */
  public static float bf16ToFloat(short bf16) {
    return Float.intBitsToFloat((bf16 & 0xffff) << 16);
  }

  /**
   * float32 to bfloat16 bits, round to nearest even, exactly like PyTorch's {@code
   * c10::round_to_nearest_even}: every NaN becomes 0x7FC0.
   */
  public static short floatToBf16(float f) {
    if (Float.isNaN(f)) {
      return (short) 0x7fc0;
    }
    int bits = Float.floatToRawIntBits(f);
    int bias = ((bits >>> 16) & 1) + 0x7fff;
    return (short) ((bits + bias) >>> 16);
  }
}
