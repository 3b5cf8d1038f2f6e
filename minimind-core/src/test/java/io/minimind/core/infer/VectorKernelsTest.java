package io.minimind.core.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each Vector API kernel against its naive scalar reference, on sizes that leave lane tails. */
class VectorKernelsTest {
  private static final SplittableRandom RNG = new SplittableRandom(7);

  static float[] random(int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (RNG.nextDouble() * 2 - 1);
    }
    return out;
  }

  static float maxDiff(float[] a, float[] b) {
    float m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  @Test
  void matmulMatchesTheNaiveReferenceForEveryTileShapeAndTail() {
    int[] rowCounts = {1, 2, 3, 4, 5, 7, 8, 9, 16, 17};
    int[] ins = {1, 7, 37, 64, 67, 130};
    int[] outs = {1, 3, 13, 33};
    for (int rows : rowCounts) {
      for (int in : ins) {
        for (int outDim : outs) {
          float[] x = random(rows * in);
          float[] w = random(outDim * in);
          float[] want = new float[rows * outDim];
          Kernels.matmul(x, rows, in, w, outDim, want);
          float[] got = new float[rows * outDim];
          int split = outDim / 3; // two slices, as two threads would compute them
          VectorKernels.matmul(x, rows, in, w, outDim, got, 0, split);
          VectorKernels.matmul(x, rows, in, w, outDim, got, split, outDim);
          float diff = maxDiff(want, got);
          assertTrue(diff < 1e-5f * Math.max(1, Math.sqrt(in)),
              "rows " + rows + " in " + in + " out " + outDim + ": max abs diff " + diff);
        }
      }
    }
  }

  @Test
  void aRowGetsTheSameFloatsWhateverItsBatch() {
    int in = 67;
    int outDim = 29;
    float[] w = random(outDim * in);
    float[] batch = random(9 * in);
    float[] all = new float[9 * outDim];
    VectorKernels.matmul(batch, 9, in, w, outDim, all, 0, outDim);
    for (int r = 0; r < 9; r++) {
      float[] row = new float[in];
      System.arraycopy(batch, r * in, row, 0, in);
      float[] alone = new float[outDim];
      VectorKernels.matmul(row, 1, in, w, outDim, alone, 0, outDim);
      for (int o = 0; o < outDim; o++) {
        assertEquals(alone[o], all[r * outDim + o], 0f, "row " + r + " column " + o);
      }
    }
  }

  @Test
  void rmsNormMatchesTheReference() {
    for (int d : new int[] {1, 5, 8, 60, 67}) {
      float[] x = random(3 * d);
      float[] weight = random(d);
      float[] want = new float[3 * d];
      Kernels.rmsNorm(x, weight, 1e-5f, 3, d, want);
      float[] got = new float[3 * d];
      VectorKernels.rmsNorm(x, weight, 1e-5f, d, got, 0, 3);
      assertTrue(maxDiff(want, got) < 1e-5f, "d " + d + ": " + maxDiff(want, got));
    }
  }

  @Test
  void attentionOfOneHeadMatchesTheReference() {
    for (int dim : new int[] {2, 10, 16, 18, 64}) {
      for (int n : new int[] {1, 2, 9, 40}) {
        float[] q = random(dim);
        float[] keys = random(3 * n * dim); // offset into the middle of a larger cache
        float[] values = random(3 * n * dim);
        float scale = (float) (1 / Math.sqrt(dim));
        float[] want = new float[dim + 1];
        Kernels.attendHead(q, 0, keys, values, n * dim, n, dim, scale, want, 1);
        float[] got = new float[dim + 1];
        VectorKernels.attendHead(q, 0, keys, values, n * dim, n, dim, scale, got, 1, new float[n]);
        assertTrue(maxDiff(want, got) < 1e-5f, "dim " + dim + " n " + n + ": " + maxDiff(want, got));
      }
    }
  }

  @Test
  void addInPlaceAndSoftmax() {
    float[] a = random(37);
    float[] b = random(37);
    float[] want = a.clone();
    for (int i = 3; i < 36; i++) {
      want[i] += b[i];
    }
    VectorKernels.addInPlace(a, b, 3, 33);
    assertArrayEquals(want, a, 0f);
    float[] p = {1, 2, 3, Float.NEGATIVE_INFINITY};
    Kernels.softmax(p, 0, 4);
    assertEquals(1.0, p[0] + p[1] + p[2] + p[3], 1e-6);
    assertEquals(0f, p[3]);
    assertEquals(Math.exp(-1) / (1 + Math.exp(-1) + Math.exp(-2)), p[1], 1e-6);
  }

  @Test
  void ropeRotatesEachHalfPairByItsAngle() {
    float[] x = {1, 2, 3, 4, 5, 6, 7, 8}; // 2 heads of D = 4
    float[] cos = {0.5f, 1f};
    float[] sin = {0.25f, 0f};
    Kernels.rope(x, 0, 2, 2, cos, sin, 0);
    // head 0: (x1, x2) = (1, 3) → (1·0.5 − 3·0.25, 3·0.5 + 1·0.25); (2, 4) unrotated (angle 0)
    assertArrayEquals(new float[] {-0.25f, 2, 1.75f, 4, 2.5f - 1.75f, 6, 3.5f + 1.25f, 8}, x, 1e-6f);
  }
}
