package io.minimind.core.train;

import java.util.Map;

/**
 * What one optimizer step of any algorithm reports back to the {@link TrainingLoop}.
 *
 * @param loss the step's objective (mean over its micro-batches)
 * @param auxLoss mean MoE load-balancing loss (0 for dense models)
 * @param learningRate learning rate used
 * @param gradNorm global gradient norm before clipping
 * @param positions token positions processed (for tokens/s)
 * @param epoch epoch of the step's last sample (0-based)
 * @param metrics what practitioners watch for this algorithm (reward mean, KL, margin...), by name
 */
public record StepResult(
    double loss,
    double auxLoss,
    double learningRate,
    double gradNorm,
    long positions,
    int epoch,
    Map<String, Double> metrics) {

  public StepResult {
    metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
  }
}
