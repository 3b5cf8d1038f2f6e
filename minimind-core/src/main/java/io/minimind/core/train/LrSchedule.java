package io.minimind.core.train;

/** MiniMind's cosine schedule with a floor: lr/10 + 0.5·lr·(1 + cos(π·step/total)). */
public final class LrSchedule {
  private LrSchedule() {}

  /**
   * @param step optimizer step, 0-based
   * @param totalSteps optimizer steps in the whole run
   * @param peak the configured learning rate
   */
  public static double minimind(long step, long totalSteps, double peak) {
    double progress = totalSteps <= 0 ? 0 : (double) step / totalSteps;
    return peak / 10 + 0.5 * peak * (1 + Math.cos(Math.PI * progress));
  }
}
