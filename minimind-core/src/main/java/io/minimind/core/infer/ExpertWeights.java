package io.minimind.core.infer;

/**
 * One SwiGLU feed-forward network's weights, as a mixture-of-experts expert (routed or shared):
 * with d = hidden size and F = intermediate size, {@code wGateUp} (2F, d) = gate_proj then up_proj
 * stacked by rows (one matmul reads the input once), {@code wDown} (d, F) = down_proj.
 */
public record ExpertWeights(float[] wGateUp, float[] wDown) {
  long floats() {
    return (long) wGateUp.length + wDown.length;
  }
}
