package io.minimind.cli;

import io.minimind.core.align.DpoRun;
import io.minimind.core.train.TrainingRun;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code minimind train dpo}: Direct Preference Optimization of a model against a frozen copy of itself. */
@Command(name = "dpo", mixinStandardHelpOptions = true,
    description = {"Align a model on {\"chosen\": [...], \"rejected\": [...]} preference pairs (DPO).",
        "The reference is a frozen copy of --init-from. The default learning rate is MiniMind's"
            + " (4e-8, meant for its full-size models); small models need a larger --lr."})
final class TrainDpoCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "DPO JSONL file (or its token shards)")
  Path data;

  @Option(names = "--out", defaultValue = "runs/dpo", description = "output directory (checkpoints/, model/); default ${DEFAULT-VALUE}")
  Path out;

  @Option(names = "--init-from", required = true, description = "the model to align (usually the SFT model/); also the frozen reference")
  Path initFrom;

  @Option(names = "--tokenizer", description = "tokenizer directory (default: --init-from's, else MiniMind's)")
  Path tokenizer;

  @Option(names = "--beta", defaultValue = "0.1", description = "DPO temperature beta; default ${DEFAULT-VALUE}")
  double beta;

  @Option(names = "--precompute-reference", description = "compute the reference log-probs once before training (kept in --out; the reference model is then freed)")
  boolean precomputeReference;

  @Mixin HyperParameterOptions hyper;
  @Mixin EngineOptions engine;

  @Override
  public Integer call() throws Exception {
    engine.apply();
    DpoRun.Spec spec = new DpoRun.Spec(data, out, initFrom, tokenizer, hyper.over(DpoRun.defaults()),
        beta, hyper.maxBadLines, hyper.resume, precomputeReference);
    TrainingRun.Outcome o = DpoRun.run(spec, new ConsoleProgress(System.out, "dpo"));
    System.out.printf(Locale.ROOT, "dpo: from %s, beta %s, %,d parameters (%.1fM); data: %s%n",
        initFrom, beta, o.parameters(), o.parameters() / 1e6, o.dataset());
    printWhere("dpo", o);
    return 0;
  }

  static void printWhere(String label, TrainingRun.Outcome o) {
    if (o.modelDir() != null) {
      System.out.println(label + ": model written to " + o.modelDir());
    } else {
      System.out.println(label + ": stopped early; continue with the same options plus --resume");
    }
  }
}
