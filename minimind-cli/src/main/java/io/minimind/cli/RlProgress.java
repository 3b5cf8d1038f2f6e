package io.minimind.cli;

import io.minimind.core.train.ProgressListener;
import io.minimind.core.train.StepMetrics;
import io.minimind.core.train.TrainResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Console progress for RL runs: the usual line plus what RL practitioners watch. */
final class RlProgress implements ProgressListener {
  private static final String[] SHOWN = {"reward_mean", "reward_std", "kl_ref", "clip_fraction", "entropy",
      "response_length", "advantage_std", "value_loss", "baseline_mean", "rollout_s", "scoring_s", "update_s"};
  private final ConsoleProgress console;
  private final PrintStream out;

  RlProgress(PrintStream out, String label) {
    this.console = new ConsoleProgress(out, label);
    this.out = out;
  }

  @Override
  public void onStart(long firstStep, long totalSteps) {
    console.onStart(firstStep, totalSteps);
  }

  @Override
  public void onStep(StepMetrics m) {
    console.onStep(m);
    StringBuilder b = new StringBuilder("  ");
    Map<String, Double> x = m.metrics();
    for (String k : SHOWN) {
      if (x.containsKey(k)) {
        b.append(String.format(Locale.ROOT, "%s %.4g  ", k, x.get(k)));
      }
    }
    out.println(b.toString().stripTrailing());
  }

  @Override
  public void onCheckpoint(long step, Path directory) {
    console.onCheckpoint(step, directory);
  }

  @Override
  public void onFinish(TrainResult result) {
    console.onFinish(result);
  }
}
