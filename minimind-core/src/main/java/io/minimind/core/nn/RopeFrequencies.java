package io.minimind.core.nn;

import io.minimind.core.model.MiniMindConfig.RopeScaling;

/**
 * Rotary position embedding frequencies, plain Java so they can be checked by hand. Arithmetic is
 * float32 where MiniMind's PyTorch code uses float32, so tables match it bit for bit or within an
 * ulp.
 *
 * <p>Base: f_i = 1 / θ^(2i/D) for i in [0, D/2). MiniMind's YaRN variant (its {@code rope_scaling},
 * applied only when the table is longer than the original context L): let c be the first index
 * whose wavelength 2π/f_i exceeds L (D/2 if none) and β_i = β_slow + (β_fast − β_slow)·i/(D/2 − 1);
 * then f'_i = f_i·(β_i·s − β_i + 1)/(β_i·s) for i &lt; c, and f'_i = f_i/s for the rest (s =
 * factor). Cos/sin are not rescaled (no attention temperature).
 */
public final class RopeFrequencies {
  private RopeFrequencies() {}

  /**
   * Inverse frequencies (D/2), float32 values.
   *
   * @param headDim D
   * @param theta RoPE base
   * @param scaling YaRN settings or null
   * @param tableLength positions the table will hold; YaRN applies only beyond the original context
   */
  public static float[] inverseFrequencies(int headDim, double theta, RopeScaling scaling, int tableLength) {
    int half = headDim / 2;
    float[] freqs = new float[half];
    for (int i = 0; i < half; i++) {
      float exponent = (float) (2 * i) / (float) headDim;
      freqs[i] = 1.0f / (float) Math.pow((float) theta, exponent);
    }
    if (scaling == null || (double) tableLength / scaling.originalMaxPositionEmbeddings() <= 1.0) {
      return freqs;
    }
    int corr = correctionIndex(freqs, scaling.originalMaxPositionEmbeddings());
    float factor = (float) scaling.factor();
    for (int i = 0; i < half; i++) {
      float power = (float) i / Math.max(half - 1, 1);
      float beta = (float) (scaling.betaSlow() + (scaling.betaFast() - scaling.betaSlow()) * power);
      float scale = i < corr ? (beta * factor - beta + 1) / (beta * factor) : 1.0f / factor;
      freqs[i] = freqs[i] * scale;
    }
    return freqs;
  }

  /** First dimension whose wavelength exceeds the original context (D/2 if none does). */
  static int correctionIndex(float[] freqs, int originalContext) {
    for (int i = 0; i < freqs.length; i++) {
      if (2 * Math.PI / freqs[i] > originalContext) {
        return i;
      }
    }
    return freqs.length;
  }

  /**
   * cos and sin tables (length, D), each row [cos(p·f), cos(p·f)] as the rotate-half convention
   * needs.
   *
   * @return {cos, sin} flattened row-major
   */
  public static float[][] tables(float[] inverseFrequencies, int length) {
    int half = inverseFrequencies.length;
    int dim = 2 * half;
    float[] cos = new float[length * dim];
    float[] sin = new float[length * dim];
    for (int p = 0; p < length; p++) {
      for (int i = 0; i < half; i++) {
        float angle = (float) p * inverseFrequencies[i]; // torch.outer in float32
        float c = (float) Math.cos(angle);
        float s = (float) Math.sin(angle);
        cos[p * dim + i] = c;
        cos[p * dim + half + i] = c;
        sin[p * dim + i] = s;
        sin[p * dim + half + i] = s;
      }
    }
    return new float[][] {cos, sin};
  }
}
