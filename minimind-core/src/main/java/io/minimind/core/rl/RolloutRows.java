package io.minimind.core.rl;

import io.minimind.core.sampling.GenerationConfig;
import io.minimind.core.sampling.Rng;
import io.minimind.core.sampling.Sampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The per-row state both rollout generators share: B·G rows (each prompt repeated G times,
 * prompt-major), each sampled by its own {@link Rng} seeded from (seed, row) at the given
 * temperature, its tokens and their untempered log-probs, and whether it has produced the end token
 * (kept, and the row stops).
 */
final class RolloutRows {
  final List<RlPrompt> rows = new ArrayList<>();
  final int n;
  final int longest;
  final int steps;
  private final int vocab;
  private final int endId;
  private final GenerationConfig sampling;
  private final Sampler sampler;
  private final Rng[] rngs;
  private final int[][] ids;
  private final float[][] logps;
  private final int[] len;
  private final boolean[] done;

  /**
   * @param context the model's context length (prompt + completion must fit)
   */
  RolloutRows(List<RlPrompt> prompts, int samplesPerPrompt, long seed, int maxNewTokens,
      RolloutSampling sampling, int endId, int vocab, int context) {
    for (RlPrompt p : prompts) {
      for (int j = 0; j < samplesPerPrompt; j++) {
        rows.add(p);
      }
    }
    this.n = rows.size();
    this.longest = rows.stream().mapToInt(p -> p.ids().length).max().orElseThrow();
    this.steps = Math.min(maxNewTokens, context - longest);
    if (steps < 1) {
      throw new IllegalArgumentException("a prompt of " + longest + " tokens leaves no room in the context of " + context);
    }
    this.vocab = vocab;
    this.endId = endId;
    this.sampling = new GenerationConfig(steps, sampling.temperature(), sampling.topK(), sampling.topP(),
        1.0, new int[] {endId}, seed);
    this.sampler = new Sampler(vocab);
    this.rngs = new Rng[n];
    long base = new Rng(seed).nextLong();
    for (int r = 0; r < n; r++) {
      rngs[r] = new Rng(base + r);
    }
    this.ids = new int[n][steps];
    this.logps = new float[n][steps];
    this.len = new int[n];
    this.done = new boolean[n];
  }

  /**
   * Samples row {@code r}'s next token from {@code logits[k·V, (k+1)·V)} and records it.
   *
   * @return the token
   */
  int sample(int r, float[] logits, int k) {
    float[] row = Arrays.copyOfRange(logits, k * vocab, (k + 1) * vocab);
    int token = sampler.sample(row, null, 0, sampling, rngs[r]);
    ids[r][len[r]] = token;
    logps[r][len[r]] = (float) logProb(row, token);
    len[r]++;
    done[r] = token == endId;
    return token;
  }

  boolean done(int r) {
    return done[r];
  }

  /** Whether row {@code r} takes another token: not ended and below the length limit. */
  boolean active(int r) {
    return !done[r] && len[r] < steps;
  }

  /** The samples, completions cut at (and including) their end token. */
  List<RolloutSample> samples(Function<int[], String> decoder) {
    List<RolloutSample> out = new ArrayList<>(n);
    for (int r = 0; r < n; r++) {
      int[] c = Arrays.copyOf(ids[r], len[r]);
      int[] text = done[r] ? Arrays.copyOf(c, c.length - 1) : c;
      out.add(new RolloutSample(rows.get(r), c, Arrays.copyOf(logps[r], len[r]), decoder.apply(text), done[r]));
    }
    return out;
  }

  /** log softmax(logits)[token], in double. */
  static double logProb(float[] logits, int token) {
    double max = Double.NEGATIVE_INFINITY;
    for (float x : logits) {
      max = Math.max(max, x);
    }
    double sum = 0;
    for (float x : logits) {
      sum += Math.exp(x - max);
    }
    return logits[token] - max - Math.log(sum);
  }
}
