package io.minimind.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW with decoupled weight decay, as {@code torch.optim.AdamW}:
 *
 * <pre>
 *   p ← p·(1 − lr·wd)
 *   m ← β1·m + (1−β1)·g          v ← β2·v + (1−β2)·g²
 *   p ← p − lr/(1−β1^t) · m / (√v / √(1−β2^t) + ε)
 * </pre>
 *
 * State (m, v per parameter and the step count t) is exposed so checkpoints can store it exactly.
 * Updates run in place with autograd off (outside any gradient collector).
 */
public final class AdamW implements AutoCloseable {
  private final NDManager manager;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private final LinkedHashMap<String, NDArray> firstMoment = new LinkedHashMap<>();
  private final LinkedHashMap<String, NDArray> secondMoment = new LinkedHashMap<>();
  private long step;

  public AdamW(NDManager parent, double beta1, double beta2, double eps, double weightDecay) {
    this.manager = parent.newSubManager();
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
  }

  /** torch's defaults (β 0.9/0.999, ε 1e-8, weight decay 0.01), which MiniMind uses. */
  public static AdamW torchDefaults(NDManager parent) {
    return new AdamW(parent, 0.9, 0.999, 1e-8, 0.01);
  }

  /** Number of updates applied so far (t). */
  public long stepCount() {
    return step;
  }

  /**
   * Applies one update to every parameter with a gradient.
   *
   * @param params parameters by name
   * @param grads their gradients (same keys), already clipped
   * @param lr learning rate for this step
   */
  public void step(Map<String, Parameter> params, Map<String, NDArray> grads, double lr) {
    step++;
    double bc1 = 1 - Math.pow(beta1, step);
    double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
    float stepSize = (float) (lr / bc1);
    for (Map.Entry<String, Parameter> e : params.entrySet()) {
      NDArray g = grads.get(e.getKey());
      if (g == null) {
        continue;
      }
      NDArray p = e.getValue().getArray();
      NDArray m = firstMoment.computeIfAbsent(e.getKey(), k -> zerosLike(p));
      NDArray v = secondMoment.computeIfAbsent(e.getKey(), k -> zerosLike(p));
      try (NDManager scope = manager.newSubManager()) {
        NDArray gScoped = g.duplicate();
        gScoped.attach(scope);
        m.muli(beta1).addi(gScoped.mul(1 - beta1));
        v.muli(beta2).addi(gScoped.square().muli(1 - beta2));
        NDArray denom = v.sqrt();
        denom.attach(scope);
        denom.divi(bc2Sqrt).addi(eps);
        NDArray update = m.div(denom);
        update.attach(scope);
        p.muli(1 - lr * weightDecay);
        p.subi(update.muli(stepSize));
      }
    }
  }

  private NDArray zerosLike(NDArray p) {
    return manager.zeros(p.getShape(), p.getDataType());
  }

  /** First moments by parameter name (live arrays; copy before changing). */
  public Map<String, NDArray> firstMoments() {
    return firstMoment;
  }

  /** Second moments by parameter name. */
  public Map<String, NDArray> secondMoments() {
    return secondMoment;
  }

  /** Restores state saved from {@link #firstMoments()}, {@link #secondMoments()} and the step. */
  public void restore(Map<String, NDArray> m, Map<String, NDArray> v, long stepCount) {
    firstMoment.values().forEach(NDArray::close);
    secondMoment.values().forEach(NDArray::close);
    firstMoment.clear();
    secondMoment.clear();
    m.forEach((k, a) -> firstMoment.put(k, own(a)));
    v.forEach((k, a) -> secondMoment.put(k, own(a)));
    this.step = stepCount;
  }

  private NDArray own(NDArray a) {
    NDArray copy = a.duplicate();
    copy.attach(manager);
    return copy;
  }

  @Override
  public void close() {
    manager.close();
  }
}
