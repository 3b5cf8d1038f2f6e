package io.minimind.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import io.minimind.core.nn.GraphConstants;

/**
 * One micro-batch's share of a step's gradient: backpropagates (loss + aux) / accumulationSteps,
 * so the accumulated gradient is that of the step's mean loss, whatever the objective.
 */
public final class MicroBatchGradients {
  private MicroBatchGradients() {}

  /**
   * @param loss the micro-batch's scalar objective (with its graph)
   * @param auxLoss the MoE load-balancing loss, or null (dense models, or already inside loss)
   * @param micro micro-batches per optimizer step
   */
  public static void backward(GradientCollector collector, NDArray loss, NDArray auxLoss, int micro) {
    NDArray objective = auxLoss == null ? loss : loss.add(auxLoss);
    collector.backward(objective.div(GraphConstants.scalar(objective, micro)));
  }

  /**
   * {@link #backward}, then the loss as a number, refusing a NaN or infinite one: the weights would
   * be ruined by the update, so the run stops at the last good checkpoint instead.
   *
   * @param what names the loss in the error ("loss", "DPO loss"...)
   * @param step 0-based step; micro-batch {@code microBatch} of it
   * @throws TrainingDivergedException when the loss is not finite
   */
  public static double backwardFinite(GradientCollector collector, NDArray loss, NDArray auxLoss,
      int micro, String what, long step, int microBatch) {
    backward(collector, loss, auxLoss, micro);
    double value = Scalars.asDouble(loss);
    if (!Double.isFinite(value)) {
      throw new TrainingDivergedException(what + " is " + value + " at step " + (step + 1)
          + " (micro-batch " + microBatch + "); lower the learning rate");
    }
    return value;
  }
}
