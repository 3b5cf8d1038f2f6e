package io.minimind.cli;

import io.minimind.core.distill.DistillRun;
import io.minimind.core.train.TrainingRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code minimind train distill}: white-box knowledge distillation on SFT data. */
@Command(name = "distill", mixinStandardHelpOptions = true,
    description = {"Distill a teacher model into a (smaller) student on {\"conversations\": [...]} lines:",
        "loss = alpha*CE + (1-alpha)*T^2*KL(teacher_T || student_T) on the assistant tokens.",
        "Teacher and student must share the tokenizer."})
final class TrainDistillCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "SFT JSONL file (or its token shards)")
  Path data;

  @Option(names = "--out", defaultValue = "runs/distill", description = "output directory (checkpoints/, model/); default ${DEFAULT-VALUE}")
  Path out;

  @Option(names = "--teacher", required = true, description = "the teacher's model directory (frozen)")
  Path teacher;

  @Option(names = "--init-from", description = "start the student from this model directory (default: a fresh --preset)")
  Path initFrom;

  @Option(names = "--preset", defaultValue = "tiny", description = "the fresh student's preset (tiny, minimind2-small, minimind2, minimind2-moe); default ${DEFAULT-VALUE}")
  String preset;

  @Option(names = "--set", description = "override a fresh student's config field, e.g. --set hidden_size=256 (repeatable)")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--tokenizer", description = "tokenizer directory (default: --init-from's, else the teacher's, else MiniMind's)")
  Path tokenizer;

  @Option(names = "--alpha", defaultValue = "0.5", description = "weight of the cross-entropy on the labels; default ${DEFAULT-VALUE}")
  double alpha;

  @Option(names = "--temperature", defaultValue = "1.5", description = "softmax temperature of the KL term; default ${DEFAULT-VALUE}")
  double temperature;

  @Mixin HyperParameterOptions hyper;
  @Mixin EngineOptions engine;

  @Override
  public Integer call() throws Exception {
    engine.apply();
    DistillRun.Spec spec = new DistillRun.Spec(data, out, teacher, initFrom, preset, overrides,
        tokenizer, hyper.over(DistillRun.defaults()), alpha, temperature, hyper.maxBadLines,
        hyper.resume);
    TrainingRun.Outcome o = DistillRun.run(spec, new ConsoleProgress(System.out, "distill"));
    System.out.printf(Locale.ROOT, "distill: teacher %s, student %s, %,d parameters (%.1fM); data: %s%n",
        teacher, initFrom != null ? initFrom : preset, o.parameters(), o.parameters() / 1e6,
        o.dataset());
    TrainDpoCommand.printWhere("distill", o);
    return 0;
  }
}
