package io.minimind.core.nn;

import io.minimind.core.model.MiniMindConfig.RopeScaling;

/**
 * Rotary position embedding frequencies, plain Java so they can be checked by hand.
 *
 * <p>Base: f_i = θ^(-2i/D) for i in [0, D/2). With YaRN (MiniMind's {@code rope_scaling}) and a
 * table longer than the original context, frequencies are blended between the original and
 * divided-by-factor values with a linear ramp γ over dimension index: f'_i = f_i·((1-γ_i) + γ_i/s),
 * γ_i = clamp((i - low) / max(high - low, 0.001), 0, 1), where low/high are the dimensions whose
 * wavelength completes beta_fast / beta_slow turns within the original context:
 * dim(b) = D·ln(L_orig / (2π·b)) / (2·ln θ), low = max(floor(dim(β_fast)), 0), high =
 * min(ceil(dim(β_slow)), D/2 - 1).
 */
public final class RopeFrequencies {
  private RopeFrequencies() {}

  /**
   * Inverse frequencies (D/2).
   *
   * @param headDim D
   * @param theta RoPE base
   * @param scaling YaRN settings or null
   * @param tableLength number of positions the table will hold; YaRN applies only beyond the
   *     original context
   */
  public static double[] inverseFrequencies(
      int headDim, double theta, RopeScaling scaling, int tableLength) {
    int half = headDim / 2;
    double[] freqs = new double[half];
    for (int i = 0; i < half; i++) {
      // float32 exponent as in the reference (arange(0, D, 2).float() / D)
      freqs[i] = 1.0 / Math.pow(theta, (2.0 * i) / headDim);
    }
    if (scaling == null || tableLength <= scaling.originalMaxPositionEmbeddings()) {
      return freqs;
    }
    double low = Math.max(Math.floor(correctionDim(scaling.betaFast(), headDim, theta, scaling)), 0);
    double high =
        Math.min(Math.ceil(correctionDim(scaling.betaSlow(), headDim, theta, scaling)), half - 1);
    for (int i = 0; i < half; i++) {
      double ramp = Math.min(1, Math.max(0, (i - low) / Math.max(high - low, 0.001)));
      freqs[i] = freqs[i] * ((1 - ramp) + ramp / scaling.factor());
    }
    return freqs;
  }

  /** Dimension index whose wavelength fits {@code turns} times into the original context. */
  static double correctionDim(double turns, int headDim, double theta, RopeScaling scaling) {
    return headDim
        * Math.log(scaling.originalMaxPositionEmbeddings() / (turns * 2 * Math.PI))
        / (2 * Math.log(theta));
  }

  /**
   * cos and sin tables (length, D), each row the concatenation [cos(p·f), cos(p·f)] as the
   * rotate-half convention needs.
   *
   * @return {cos, sin} flattened row-major
   */
  public static float[][] tables(double[] inverseFrequencies, int length) {
    int half = inverseFrequencies.length;
    int dim = 2 * half;
    float[] cos = new float[length * dim];
    float[] sin = new float[length * dim];
    for (int p = 0; p < length; p++) {
      for (int i = 0; i < half; i++) {
        // The reference multiplies in float32: (float) p * (float) f.
        float angle = (float) p * (float) inverseFrequencies[i];
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
