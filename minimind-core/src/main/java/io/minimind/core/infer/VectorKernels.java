package io.minimind.core.infer;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API versions of the {@link Kernels} (same shapes and conventions), for one slice of work
 * each: {@link InferenceEngine} splits the rows across threads. Every dot product, whatever the
 * tile it is computed in, uses one vector accumulator with FMA over the lanes in index order, a
 * lane reduction, then a scalar FMA tail, so a row gives the same floats alone or in a batch.
 *
 * <p>The matmul is register-blocked: with B ≥ 4 activation rows, a tile of 4 activation rows × 2
 * weight rows keeps 8 accumulators live (11 of AVX2's 16 vector registers), so each weight vector
 * loaded serves 4 rows and the weights stream from memory once per step for the whole batch.
 */
public final class VectorKernels {
  static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  static final int LANES = SPECIES.length();

  private VectorKernels() {}

  /**
   * out (B, O) = x (B, I) · wᵀ for the output columns [o0, o1) only; w (O, I).
   */
  public static void matmul(float[] x, int rows, int in, float[] w, int outDim, float[] out, int o0, int o1) {
    int o = o0;
    if (rows >= 4) {
      for (; o + 2 <= o1; o += 2) {
        int b = 0;
        for (; b + 4 <= rows; b += 4) {
          tile4x2(x, b, in, w, o, outDim, out);
        }
        for (; b < rows; b++) {
          out[b * outDim + o] = dot(x, b * in, w, o * in, in);
          out[b * outDim + o + 1] = dot(x, b * in, w, (o + 1) * in, in);
        }
      }
    } else {
      for (; o + 4 <= o1; o += 4) {
        for (int b = 0; b < rows; b++) {
          dot1x4(x, b * in, in, w, o, out, b * outDim + o);
        }
      }
    }
    for (; o < o1; o++) {
      for (int b = 0; b < rows; b++) {
        out[b * outDim + o] = dot(x, b * in, w, o * in, in);
      }
    }
  }

  /** Σ a[aOff + i]·b[bOff + i] for i in [0, n), in the engine's fixed order. */
  public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    int upper = SPECIES.loopBound(n);
    FloatVector acc = FloatVector.zero(SPECIES);
    for (int i = 0; i < upper; i += LANES) {
      acc = FloatVector.fromArray(SPECIES, b, bOff + i).fma(FloatVector.fromArray(SPECIES, a, aOff + i), acc);
    }
    float s = acc.reduceLanes(VectorOperators.ADD);
    for (int i = upper; i < n; i++) {
      s = Math.fma(b[bOff + i], a[aOff + i], s);
    }
    return s;
  }

  /** out[outOff + j] = x row · w row (o + j) for j in 0..3; x row at xOff. */
  private static void dot1x4(float[] x, int xOff, int in, float[] w, int o, float[] out, int outOff) {
    int upper = SPECIES.loopBound(in);
    int w0 = o * in;
    int w1 = w0 + in;
    int w2 = w1 + in;
    int w3 = w2 + in;
    FloatVector a0 = FloatVector.zero(SPECIES);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    for (int i = 0; i < upper; i += LANES) {
      FloatVector xv = FloatVector.fromArray(SPECIES, x, xOff + i);
      a0 = FloatVector.fromArray(SPECIES, w, w0 + i).fma(xv, a0);
      a1 = FloatVector.fromArray(SPECIES, w, w1 + i).fma(xv, a1);
      a2 = FloatVector.fromArray(SPECIES, w, w2 + i).fma(xv, a2);
      a3 = FloatVector.fromArray(SPECIES, w, w3 + i).fma(xv, a3);
    }
    out[outOff] = tail(a0.reduceLanes(VectorOperators.ADD), x, xOff, w, w0, upper, in);
    out[outOff + 1] = tail(a1.reduceLanes(VectorOperators.ADD), x, xOff, w, w1, upper, in);
    out[outOff + 2] = tail(a2.reduceLanes(VectorOperators.ADD), x, xOff, w, w2, upper, in);
    out[outOff + 3] = tail(a3.reduceLanes(VectorOperators.ADD), x, xOff, w, w3, upper, in);
  }

  /** Activation rows b..b+3 × weight rows o, o+1 → 8 outputs. */
  private static void tile4x2(float[] x, int b, int in, float[] w, int o, int outDim, float[] out) {
    int upper = SPECIES.loopBound(in);
    int x0 = b * in;
    int x1 = x0 + in;
    int x2 = x1 + in;
    int x3 = x2 + in;
    int w0 = o * in;
    int w1 = w0 + in;
    FloatVector a00 = FloatVector.zero(SPECIES);
    FloatVector a01 = a00;
    FloatVector a10 = a00;
    FloatVector a11 = a00;
    FloatVector a20 = a00;
    FloatVector a21 = a00;
    FloatVector a30 = a00;
    FloatVector a31 = a00;
    for (int i = 0; i < upper; i += LANES) {
      FloatVector v0 = FloatVector.fromArray(SPECIES, w, w0 + i);
      FloatVector v1 = FloatVector.fromArray(SPECIES, w, w1 + i);
      FloatVector xv = FloatVector.fromArray(SPECIES, x, x0 + i);
      a00 = v0.fma(xv, a00);
      a01 = v1.fma(xv, a01);
      xv = FloatVector.fromArray(SPECIES, x, x1 + i);
      a10 = v0.fma(xv, a10);
      a11 = v1.fma(xv, a11);
      xv = FloatVector.fromArray(SPECIES, x, x2 + i);
      a20 = v0.fma(xv, a20);
      a21 = v1.fma(xv, a21);
      xv = FloatVector.fromArray(SPECIES, x, x3 + i);
      a30 = v0.fma(xv, a30);
      a31 = v1.fma(xv, a31);
    }
    int r = b * outDim + o;
    out[r] = tail(a00.reduceLanes(VectorOperators.ADD), x, x0, w, w0, upper, in);
    out[r + 1] = tail(a01.reduceLanes(VectorOperators.ADD), x, x0, w, w1, upper, in);
    r += outDim;
    out[r] = tail(a10.reduceLanes(VectorOperators.ADD), x, x1, w, w0, upper, in);
    out[r + 1] = tail(a11.reduceLanes(VectorOperators.ADD), x, x1, w, w1, upper, in);
    r += outDim;
    out[r] = tail(a20.reduceLanes(VectorOperators.ADD), x, x2, w, w0, upper, in);
    out[r + 1] = tail(a21.reduceLanes(VectorOperators.ADD), x, x2, w, w1, upper, in);
    r += outDim;
    out[r] = tail(a30.reduceLanes(VectorOperators.ADD), x, x3, w, w0, upper, in);
    out[r + 1] = tail(a31.reduceLanes(VectorOperators.ADD), x, x3, w, w1, upper, in);
  }

  private static float tail(float s, float[] x, int xOff, float[] w, int wOff, int from, int n) {
    for (int i = from; i < n; i++) {
      s = Math.fma(w[wOff + i], x[xOff + i], s);
    }
    return s;
  }

  /** RMSNorm of rows [r0, r1) of x (rows, d) into out; see {@link Kernels#rmsNorm}. */
  public static void rmsNorm(float[] x, float[] weight, float eps, int d, float[] out, int r0, int r1) {
    int upper = SPECIES.loopBound(d);
    for (int r = r0; r < r1; r++) {
      int off = r * d;
      float ss = dot(x, off, x, off, d);
      FloatVector rms = FloatVector.broadcast(SPECIES, (float) Math.sqrt(ss / d + eps));
      int i = 0;
      for (; i < upper; i += LANES) {
        FloatVector.fromArray(SPECIES, x, off + i).div(rms).mul(FloatVector.fromArray(SPECIES, weight, i))
            .intoArray(out, off + i);
      }
      float rmsScalar = rms.lane(0);
      for (; i < d; i++) {
        out[off + i] = x[off + i] / rmsScalar * weight[i];
      }
    }
  }

  /** dst[off + i] += src[off + i] for i in [0, n). */
  public static void addInPlace(float[] dst, float[] src, int off, int n) {
    int upper = SPECIES.loopBound(n);
    int i = 0;
    for (; i < upper; i += LANES) {
      FloatVector.fromArray(SPECIES, dst, off + i).add(FloatVector.fromArray(SPECIES, src, off + i))
          .intoArray(dst, off + i);
    }
    for (; i < n; i++) {
      dst[off + i] += src[off + i];
    }
  }

  /**
   * dst[dstOff + i] += src[srcOff + i]·scale for i in [0, n): the product rounded, then the sum (no
   * fused multiply-add), as the DJL model weights an expert's output and adds it up.
   */
  public static void addScaled(float[] dst, int dstOff, float[] src, int srcOff, float scale, int n) {
    int upper = SPECIES.loopBound(n);
    FloatVector s = FloatVector.broadcast(SPECIES, scale);
    int i = 0;
    for (; i < upper; i += LANES) {
      FloatVector.fromArray(SPECIES, src, srcOff + i).mul(s).add(FloatVector.fromArray(SPECIES, dst, dstOff + i))
          .intoArray(dst, dstOff + i);
    }
    for (; i < n; i++) {
      dst[dstOff + i] += src[srcOff + i] * scale;
    }
  }

  /**
   * SwiGLU activation of rows [r0, r1); see {@link Kernels#siluGate}: gateUp (rows, 2F) = [gate |
   * up] per row, out (rows, F) = silu(gate) ⊙ up. Scalar: {@code Math.exp} has no lane version.
   */
  public static void siluGate(float[] gateUp, int f, float[] out, int r0, int r1) {
    for (int r = r0; r < r1; r++) {
      int g = r * 2 * f; // gate at [g, g+F), up at [g+F, g+2F)
      for (int i = 0; i < f; i++) {
        float gate = gateUp[g + i];
        out[r * f + i] = (float) (gate / (1 + Math.exp(-gate))) * gateUp[g + f + i];
      }
    }
  }

  /**
   * One query head's attention; see {@link Kernels#attendHead}. {@code scores} is scratch of at
   * least n floats.
   */
  public static void attendHead(float[] q, int qOff, float[] keys, float[] values, int kvOff, int n, int dim,
      float scale, float[] out, int outOff, float[] scores) {
    for (int j = 0; j < n; j++) {
      scores[j] = dot(q, qOff, keys, kvOff + j * dim, dim) * scale; // q·kⱼ
    }
    Kernels.softmax(scores, 0, n);
    int upper = SPECIES.loopBound(dim);
    int i = 0;
    for (; i < upper; i += LANES) { // out[i .. i+L) = Σ_j pⱼ·vⱼ[i .. i+L)
      FloatVector acc = FloatVector.zero(SPECIES);
      for (int j = 0; j < n; j++) {
        acc = FloatVector.fromArray(SPECIES, values, kvOff + j * dim + i)
            .fma(FloatVector.broadcast(SPECIES, scores[j]), acc);
      }
      acc.intoArray(out, outOff + i);
    }
    for (; i < dim; i++) {
      float s = 0;
      for (int j = 0; j < n; j++) {
        s = Math.fma(scores[j], values[kvOff + j * dim + i], s);
      }
      out[outOff + i] = s;
    }
  }
}
