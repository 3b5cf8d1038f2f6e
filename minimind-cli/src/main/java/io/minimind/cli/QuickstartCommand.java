package io.minimind.cli;

import ai.djl.ndarray.NDManager;
import io.minimind.core.checkpoint.ModelDirectory;
import io.minimind.core.sampling.ChatSession;
import io.minimind.core.sampling.GenerationConfig;
import io.minimind.core.tokenizer.ChatMessage;
import io.minimind.core.train.TrainConfig;
import io.minimind.core.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code minimind quickstart}: the whole MiniMind path on the bundled sample data, sized for a
 * laptop CPU: pretrain the tiny preset, SFT it, then answer a few prompts.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
    description = "Pretrain and SFT the tiny preset on the bundled sample data, then chat with it.")
final class QuickstartCommand implements Callable<Integer> {
  static final List<String> PROMPTS = List.of(
      "《静夜思》的作者是谁？",
      "“月有阴晴圆缺”的下一句是什么？",
      "介绍一下诗人李白。",
      "请背诵王维的《鹿柴》。");

  @Option(names = "--data-dir", description = "sample data directory (default: datasets/sample next to ./minimind)")
  Path dataDir;

  @Option(names = "--out", defaultValue = "runs/quickstart", description = "default ${DEFAULT-VALUE}")
  Path out;

  @Option(names = "--pretrain-steps", defaultValue = "400") long pretrainSteps;
  @Option(names = "--sft-steps", defaultValue = "250") long sftSteps;
  @Option(names = "--resume", description = "continue an interrupted quickstart") boolean resume;
  @Option(names = "--train-tokenizer", description = "train our own BPE tokenizer (vocab 6400) on the sample data first, instead of using MiniMind's")
  boolean trainTokenizer;
  @Mixin EngineOptions engine;

  @Override
  public Integer call() throws Exception {
    engine.apply();
    Path data = dataDir != null ? dataDir : home().resolve("datasets/sample");
    for (String f : List.of("pretrain_tiny.jsonl", "sft_tiny.jsonl")) {
      if (!Files.isRegularFile(data.resolve(f))) {
        throw new IllegalArgumentException("sample data " + data.resolve(f) + " not found; pass --data-dir");
      }
    }
    long start = System.nanoTime();
    Path tokenizerDir = null;
    if (trainTokenizer) {
      tokenizerDir = out.resolve("tokenizer");
      if (!java.nio.file.Files.isRegularFile(tokenizerDir.resolve("tokenizer.json"))) {
        var r = io.minimind.core.tokenizer.bpe.BpeTraining.run(
            List.of(data.resolve("pretrain_tiny.jsonl"), data.resolve("sft_tiny.jsonl")),
            io.minimind.core.tokenizer.bpe.BpeTrainerConfig.minimind(6400, 0, List.of()),
            Runtime.getRuntime().availableProcessors(), new io.minimind.core.data.BadLinePolicy(0),
            tokenizerDir);
        System.out.printf(Locale.ROOT, "tokenizer: %d tokens trained in %.1f s -> %s%n",
            r.model().vocab().size(), r.totalSeconds(), tokenizerDir);
      }
    }
    TrainConfig pre = new TrainConfig(1, 16, 2e-3, 256, 1, 1.0, 0.01, 200, 20, 42, true, pretrainSteps, 0, 2);
    TrainingRun.Outcome p = TrainingRun.run(new TrainingRun.Spec(TrainingRun.Mode.PRETRAIN,
        data.resolve("pretrain_tiny.jsonl"), out.resolve("pretrain"), "tiny", List.of(), null,
        tokenizerDir, pre, 0, resume), new ConsoleProgress(System.out, "pretrain"));
    TrainConfig sft = new TrainConfig(1, 16, 1e-3, 256, 1, 1.0, 0.01, 200, 20, 42, true, sftSteps, 0, 2);
    TrainingRun.Outcome s = TrainingRun.run(new TrainingRun.Spec(TrainingRun.Mode.SFT,
        data.resolve("sft_tiny.jsonl"), out.resolve("sft"), "tiny", List.of(), p.modelDir(), null,
        sft, 0, resume), new ConsoleProgress(System.out, "sft"));
    System.out.printf(Locale.ROOT, "%nquickstart: trained %,d parameters in %s; model: %s%n%n",
        s.parameters(), ConsoleProgress.duration((System.nanoTime() - start) / 1e9), s.modelDir());
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ModelDirectory.Loaded loaded = ModelDirectory.load(s.modelDir(), manager);
      ChatSession chat = new ChatSession(loaded.model(), loaded.tokenizer(), manager);
      GenerationConfig greedy = new GenerationConfig(120, 0, 0, 1, 1.1, null, 0);
      for (String prompt : PROMPTS) {
        System.out.println("👶: " + prompt);
        System.out.print("🤖: ");
        chat.reply(List.of(ChatMessage.user(prompt)), greedy, piece -> System.out.print(piece));
        System.out.println("\n");
      }
    }
    System.out.println("Chat with it: ./minimind chat --model " + s.modelDir());
    return 0;
  }

  /** The project directory: set by the ./minimind launcher, else the working directory. */
  static Path home() {
    String h = System.getProperty("minimind.home");
    return Path.of(h != null ? h : ".");
  }
}
