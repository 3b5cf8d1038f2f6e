package io.minimind.core.nn;

import ai.djl.ndarray.NDArray;

/**
 * A correction added to one linear projection of a model: the projection computes x·Wᵀ +
 * {@link #delta}(x). LoRA ({@link io.minimind.core.lora}) is the implementation; the hook lives in
 * {@link ModelBlock#linear}.
 */
@FunctionalInterface
public interface LinearAdapter {
  /**
   * @param x the projection's input (..., in)
   * @return the term added to x·Wᵀ, (..., out)
   */
  NDArray delta(NDArray x);
}
