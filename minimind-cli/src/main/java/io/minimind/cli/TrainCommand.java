package io.minimind.cli;

import io.minimind.core.train.TrainingRun;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code minimind train pretrain|sft|reason|lora|dpo|distill|grpo|cispo|spo|ppo}. */
@Command(name = "train", description = "Train a model.", mixinStandardHelpOptions = true,
    subcommands = {TrainCommand.Pretrain.class, TrainCommand.Sft.class, ReasonCommand.class,
        LoraCommand.class, TrainDpoCommand.class, TrainDistillCommand.class,
        TrainGrpoCommand.Grpo.class, TrainGrpoCommand.Cispo.class, TrainSpoCommand.class,
        TrainPpoCommand.class})
final class TrainCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  static int train(TrainingRun.Mode mode, TrainOptions options, EngineOptions engine) throws Exception {
    return train(options.spec(mode), engine);
  }

  static int train(TrainingRun.Spec spec, EngineOptions engine) throws Exception {
    engine.apply();
    TrainingRun.Mode mode = spec.mode();
    var progress = new ConsoleProgress(System.out, mode.id());
    TrainingRun.Outcome o = TrainingRun.run(spec, progress);
    System.out.printf(Locale.ROOT, "%s: %s, %,d parameters (%.1fM); data: %s%n", mode.id(),
        spec.initFrom() != null ? "from " + spec.initFrom() : spec.preset(), o.parameters(),
        o.parameters() / 1e6, o.dataset());
    if (o.modelDir() != null) {
      System.out.println(mode.id() + ": model written to " + o.modelDir());
    } else {
      System.out.println(mode.id() + ": stopped early; continue with the same options plus --resume");
    }
    return 0;
  }

  @Command(name = "pretrain", description = "Pretrain on {\"text\": ...} lines.", mixinStandardHelpOptions = true)
  static final class Pretrain implements Callable<Integer> {
    @Mixin TrainOptions options;
    @Mixin EngineOptions engine;

    @Override
    public Integer call() throws Exception {
      return train(TrainingRun.Mode.PRETRAIN, options, engine);
    }
  }

  @Command(name = "sft", description = "Supervised fine-tuning on {\"conversations\": [...]} lines.", mixinStandardHelpOptions = true)
  static final class Sft implements Callable<Integer> {
    @Mixin TrainOptions options;
    @Mixin EngineOptions engine;

    @Override
    public Integer call() throws Exception {
      return train(TrainingRun.Mode.SFT, options, engine);
    }
  }
}
