package io.minimind.core.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The emulated selection against libtorch's own topk (through DJL, as the DJL model routes) on
 * vectors full of exact ties, across both of ATen's paths (nth_element when k·64 &gt; n, partial
 * sort when k·64 ≤ n) and with NaNs.
 */
class TorchTopKTest {
  private static final int ROWS = 300;
  private int tiedRows;

  /** Values from a set of 3 (so most rows have ties at the k-th place), some NaN if asked. */
  private static float[] tieHeavy(SplittableRandom rng, int n, boolean nans) {
    float[] v = new float[ROWS * n];
    for (int i = 0; i < v.length; i++) {
      v[i] = nans && rng.nextInt(20) == 0 ? Float.NaN : rng.nextInt(3) * 0.25f;
    }
    return v;
  }

  private void compare(NDManager m, float[] x, int n, int k) {
    int[] want = new int[ROWS * k];
    try (NDManager scope = m.newSubManager()) {
      NDList top = scope.create(x, new Shape(ROWS, n)).topK(k, -1, true, true);
      long[] idx = top.get(1).toLongArray(); // (ROWS, k)
      for (int i = 0; i < idx.length; i++) {
        want[i] = (int) idx[i];
      }
    }
    TorchTopK topK = new TorchTopK(n);
    int[] got = new int[ROWS * k];
    for (int r = 0; r < ROWS; r++) {
      topK.select(x, r * n, n, k, got, r * k);
    }
    for (int r = 0; r < ROWS; r++) { // the same set per row (the order inside it is not used)
      int[] a = Arrays.copyOfRange(want, r * k, (r + 1) * k);
      int[] b = Arrays.copyOfRange(got, r * k, (r + 1) * k);
      Arrays.sort(a);
      Arrays.sort(b);
      assertArrayEquals(a, b, "n " + n + ", k " + k + ", row " + r + ": "
          + Arrays.toString(Arrays.copyOfRange(x, r * n, (r + 1) * n)));
      float[] sorted = Arrays.copyOfRange(x, r * n, (r + 1) * n);
      Arrays.sort(sorted);
      if (k < n && Float.compare(sorted[n - k], sorted[n - k - 1]) == 0) {
        tiedRows++; // the k-th and (k+1)-th largest are equal: the choice is up to tie-breaking
      }
    }
  }

  @Test
  void picksTheSameExpertsAsLibtorchOnExactTies() {
    SplittableRandom rng = new SplittableRandom(3);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      for (int n : new int[] {1, 2, 3, 4, 5, 8, 13, 16, 33, 63}) {
        for (int k = 1; k <= n; k++) {
          compare(m, tieHeavy(rng, n, false), n, k);
        }
      }
      for (int n : new int[] {64, 65, 128, 129, 200, 256}) { // partial_sort when k·64 ≤ n
        for (int k : new int[] {1, 2, 3, 4, 8, n / 2, n}) {
          compare(m, tieHeavy(rng, n, false), n, k);
        }
      }
    }
    System.out.printf("torch topk emulation: %d rows decided by a tie at the k-th place%n", tiedRows);
    assertTrue(tiedRows > 10_000, "the vectors should exercise tie-breaking, tied rows " + tiedRows);
  }

  @Test
  void nanCountsAsTheLargestValueAsInLibtorch() {
    SplittableRandom rng = new SplittableRandom(4);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      for (int n : new int[] {4, 8, 64, 130}) {
        for (int k : new int[] {1, 2, 3}) {
          compare(m, tieHeavy(rng, n, true), n, k);
        }
      }
    }
  }

  @Test
  void allEqualScoresPickWhatLibtorchPicks() {
    // a zero gate: every expert has probability 1/E; no order of values to go by at all
    int[] got = new int[2];
    new TorchTopK(4).select(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, 0, 4, 2, got, 0);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray idx = m.create(new float[] {0.25f, 0.25f, 0.25f, 0.25f}).topK(2, -1, true, true).get(1);
      int[] want = Arrays.stream(idx.toLongArray()).mapToInt(v -> (int) v).sorted().toArray();
      Arrays.sort(got);
      assertArrayEquals(want, got);
    }
  }
}
