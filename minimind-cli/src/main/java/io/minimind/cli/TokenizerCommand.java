package io.minimind.cli;

import io.minimind.core.data.BadLinePolicy;
import io.minimind.core.tokenizer.bpe.BpeTrainerConfig;
import io.minimind.core.tokenizer.bpe.BpeTraining;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code minimind tokenizer train}: byte-level BPE the way MiniMind's train_tokenizer.py does. */
@Command(name = "tokenizer", description = "Train byte-level BPE tokenizers, encode text, render chat templates.", mixinStandardHelpOptions = true,
    subcommands = {TokenizerCommand.Train.class, TokenizerEncodeCommand.class, TokenizerRenderCommand.class})
final class TokenizerCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "train", mixinStandardHelpOptions = true,
      description = "Learn a byte-level BPE tokenizer (HF-compatible tokenizer.json + tokenizer_config.json)"
          + " from jsonl ({\"text\"} or {\"conversations\"}) or plain-text files.")
  static final class Train implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "corpus file (.jsonl/.json: MiniMind jsonl; else one text a line); repeatable")
    List<Path> data = new ArrayList<>();
    @Option(names = "--vocab-size", defaultValue = "6400", description = "target vocab size; default ${DEFAULT-VALUE}")
    int vocabSize;
    @Option(names = "--min-frequency", defaultValue = "0", description = "stop when the best pair is rarer; default ${DEFAULT-VALUE}")
    long minFrequency;
    @Option(names = "--special", description = "extra special token after <|endoftext|>, <|im_start|>, <|im_end|>; repeatable")
    List<String> specials = new ArrayList<>();
    @Option(names = "--out", required = true, description = "output directory")
    Path out;
    @Option(names = "--threads", defaultValue = "0", description = "word-counting threads; 0 = all cores")
    int threads;
    @Option(names = "--max-bad-lines", defaultValue = "100", description = "bad JSONL lines reported and skipped before the run stops; default ${DEFAULT-VALUE}")
    int maxBadLines;

    @Override
    public Integer call() throws Exception {
      int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
      BpeTrainerConfig cfg = BpeTrainerConfig.minimind(vocabSize, minFrequency, specials);
      BpeTraining.Result r = BpeTraining.run(data, cfg, n, new BadLinePolicy(maxBadLines), out);
      System.out.printf(Locale.ROOT, "read     %,d bytes, %,d texts, %,d bad lines (%d threads)%n",
          r.bytes(), r.texts(), r.badLines(), n);
      System.out.printf(Locale.ROOT, "words    %,d pre-tokens, %,d distinct, counted in %.2f s%n",
          r.pieces(), r.distinctWords(), r.countSeconds());
      System.out.printf(Locale.ROOT, "merges   %,d in %.2f s (%.0f merges/s), vocab %,d%n",
          r.model().merges().size(), r.mergeSeconds(), r.mergesPerSecond(), r.model().vocab().size());
      System.out.printf(Locale.ROOT, "total    %.2f s -> %s%n", r.totalSeconds(), out.resolve("tokenizer.json"));
      return 0;
    }
  }
}
