package io.minimind.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * Root-mean-square layer norm: y = x / sqrt(mean(x², -1) + eps) · weight.
 *
 * <p>Input (..., d); parameter {@code weight} (d); output (..., d). The statistic is computed in the
 * input's dtype (fp32 on CPU), as MiniMind does after its {@code x.float()}.
 */
public final class RmsNorm extends ModelBlock {
  private final Parameter weight;
  private final float eps;

  public RmsNorm(int dim, double eps) {
    this.weight = onesVector("weight", dim);
    this.eps = (float) eps;
  }

  @Override
  public NDArray forward(NDArray x, boolean training) {
    NDArray meanSquare = x.square().mean(new int[] {-1}, true); // (..., 1)
    NDArray rms = meanSquare.add(GraphConstants.scalar(meanSquare, eps)).sqrt(); // (..., 1)
    // Not in-place: autograd needs every intermediate during training.
    return x.div(rms).mul(weight.getArray()); // (..., d)
  }

  @Override
  public void collectParameters(String prefix, Map<String, Parameter> out) {
    out.put(prefix + "weight", weight);
  }
}
