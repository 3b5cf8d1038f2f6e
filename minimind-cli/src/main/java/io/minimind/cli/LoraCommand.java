package io.minimind.cli;

import io.minimind.core.lora.LoraConfig;
import io.minimind.core.lora.LoraRun;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code minimind train lora}: LoRA fine-tuning of a base model on SFT conversations (MiniMind's
 * train_lora.py). Writes {@code <out>/adapter} (the adapters alone) and {@code <out>/model} (base
 * and adapters merged: chat with it, serve it or export it like any model directory).
 */
@Command(name = "lora", mixinStandardHelpOptions = true,
    description = {"LoRA fine-tuning on {\"conversations\": [...]} lines: the base model given by "
        + "--init-from stays frozen, only the adapters train.",
        "Writes <out>/adapter (adapters only; `export --model BASE --adapter DIR` merges them) and "
        + "<out>/model (merged).",
        "Defaults are MiniMind's (10 epochs, batch 32, lr 1e-4, max seq 340) and the pipeline's "
        + "(rank 8, alpha 16, targets q,k,v,o)."})
final class LoraCommand implements Callable<Integer> {
  @Mixin TrainOptions options;
  @Mixin EngineOptions engine;

  @Option(names = {"--rank", "--lora-rank"}, defaultValue = "8",
      description = "adapter rank r; default ${DEFAULT-VALUE}")
  int rank;

  @Option(names = {"--alpha", "--lora-alpha"}, defaultValue = "16",
      description = "scale numerator: the update is (alpha/rank)·B·A; default ${DEFAULT-VALUE}"
          + " (MiniMind's own LoRA is rank 16, alpha 16, targets q,o)")
  double alpha;

  @Option(names = {"--targets", "--lora-targets"}, defaultValue = "q,k,v,o",
      description = "comma-separated projections to adapt: q, k, v, o, gate, up, down;"
          + " default ${DEFAULT-VALUE}")
  String targets;

  @Override
  public Integer call() throws Exception {
    if (options.initFrom == null) {
      throw new IllegalArgumentException("--init-from is required: the base model directory to"
          + " adapt (e.g. an SFT run's model/)");
    }
    if (!options.overrides.isEmpty() || options.tokenizer != null) {
      throw new IllegalArgumentException("--set and --tokenizer do not apply to LoRA: the base"
          + " model's config and tokenizer are used as they are");
    }
    List<String> ids = Arrays.stream(targets.split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).toList();
    LoraConfig lora = new LoraConfig(rank, alpha, LoraConfig.parseTargets(ids));
    engine.apply();
    var spec = new LoraRun.Spec(options.data, options.out, options.initFrom, lora,
        options.trainConfig(io.minimind.core.train.TrainConfig.loraDefaults()), options.hyper.maxBadLines,
        options.hyper.resume);
    LoraRun.Outcome o = LoraRun.run(spec, new ConsoleProgress(System.out, LoraRun.MODE));
    System.out.printf(Locale.ROOT, "lora: rank %d, alpha %s, targets %s on %s: %,d adapter"
        + " parameters (%,d base parameters frozen); data: %s%n", lora.rank(), lora.alpha(),
        lora.targetIds(), spec.initFrom(), o.adapterParameters(), o.baseParameters(), o.dataset());
    if (o.modelDir() != null) {
      System.out.println("lora: adapters written to " + o.adapterDir());
      System.out.println("lora: merged model written to " + o.modelDir());
    } else {
      System.out.println("lora: stopped early; continue with the same options plus --resume");
    }
    return 0;
  }
}
