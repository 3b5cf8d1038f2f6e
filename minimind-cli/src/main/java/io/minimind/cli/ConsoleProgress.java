package io.minimind.cli;

import io.minimind.core.train.ProgressListener;
import io.minimind.core.train.StepMetrics;
import io.minimind.core.train.TrainResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Progress for a terminal: a redrawn bar on a console, one line per report otherwise (CI logs).
 */
final class ConsoleProgress implements ProgressListener {
  private final PrintStream out;
  private final String label;
  private final boolean interactive;

  ConsoleProgress(PrintStream out, String label) {
    this.out = out;
    this.label = label;
    this.interactive = System.console() != null;
  }

  @Override
  public void onStart(long firstStep, long totalSteps) {
    out.printf("%s: %s %d optimizer steps%n", label,
        firstStep > 0 ? "resuming at step " + firstStep + " of" : "training", totalSteps);
  }

  @Override
  public void onStep(StepMetrics m) {
    int width = 30;
    int filled = (int) (width * m.step() / Math.max(1, m.totalSteps()));
    String bar = "#".repeat(filled) + "-".repeat(width - filled);
    String line = String.format(Locale.ROOT,
        "%s [%s] %d/%d epoch %d loss %.4f%s%s lr %.2e %,.0f tok/s ETA %s",
        label, bar, m.step(), m.totalSteps(), m.epoch() + 1, m.loss(),
        m.auxLoss() > 0 ? String.format(Locale.ROOT, " aux %.4f", m.auxLoss()) : "",
        metrics(m.metrics()), m.learningRate(), m.tokensPerSecond(), duration(m.etaSeconds()));
    if (interactive) {
      out.print("\r" + line);
      if (m.step() == m.totalSteps()) {
        out.println();
      }
    } else {
      out.println(line);
    }
    out.flush();
  }

  @Override
  public void onCheckpoint(long step, Path directory) {
    if (interactive) {
      out.println();
    }
    out.printf("%s: checkpoint at step %d -> %s%n", label, step, directory);
  }

  @Override
  public void onFinish(TrainResult r) {
    out.printf(Locale.ROOT, "%s: %s after %d/%d steps, final loss %.4f, %,.0f tok/s%n", label,
        r.completed() ? "finished" : "stopped", r.stepsDone(), r.totalSteps(), r.finalLoss(),
        r.tokensPerSecond());
  }

  /** The algorithm's own numbers (DPO margin, KL...), sorted by name: " name value" each. */
  static String metrics(java.util.Map<String, Double> metrics) {
    StringBuilder out = new StringBuilder();
    new java.util.TreeMap<>(metrics).forEach((name, value) ->
        out.append(String.format(Locale.ROOT, " %s %.4f", name, value)));
    return out.toString();
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
        : String.format("%dm%02ds", s / 60, s % 60);
  }
}
