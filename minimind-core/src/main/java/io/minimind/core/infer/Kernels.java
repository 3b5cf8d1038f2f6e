package io.minimind.core.infer;

/**
 * Naive scalar reference of every kernel the engine uses; {@link VectorKernels} holds the fast
 * versions and is tested against these. All arrays are flat row-major float32.
 */
public final class Kernels {
  private Kernels() {}

  /**
   * out (B, O) = x (B, I) · wᵀ, w (O, I): out[b][o] = Σ_i x[b][i]·w[o][i], summed in double.
   */
  public static void matmul(float[] x, int rows, int in, float[] w, int outDim, float[] out) {
    for (int b = 0; b < rows; b++) {
      for (int o = 0; o < outDim; o++) {
        double s = 0;
        for (int i = 0; i < in; i++) {
          s += (double) x[b * in + i] * w[o * in + i];
        }
        out[b * outDim + o] = (float) s;
      }
    }
  }

  /**
   * RMSNorm of each row: out[r] = x[r] / sqrt(mean(x[r]²) + eps) · weight. x, out (rows, d).
   */
  public static void rmsNorm(float[] x, float[] weight, float eps, int rows, int d, float[] out) {
    for (int r = 0; r < rows; r++) {
      double ss = 0;
      for (int i = 0; i < d; i++) {
        ss += (double) x[r * d + i] * x[r * d + i];
      }
      float rms = (float) Math.sqrt(ss / d + eps);
      for (int i = 0; i < d; i++) {
        out[r * d + i] = x[r * d + i] / rms * weight[i];
      }
    }
  }

  /**
   * Rotate-half RoPE of {@code heads} consecutive heads of width D = 2·half starting at {@code
   * off}: for i &lt; half, (x1, x2) = (x[i], x[i + half]) → (x1·cos − x2·sin, x2·cos + x1·sin) with
   * cos/sin the rows {@code cos[cosOff .. cosOff + half)}.
   */
  public static void rope(float[] x, int off, int heads, int half, float[] cos, float[] sin, int cosOff) {
    for (int h = 0; h < heads; h++) {
      int base = off + h * 2 * half;
      for (int i = 0; i < half; i++) {
        float x1 = x[base + i];
        float x2 = x[base + half + i];
        float c = cos[cosOff + i];
        float s = sin[cosOff + i];
        x[base + i] = x1 * c - x2 * s;
        x[base + half + i] = x2 * c + x1 * s;
      }
    }
  }

  /** In-place softmax of x[off .. off + n). */
  public static void softmax(float[] x, int off, int n) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, x[off + i]);
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      float e = (float) Math.exp(x[off + i] - max);
      x[off + i] = e;
      sum += e;
    }
    float inv = (float) (1 / sum);
    for (int i = 0; i < n; i++) {
      x[off + i] *= inv;
    }
  }

  /**
   * SwiGLU activation: gateUp (rows, 2F) holds [gate | up] per row; out (rows, F) =
   * silu(gate) ⊙ up with silu(g) = g / (1 + e^(−g)).
   */
  public static void siluGate(float[] gateUp, int rows, int f, float[] out) {
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < f; i++) {
        float g = gateUp[r * 2 * f + i];
        float u = gateUp[r * 2 * f + f + i];
        out[r * f + i] = (float) (g / (1 + Math.exp(-g))) * u;
      }
    }
  }

  /**
   * One query head's causal attention over {@code n} cached keys: out (D) = softmax(q·kⱼ·scale)·V.
   *
   * @param q query at {@code qOff}, width D
   * @param keys (n, D) rows starting at {@code kvOff}; values alike
   */
  public static void attendHead(float[] q, int qOff, float[] keys, float[] values, int kvOff, int n, int dim,
      float scale, float[] out, int outOff) {
    float[] scores = new float[n];
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int i = 0; i < dim; i++) {
        s += (double) q[qOff + i] * keys[kvOff + j * dim + i];
      }
      scores[j] = (float) s * scale;
    }
    softmax(scores, 0, n);
    for (int i = 0; i < dim; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) {
        s += (double) scores[j] * values[kvOff + j * dim + i];
      }
      out[outOff + i] = (float) s;
    }
  }

  /** Index of the largest of x[off .. off + n), the first on ties (as {@code Sampler} does). */
  public static int argmax(float[] x, int off, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (x[off + i] > x[off + best]) {
        best = i;
      }
    }
    return best;
  }
}
