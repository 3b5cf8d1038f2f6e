package io.minimind.core.rl;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * A loss to back-propagate and what to log about it.
 *
 * @param loss scalar objective (minimised)
 * @param metrics numbers computed alongside (KL to the reference, clip fraction...) by name
 */
public record LossTerms(NDArray loss, Map<String, Double> metrics) {
  public LossTerms {
    metrics = Map.copyOf(metrics);
  }
}
