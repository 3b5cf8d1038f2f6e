package io.minimind.core.rl;

import io.minimind.core.sampling.Rng;
import io.minimind.core.train.DataOrder;
import io.minimind.core.train.TrainConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Which prompts and which sampling seed a micro-batch gets. Micro-batch m covers positions
 * [j·B, (j+1)·B) of epoch m / M in that epoch's seeded order (M micro-batches per epoch, j = m mod
 * M), as the supervised {@link io.minimind.core.train.Trainer} does; its rollout seed mixes the run
 * seed with m. Both depend only on (seed, m), so a resumed run draws the same prompts and samples.
 */
public final class PromptBatches {
  private final PromptSource prompts;
  private final TrainConfig cfg;
  private final DataOrder order;

  public PromptBatches(PromptSource prompts, TrainConfig cfg) {
    if (prompts.size() == 0) {
      throw new IllegalArgumentException("no prompts to train on");
    }
    this.prompts = prompts;
    this.cfg = cfg;
    this.order = new DataOrder(prompts.size(), cfg.seed(), cfg.shuffle());
  }

  /** Micro-batches in one epoch (the last may be smaller). */
  public long perEpoch() {
    return (prompts.size() + cfg.batchSize() - 1) / cfg.batchSize();
  }

  /** Optimizer steps of the run: {@code maxSteps}, else every epoch's micro-batches. */
  public long totalSteps() {
    if (cfg.maxSteps() > 0) {
      return cfg.maxSteps();
    }
    long micro = cfg.epochs() * perEpoch();
    return (micro + cfg.accumulationSteps() - 1) / cfg.accumulationSteps();
  }

  public List<RlPrompt> prompts(long microBatch) {
    int epoch = epochOf(microBatch);
    int first = (int) ((microBatch % perEpoch()) * cfg.batchSize());
    int last = Math.min(first + cfg.batchSize(), prompts.size());
    List<RlPrompt> out = new ArrayList<>(last - first);
    for (int i = first; i < last; i++) {
      out.add(prompts.get(order.sampleAt(epoch, i)));
    }
    return out;
  }

  public int epochOf(long microBatch) {
    return (int) (microBatch / perEpoch());
  }

  /** The rollout seed of a micro-batch. */
  public long seed(long microBatch) {
    return new Rng(cfg.seed() * 0x9E3779B97F4A7C15L + microBatch).nextLong();
  }
}
