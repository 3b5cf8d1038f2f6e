package io.minimind.core.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QkPermutationTest {
  /**
   * Hand-worked: 2 heads of D = 4, 1 column. HF rows per head are [a0, a1, b0, b1] where (a_i, b_i)
   * is the rotate-half pair i; llama.cpp wants the pairs adjacent: [a0, b0, a1, b1].
   */
  @Test
  void interleavesTheRotateHalfPairsOfEachHead() {
    float[] hf = {0, 1, 2, 3, 10, 11, 12, 13};
    assertArrayEquals(new float[] {0, 2, 1, 3, 10, 12, 11, 13}, QkPermutation.permute(hf, 2, 1));
  }

  @Test
  void movesWholeRows() {
    // 1 head of D = 4, 2 columns: rows r0..r3 → r0, r2, r1, r3
    float[] hf = {0, 0.5f, 1, 1.5f, 2, 2.5f, 3, 3.5f};
    assertArrayEquals(new float[] {0, 0.5f, 2, 2.5f, 1, 1.5f, 3, 3.5f},
        QkPermutation.permute(hf, 1, 2));
    // D = 8: rows 0..7 → 0, 4, 1, 5, 2, 6, 3, 7
    float[] d8 = {0, 1, 2, 3, 4, 5, 6, 7};
    assertArrayEquals(new float[] {0, 4, 1, 5, 2, 6, 3, 7}, QkPermutation.permute(d8, 1, 1));
  }

  @Test
  void unpermuteGivesBackTheOriginal() {
    float[] w = GgufRoundTripTest.random(6 * 16 * 24, 3);
    assertArrayEquals(w, QkPermutation.unpermute(QkPermutation.permute(w, 6, 24), 6, 24));
    assertArrayEquals(w, QkPermutation.permute(QkPermutation.unpermute(w, 2, 24), 2, 24));
  }

  /**
   * Why the permutation is right: scores q·k under rotate-half RoPE with the HF weights equal the
   * scores under llama.cpp's adjacent-pair RoPE with the permuted weights.
   */
  @Test
  void rotateHalfScoresEqualInterleavedScoresOfThePermutedWeights() {
    int heads = 2;
    int d = 8;
    int cols = 5;
    float[] wq = GgufRoundTripTest.random(heads * d * cols, 11);
    float[] wk = GgufRoundTripTest.random(heads * d * cols, 12);
    float[] x = GgufRoundTripTest.random(cols, 13);
    float[] y = GgufRoundTripTest.random(cols, 14);
    float[] pq = QkPermutation.permute(wq, heads, cols);
    float[] pk = QkPermutation.permute(wk, heads, cols);
    int posQ = 7;
    int posK = 3;
    for (int h = 0; h < heads; h++) {
      double hf = dot(rotateHalf(head(wq, x, h, d, cols), posQ), rotateHalf(head(wk, y, h, d, cols), posK));
      double gg = dot(interleaved(head(pq, x, h, d, cols), posQ), interleaved(head(pk, y, h, d, cols), posK));
      assertEquals(hf, gg, 1e-9);
    }
  }

  private static double[] head(float[] w, float[] x, int h, int d, int cols) {
    double[] out = new double[d];
    for (int r = 0; r < d; r++) {
      for (int c = 0; c < cols; c++) {
        out[r] += (double) w[(h * d + r) * cols + c] * x[c];
      }
    }
    return out;
  }

  private static double freq(int i, int d) {
    return Math.pow(10000, -2.0 * i / d);
  }

  private static double[] rotateHalf(double[] v, int pos) {
    int half = v.length / 2;
    double[] out = new double[v.length];
    for (int i = 0; i < half; i++) {
      double a = pos * freq(i, v.length);
      out[i] = v[i] * Math.cos(a) - v[i + half] * Math.sin(a);
      out[i + half] = v[i + half] * Math.cos(a) + v[i] * Math.sin(a);
    }
    return out;
  }

  private static double[] interleaved(double[] v, int pos) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length / 2; i++) {
      double a = pos * freq(i, v.length);
      out[2 * i] = v[2 * i] * Math.cos(a) - v[2 * i + 1] * Math.sin(a);
      out[2 * i + 1] = v[2 * i + 1] * Math.cos(a) + v[2 * i] * Math.sin(a);
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
