package io.minimind.core.align;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sums the per-pair rewards of a step's micro-batches into the numbers a DPO run reports: mean
 * chosen and rejected reward, mean margin (chosen − rejected) and accuracy (fraction of pairs with
 * a positive margin).
 */
final class DpoMetrics {
  static final String CHOSEN_REWARD = "chosen_reward";
  static final String REJECTED_REWARD = "rejected_reward";
  static final String MARGIN = "margin";
  static final String ACCURACY = "accuracy";

  private double chosen;
  private double rejected;
  private int correct;
  private int pairs;

  void add(DpoLoss.Result r) {
    for (int i = 0; i < r.chosenRewards().length; i++) {
      chosen += r.chosenRewards()[i];
      rejected += r.rejectedRewards()[i];
      if (r.chosenRewards()[i] - r.rejectedRewards()[i] > 0) {
        correct++;
      }
      pairs++;
    }
  }

  Map<String, Double> toMap() {
    int n = Math.max(pairs, 1);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(CHOSEN_REWARD, chosen / n);
    m.put(REJECTED_REWARD, rejected / n);
    m.put(MARGIN, (chosen - rejected) / n);
    m.put(ACCURACY, (double) correct / n);
    return m;
  }
}
