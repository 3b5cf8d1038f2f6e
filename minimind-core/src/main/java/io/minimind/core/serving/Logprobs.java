package io.minimind.core.serving;

/** Log-probabilities from a row of logits: log-softmax of the chosen token and the top k. */
final class Logprobs {
  private Logprobs() {}

  static TokenChoice of(float[] logits, int token, int k) {
    float max = Float.NEGATIVE_INFINITY;
    for (float f : logits) {
      max = Math.max(max, f);
    }
    double sum = 0;
    for (float f : logits) {
      sum += Math.exp(f - max);
    }
    float logZ = (float) (max + Math.log(sum));
    int[] ids = new int[Math.min(k, logits.length)];
    float[] lps = new float[ids.length];
    // Partial selection: k is at most 20, so k passes over the vocabulary beat sorting it.
    boolean[] taken = new boolean[logits.length];
    for (int j = 0; j < ids.length; j++) {
      int best = -1;
      for (int t = 0; t < logits.length; t++) {
        if (!taken[t] && (best < 0 || logits[t] > logits[best])) {
          best = t;
        }
      }
      taken[best] = true;
      ids[j] = best;
      lps[j] = logits[best] - logZ;
    }
    return new TokenChoice(token, logits[token] - logZ, ids, lps);
  }
}
