package io.minimind.core.align;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.train.Batch;

/**
 * log π_ref of a micro-batch's responses, the frozen side of the DPO loss. Called outside any
 * gradient collector, so nothing here enters the autograd graph.
 */
@FunctionalInterface
public interface ReferenceLogProbs {
  /**
   * @param pairs the micro-batch's pair indices (dataset pairs, in batch order)
   * @param batch the packed batch: rows [0, P) chosen, [P, 2P) rejected
   * @param scope manager of the micro-batch; the result belongs to it
   * @return (2P) log π_ref of each row's response
   */
  NDArray logProbs(int[] pairs, Batch batch, NDManager scope);

  /**
   * Runs {@code reference} on every batch, as MiniMind does: the reference is a second copy of the
   * initial model, never updated.
   */
  static ReferenceLogProbs onTheFly(MiniMindModel reference) {
    return (pairs, batch, scope) -> {
      NDArray logits = reference.forward(batch.inputArray(scope), null, null, 0, false).logits();
      return SequenceLogProbs.sum(logits, batch.targetArray(scope), batch.weightArray(scope));
    };
  }
}
