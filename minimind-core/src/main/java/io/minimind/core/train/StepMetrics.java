package io.minimind.core.train;

/**
 * What one optimizer step reports.
 *
 * @param step optimizer steps completed (1-based)
 * @param totalSteps planned optimizer steps of the run
 * @param epoch epoch of the last micro-batch (0-based)
 * @param loss the step's objective (next-token cross-entropy for pretraining and SFT)
 * @param auxLoss mean MoE load-balancing loss (0 for dense models)
 * @param learningRate learning rate used for the step
 * @param gradNorm global gradient norm before clipping
 * @param tokensPerSecond positions processed per second since the run (re)started
 * @param etaSeconds estimated seconds until the run's last step
 * @param metrics the algorithm's own numbers (reward mean, KL, clip fraction, margin...) by name;
 *     empty for pretraining and SFT
 */
public record StepMetrics(
    long step,
    long totalSteps,
    int epoch,
    double loss,
    double auxLoss,
    double learningRate,
    double gradNorm,
    double tokensPerSecond,
    double etaSeconds,
    java.util.Map<String, Double> metrics) {

  public StepMetrics {
    metrics = metrics == null ? java.util.Map.of() : java.util.Map.copyOf(metrics);
  }
}
