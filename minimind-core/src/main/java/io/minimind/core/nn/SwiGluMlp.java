package io.minimind.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * SwiGLU feed-forward: down(silu(gate(x)) ⊙ up(x)).
 *
 * <p>Input (..., d). Parameters gate_proj (F, d), up_proj (F, d), down_proj (d, F). Output (..., d).
 */
public final class SwiGluMlp extends ModelBlock {
  private final Parameter w1; // gate_proj
  private final Parameter w3; // up_proj
  private final Parameter w2; // down_proj

  public SwiGluMlp(int hidden, int intermediate) {
    this.w1 = linearWeight("gate_proj", intermediate, hidden);
    this.w3 = linearWeight("up_proj", intermediate, hidden);
    this.w2 = linearWeight("down_proj", hidden, intermediate);
  }

  @Override
  public NDArray forward(NDArray x, boolean training) {
    NDArray g = linear(x, w1); // (..., F)
    NDArray gated = g.mul(Activation.sigmoid(g)).mul(linear(x, w3)); // silu(g) ⊙ up: (..., F)
    return linear(gated, w2); // (..., d)
  }

  @Override
  public void collectParameters(String prefix, Map<String, Parameter> out) {
    out.put(prefix + "gate_proj.weight", w1);
    out.put(prefix + "up_proj.weight", w3);
    out.put(prefix + "down_proj.weight", w2);
  }
}
