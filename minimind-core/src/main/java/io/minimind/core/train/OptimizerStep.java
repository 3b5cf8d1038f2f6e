package io.minimind.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The update that closes every step, whatever the objective: collect the accumulated gradients,
 * clip their global norm, apply AdamW at the scheduled learning rate, zero the gradients.
 */
public final class OptimizerStep {
  private OptimizerStep() {}

  /** Result of one update. */
  public record Update(double learningRate, double gradNorm) {}

  /**
   * @param params the trainable parameters (those without a gradient are skipped)
   * @param lr learning rate of this step
   * @param clip max global gradient norm
   */
  public static Update apply(Map<String, Parameter> params, AdamW optimizer, double lr, double clip) {
    Map<String, NDArray> grads = gradients(params);
    try {
      double norm = GradientClipping.clip(grads, clip);
      optimizer.step(params, grads, lr);
      return new Update(lr, norm);
    } finally {
      for (NDArray g : grads.values()) {
        g.subi(g); // zero in place: the next backward accumulates into the same buffer
        g.close();
      }
    }
  }

  /** {@link #apply} at MiniMind's scheduled learning rate for {@code step} of {@code totalSteps}. */
  public static Update scheduled(Map<String, Parameter> params, AdamW optimizer, TrainConfig cfg,
      long step, long totalSteps) {
    double lr = LrSchedule.minimind(step, totalSteps, cfg.learningRate());
    return apply(params, optimizer, lr, cfg.gradClip());
  }

  private static Map<String, NDArray> gradients(Map<String, Parameter> params) {
    Map<String, NDArray> grads = new LinkedHashMap<>();
    for (Map.Entry<String, Parameter> e : params.entrySet()) {
      NDArray p = e.getValue().getArray();
      if (p.hasGradient()) {
        grads.put(e.getKey(), p.getGradient());
      }
    }
    return grads;
  }
}
