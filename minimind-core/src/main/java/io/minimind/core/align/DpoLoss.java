package io.minimind.core.align;

import ai.djl.ndarray.NDArray;
import io.minimind.core.nn.GraphConstants;

/**
 * The DPO objective of Rafailov et al. (2023), as MiniMind's {@code train_dpo.py} computes it: for
 * each pair (chosen c, rejected r) with response log-likelihoods from {@link SequenceLogProbs},
 *
 * <pre>
 *   loss = −log σ(β · ((log π(c) − log π_ref(c)) − (log π(r) − log π_ref(r))))
 * </pre>
 *
 * averaged over the pairs. The implicit rewards practitioners watch are β·(log π − log π_ref) of
 * each response; the margin is chosen minus rejected reward, and accuracy the fraction of pairs
 * whose margin is positive (a tie, as at step 0 where π = π_ref, does not count).
 *
 * <p>Layout, as MiniMind concatenates its batch: rows [0, P) are the chosen responses and rows
 * [P, 2P) the rejected ones, row P + i being pair i's rejected response.
 */
public final class DpoLoss {
  private DpoLoss() {}

  /**
   * The loss (in the autograd graph of {@code policy}) and each pair's rewards (plain numbers).
   *
   * @param loss scalar mean over pairs
   * @param chosenRewards β·(log π(c) − log π_ref(c)) per pair
   * @param rejectedRewards β·(log π(r) − log π_ref(r)) per pair
   */
  public record Result(NDArray loss, double[] chosenRewards, double[] rejectedRewards) {}

  /**
   * @param policy (2P) log π of each response (chosen rows first)
   * @param reference (2P) log π_ref of the same responses, without gradient
   * @param beta DPO temperature β > 0 (MiniMind's script: 0.15; the pipeline default: 0.1)
   */
  public static Result compute(NDArray policy, NDArray reference, double beta) {
    long rows = policy.getShape().get(0);
    if (rows % 2 != 0 || rows == 0 || reference.getShape().get(0) != rows) {
      throw new IllegalArgumentException("DPO needs 2P policy and reference log-probs (chosen rows"
          + " first), got " + policy.getShape() + " and " + reference.getShape());
    }
    if (!(beta > 0)) {
      throw new IllegalArgumentException("beta must be > 0, got " + beta);
    }
    int pairs = (int) (rows / 2);
    NDArray ratio = policy.sub(reference); // (2P) log π − log π_ref
    NDArray chosen = ratio.get("0:" + pairs); // (P)
    NDArray rejected = ratio.get(pairs + ":"); // (P)
    NDArray z = chosen.sub(rejected).mul(GraphConstants.scalar(ratio, beta)); // (P)
    // −log σ(z) = softplus(−z), which libtorch evaluates without overflow for large |z|.
    NDArray loss = z.neg().getNDArrayInternal().softPlus().mean(); // scalar
    float[] r = ratio.stopGradient().toFloatArray(); // (2P)
    double[] chosenRewards = new double[pairs];
    double[] rejectedRewards = new double[pairs];
    for (int i = 0; i < pairs; i++) {
      chosenRewards[i] = beta * r[i];
      rejectedRewards[i] = beta * r[pairs + i];
    }
    return new Result(loss, chosenRewards, rejectedRewards);
  }
}
