package io.minimind.core.serving;

/**
 * Counters of a {@link ContinuousBatcher} since it started (for metrics and tests).
 *
 * @param steps model steps run
 * @param sequenceSteps sum over steps of the sequences in each (steps × mean batch)
 * @param maxBatchSeen most sequences in one step
 * @param generatedTokens tokens sampled
 * @param prefillTokens prompt tokens processed
 * @param running sequences running now
 * @param queued requests waiting now
 * @param finished requests ended (any reason)
 */
public record BatcherStats(long steps, long sequenceSteps, int maxBatchSeen, long generatedTokens,
    long prefillTokens, int running, int queued, long finished) {

  /** Mean sequences per step (1 means nothing was ever batched). */
  public double meanBatch() {
    return steps == 0 ? 0 : (double) sequenceSteps / steps;
  }
}
