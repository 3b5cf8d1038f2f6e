package io.minimind.core.export;

import io.minimind.core.io.HalfFloats;

/**
 * ggml's Q8_0 quantization, as {@code quantize_row_q8_0_ref} does it: values are cut into blocks
 * of 32; each block stores a scale {@code d = max|x| / 127} as f16 followed by 32 int8 quants
 * {@code q = roundf(x / d)} (round half away from zero; computed as x · (1/d) like ggml). A value
 * decodes as {@code q · d}, with d read back from f16.
 *
 * <p>Error bound per element: {@code |x − q·d16| ≤ d/2 + 127·|d − d16|}, where d16 is d rounded to
 * f16 (relative rounding ≤ 2⁻¹¹); it is exactly d/2 when d is representable in f16.
 */
public final class Q80 {
  /** Elements per block. */
  public static final int BLOCK = 32;
  /** Bytes per block: f16 scale + 32 int8. */
  public static final int BLOCK_BYTES = 34;

  private Q80() {}

  /** Quantizes {@code x} (length a multiple of 32) to {@code x.length / 32 · 34} bytes. */
  public static byte[] quantize(float[] x) {
    if (x.length % BLOCK != 0) {
      throw new IllegalArgumentException("Q8_0 needs a multiple of 32 values, got " + x.length);
    }
    int blocks = x.length / BLOCK;
    byte[] out = new byte[blocks * BLOCK_BYTES];
    for (int b = 0; b < blocks; b++) {
      int base = b * BLOCK;
      float amax = 0;
      for (int j = 0; j < BLOCK; j++) {
        amax = Math.max(amax, Math.abs(x[base + j]));
      }
      float d = amax / 127f;
      float id = d != 0 ? 1.0f / d : 0.0f;
      short half = HalfFloats.floatToHalf(d);
      int o = b * BLOCK_BYTES;
      out[o] = (byte) half;
      out[o + 1] = (byte) (half >>> 8);
      for (int j = 0; j < BLOCK; j++) {
        out[o + 2 + j] = (byte) roundHalfAway(x[base + j] * id);
      }
    }
    return out;
  }

  /** Decodes {@code count} values from Q8_0 blocks starting at {@code offset}. */
  public static float[] dequantize(byte[] data, int offset, int count) {
    if (count % BLOCK != 0) {
      throw new IllegalArgumentException("Q8_0 holds multiples of 32 values, asked " + count);
    }
    float[] out = new float[count];
    for (int b = 0; b < count / BLOCK; b++) {
      int o = offset + b * BLOCK_BYTES;
      float d = HalfFloats.halfToFloat((short) ((data[o] & 0xff) | (data[o + 1] << 8)));
      for (int j = 0; j < BLOCK; j++) {
        out[b * BLOCK + j] = data[o + 2 + j] * d;
      }
    }
    return out;
  }

  /** C's {@code roundf}: ties away from zero (Java's Math.round rounds ties up). */
  static int roundHalfAway(float v) {
    return (int) Math.copySign(Math.floor(Math.abs(v) + 0.5f), v);
  }
}
