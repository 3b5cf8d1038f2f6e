package io.minimind.core.train;

/**
 * Which items (samples, preference pairs) each micro-batch of a run covers, so that the data
 * position is a function of the step count alone and a resumed run sees exactly the data an
 * uninterrupted one would.
 *
 * <p>Micro-batch m covers items [j·B, (j+1)·B) of epoch m / M in that epoch's seeded order (M
 * micro-batches per epoch, j = m mod M; the last of an epoch may be smaller); optimizer step s
 * uses micro-batches [s·A, (s+1)·A). This is {@link Trainer}'s plan, shared by the algorithms
 * whose unit of data is not a single sample.
 */
public final class MicroBatchPlan {
  private final int items;
  private final TrainConfig cfg;
  private final DataOrder order;

  /**
   * @param items number of items in the dataset (> 0)
   * @param cfg batch size, accumulation, epochs, step cap, seed and shuffle
   */
  public MicroBatchPlan(int items, TrainConfig cfg) {
    this.items = items;
    this.cfg = cfg;
    this.order = new DataOrder(items, cfg.seed(), cfg.shuffle());
  }

  /** Micro-batches in one epoch. */
  public long perEpoch() {
    return (items + cfg.batchSize() - 1) / cfg.batchSize();
  }

  /** Optimizer steps of the whole run: {@code maxSteps} when set, else all epochs. */
  public long totalSteps() {
    if (cfg.maxSteps() > 0) {
      return cfg.maxSteps();
    }
    long micro = cfg.epochs() * perEpoch();
    return (micro + cfg.accumulationSteps() - 1) / cfg.accumulationSteps();
  }

  /** Index of the {@code a}-th micro-batch (0-based, < accumulation steps) of optimizer step {@code step}. */
  public long microBatch(long step, int a) {
    return step * cfg.accumulationSteps() + a;
  }

  /** The item indices of micro-batch {@code microBatch}, in visiting order. */
  public int[] items(long microBatch) {
    int epoch = epochOf(microBatch);
    int first = (int) ((microBatch % perEpoch()) * cfg.batchSize());
    int last = Math.min(first + cfg.batchSize(), items);
    int[] out = new int[last - first];
    for (int i = first; i < last; i++) {
      out[i - first] = order.sampleAt(epoch, i);
    }
    return out;
  }

  /** Epoch (0-based) of micro-batch {@code microBatch}. */
  public int epochOf(long microBatch) {
    return (int) (microBatch / perEpoch());
  }

  /** Epoch of the last micro-batch of optimizer step {@code step}. */
  public int epochOfStep(long step) {
    return epochOf(microBatch(step, cfg.accumulationSteps() - 1));
  }
}
