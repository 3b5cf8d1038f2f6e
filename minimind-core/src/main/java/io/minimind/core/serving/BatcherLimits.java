package io.minimind.core.serving;

import java.time.Duration;

/**
 * Admission and scheduling limits of a {@link ContinuousBatcher}.
 *
 * @param maxBatch sequences running at once
 * @param maxQueued requests waiting for a place; one more is refused (HTTP 429)
 * @param kvTokenBudget KV-cache positions reserved by running sequences at most (each reserves
 *     prompt + max tokens); bounds memory
 * @param prefillChunk prompt tokens one sequence processes per step at most
 * @param prefillTokensPerStep prompt tokens of all sequences per step at most, so a long prompt
 *     does not stall the streams that are decoding
 * @param requestTimeout a request still running after this long fails
 */
public record BatcherLimits(int maxBatch, int maxQueued, long kvTokenBudget, int prefillChunk,
    int prefillTokensPerStep, Duration requestTimeout) {

  public BatcherLimits {
    if (maxBatch < 1 || maxQueued < 0 || kvTokenBudget < 1 || prefillChunk < 1
        || prefillTokensPerStep < 1 || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("invalid batcher limits: " + maxBatch + ", " + maxQueued
          + ", " + kvTokenBudget + ", " + prefillChunk + ", " + prefillTokensPerStep + ", " + requestTimeout);
    }
  }

  public static BatcherLimits defaults() {
    return new BatcherLimits(16, 256, 16L * 2048, 128, 256, Duration.ofMinutes(5));
  }
}
