package io.minimind.core.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Measures fp32 matrix-multiply FLOP/s of the engine: the denominator of MFU. */
public final class MatmulBenchmark {
  private MatmulBenchmark() {}

  /** Best FLOP/s of {@code repeats} n×n×n products (2n³ FLOPs each), after one warm-up. */
  public static double flopsPerSecond(NDManager parent, int n, int repeats) {
    try (NDManager m = parent.newSubManager()) {
      NDArray a = m.randomUniform(-1, 1, new Shape(n, n));
      NDArray b = m.randomUniform(-1, 1, new Shape(n, n));
      a.matMul(b).close();
      double best = 0;
      for (int i = 0; i < repeats; i++) {
        long t0 = System.nanoTime();
        NDArray c = a.matMul(b);
        c.getFloat(0, 0); // force completion
        double s = (System.nanoTime() - t0) / 1e9;
        c.close();
        best = Math.max(best, 2.0 * n * n * n / s);
      }
      return best;
    }
  }
}
