package io.minimind.core.rl;

/**
 * GRPO's group-relative advantages (MiniMind train_grpo.py): rewards come in groups of G
 * completions of one prompt, and each is scored against its group as
 * (r − mean) / (std + 1e-4) with the population std ({@code unbiased=False}).
 *
 * <p>Then clipped to ±{@link #CLIP}, the range MiniMind's SPO clips its advantages to. A group
 * of G can never exceed √(G−1) in magnitude, so the clip is only active for G > 26; it is a
 * guard, and it is stated so that nothing surprises.
 */
public final class GroupAdvantages {
  /** Advantages are clipped to [−CLIP, CLIP]. */
  public static final double CLIP = 5.0;
  static final double EPS = 1e-4;

  private GroupAdvantages() {}

  /**
   * @param rewards N = B·G rewards, prompt-major (completion j of prompt i at i·G + j)
   * @param groupSize G
   */
  public static double[] compute(double[] rewards, int groupSize) {
    if (groupSize < 1 || rewards.length % groupSize != 0) {
      throw new IllegalArgumentException(rewards.length + " rewards do not split into groups of " + groupSize);
    }
    double[] adv = new double[rewards.length];
    for (int g = 0; g < rewards.length; g += groupSize) {
      double mean = 0;
      for (int j = 0; j < groupSize; j++) {
        mean += rewards[g + j];
      }
      mean /= groupSize;
      double var = 0;
      for (int j = 0; j < groupSize; j++) {
        double d = rewards[g + j] - mean;
        var += d * d;
      }
      double std = Math.sqrt(var / groupSize);
      for (int j = 0; j < groupSize; j++) {
        double a = (rewards[g + j] - mean) / (std + EPS);
        adv[g + j] = Math.max(-CLIP, Math.min(CLIP, a));
      }
    }
    return adv;
  }
}
