package io.minimind.core.sampling;

import java.util.Arrays;

/**
 * Picks the next token from a row of logits. A pure function of (logits, previous tokens, settings,
 * rng state); the per-call buffers live in the sampler so a decode loop allocates nothing per
 * token.
 *
 * <p>Order, as in Hugging Face: repetition penalty → temperature → top-k → softmax → top-p →
 * draw. Temperature 0 returns the argmax after the repetition penalty.
 */
public final class Sampler {
  private final float[] work;
  private final long[] order; // (sortable probability bits << 32) | token, for top-p
  private final boolean[] seen;

  public Sampler(int vocabSize) {
    this.work = new float[vocabSize];
    this.order = new long[vocabSize];
    this.seen = new boolean[vocabSize];
  }

  /**
   * @param logits (V) scores of the next token; not modified
   * @param previous tokens already in the sequence (prompt and generated), for the penalty
   * @param previousLength how many entries of {@code previous} are valid
   */
  public int sample(float[] logits, int[] previous, int previousLength, GenerationConfig cfg, Rng rng) {
    int v = work.length;
    if (logits.length != v) {
      throw new IllegalArgumentException("expected " + v + " logits, got " + logits.length);
    }
    System.arraycopy(logits, 0, work, 0, v);
    if (cfg.repetitionPenalty() != 1.0) {
      applyRepetitionPenalty(previous, previousLength, (float) cfg.repetitionPenalty());
    }
    if (cfg.temperature() == 0) {
      return argmax(work);
    }
    float invT = (float) (1.0 / cfg.temperature());
    for (int i = 0; i < v; i++) {
      work[i] *= invT;
    }
    if (cfg.topK() > 0 && cfg.topK() < v) {
      keepTopK(cfg.topK());
    }
    softmaxInPlace(work);
    if (cfg.topP() < 1.0) {
      return drawTopP(cfg.topP(), rng.nextDouble());
    }
    return draw(rng.nextDouble());
  }

  private void applyRepetitionPenalty(int[] previous, int n, float penalty) {
    Arrays.fill(seen, false);
    for (int i = 0; i < n; i++) {
      int t = previous[i];
      if (t >= 0 && t < work.length && !seen[t]) {
        seen[t] = true;
        work[t] = work[t] > 0 ? work[t] / penalty : work[t] * penalty;
      }
    }
  }

  static int argmax(float[] x) {
    int best = 0;
    for (int i = 1; i < x.length; i++) {
      if (x[i] > x[best]) {
        best = i;
      }
    }
    return best;
  }

  /** Sets every logit below the k-th largest to −∞ (ties at the threshold are kept). */
  private void keepTopK(int k) {
    float[] sorted = work.clone(); // top-k is rare in chat use; clarity over zero allocation
    Arrays.sort(sorted);
    float threshold = sorted[sorted.length - k];
    for (int i = 0; i < work.length; i++) {
      if (work[i] < threshold) {
        work[i] = Float.NEGATIVE_INFINITY;
      }
    }
  }

  static void softmaxInPlace(float[] x) {
    float max = Float.NEGATIVE_INFINITY;
    for (float f : x) {
      max = Math.max(max, f);
    }
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      float e = (float) Math.exp(x[i] - max);
      x[i] = e;
      sum += e;
    }
    float inv = (float) (1.0 / sum);
    for (int i = 0; i < x.length; i++) {
      x[i] *= inv;
    }
  }

  private int draw(double u) {
    double acc = 0;
    int last = 0;
    for (int i = 0; i < work.length; i++) {
      if (work[i] > 0) {
        acc += work[i];
        last = i;
        if (u < acc) {
          return i;
        }
      }
    }
    return last; // rounding left u above the total
  }

  /** Nucleus sampling over the probabilities in {@code work}. */
  private int drawTopP(double p, double u) {
    int n = 0;
    for (int i = 0; i < work.length; i++) {
      if (work[i] > 0) {
        // Non-negative floats order like their bit patterns.
        order[n++] = ((long) Float.floatToIntBits(work[i]) << 32) | i;
      }
    }
    Arrays.sort(order, 0, n); // ascending; walk from the end
    double kept = 0;
    int cut = n - 1;
    for (int j = n - 1; j >= 0; j--) {
      kept += Float.intBitsToFloat((int) (order[j] >>> 32));
      cut = j;
      if (kept >= p) {
        break;
      }
    }
    double target = u * kept;
    double acc = 0;
    for (int j = n - 1; j >= cut; j--) {
      acc += Float.intBitsToFloat((int) (order[j] >>> 32));
      if (target < acc) {
        return (int) order[j];
      }
    }
    return (int) order[cut];
  }
}
