package io.minimind.core.train;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/** Global-norm gradient clipping as torch's {@code clip_grad_norm_}. */
public final class GradientClipping {
  private GradientClipping() {}

  /**
   * Scales all gradients in place by min(1, maxNorm / (‖g‖ + 1e-6)) where ‖g‖ is the L2 norm over
   * every gradient together.
   *
   * @return the norm before clipping
   */
  public static double clip(Map<String, NDArray> grads, double maxNorm) {
    double sumSquares = 0;
    for (NDArray g : grads.values()) {
      try (NDArray sq = g.square(); NDArray s = sq.sum()) {
        sumSquares += Scalars.asDouble(s);
      }
    }
    double norm = Math.sqrt(sumSquares);
    double coef = maxNorm / (norm + 1e-6);
    if (coef < 1) {
      for (NDArray g : grads.values()) {
        g.muli(coef);
      }
    }
    return norm;
  }
}
