package io.minimind.core.rl;

/**
 * Generalised advantage estimation over completion tokens, as MiniMind's train_ppo.py: the only
 * reward is the sequence's score, placed on its last token (the end token, or the last one
 * generated); the critic's values past a sequence's end count as 0.
 *
 * <pre>
 *   δₜ = rₜ + γ·V(t+1) − V(t),   Aₜ = δₜ + γλ·A(t+1),   returnₜ = Aₜ + V(t)
 * </pre>
 *
 * Then {@link #whiten} normalises the advantages over every completion token of the batch.
 * Defaults: γ 1.0, λ 0.95.
 */
public final class Gae {
  private Gae() {}

  /** Advantages and returns, (N, R) each; 0 past every sequence's end. */
  public record Result(double[][] advantages, double[][] returns) {}

  /**
   * @param values (N, R) the critic's values of the completion positions (old critic, no gradient)
   * @param rewards (N) each sequence's score
   * @param lengths (N) completion tokens that count (the mask), each ≥ 1
   */
  public static Result compute(double[][] values, double[] rewards, int[] lengths, double gamma, double lambda) {
    int n = values.length;
    double[][] adv = new double[n][];
    double[][] ret = new double[n][];
    for (int i = 0; i < n; i++) {
      int r = values[i].length;
      int len = lengths[i];
      if (len < 1 || len > r) {
        throw new IllegalArgumentException("sequence " + i + " has length " + len + " of " + r + " positions");
      }
      adv[i] = new double[r];
      ret[i] = new double[r];
      double next = 0; // A(t+1)
      for (int t = len - 1; t >= 0; t--) {
        double reward = t == len - 1 ? rewards[i] : 0;
        double nextValue = t + 1 < len ? values[i][t + 1] : 0;
        double delta = reward + gamma * nextValue - values[i][t];
        next = delta + gamma * lambda * next;
        adv[i][t] = next;
        ret[i][t] = next + values[i][t];
      }
    }
    return new Result(adv, ret);
  }

  /**
   * (A − mean) / √(var + 1e-8) over every counted token of the batch (population variance), 0
   * elsewhere — MiniMind's advantage whitening.
   */
  public static double[][] whiten(double[][] adv, int[] lengths) {
    double sum = 0;
    long count = 0;
    for (int i = 0; i < adv.length; i++) {
      for (int t = 0; t < lengths[i]; t++) {
        sum += adv[i][t];
        count++;
      }
    }
    double mean = sum / Math.max(count, 1);
    double var = 0;
    for (int i = 0; i < adv.length; i++) {
      for (int t = 0; t < lengths[i]; t++) {
        var += (adv[i][t] - mean) * (adv[i][t] - mean);
      }
    }
    var /= Math.max(count, 1);
    double scale = 1 / Math.sqrt(var + 1e-8);
    double[][] out = new double[adv.length][];
    for (int i = 0; i < adv.length; i++) {
      out[i] = new double[adv[i].length];
      for (int t = 0; t < lengths[i]; t++) {
        out[i][t] = (adv[i][t] - mean) * scale;
      }
    }
    return out;
  }
}
