package io.minimind.core.tokenizer.bpe;

import io.minimind.core.data.BadLinePolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The tokenizer training job: count words of the corpus files in parallel, learn merges, write
 * {@code tokenizer.json} and {@code tokenizer_config.json} into {@code outDir}.
 */
public final class BpeTraining {
  /** What a run did; times in seconds. */
  public record Result(BpeModel model, long bytes, long texts, long pieces, int distinctWords,
      long badLines, double countSeconds, double mergeSeconds, double totalSeconds) {
    /** Merges learned per second of the merge phase. */
    public double mergesPerSecond() {
      return model.merges().size() / Math.max(mergeSeconds, 1e-9);
    }
  }

  private BpeTraining() {}

  public static Result run(List<Path> files, BpeTrainerConfig config, int threads,
      BadLinePolicy policy, Path outDir) throws IOException {
    long t0 = System.nanoTime();
    CorpusWordCounter.Result counted = CorpusWordCounter.count(files, threads, policy);
    long t1 = System.nanoTime();
    BpeModel model = new BpeTrainer(config).train(counted.words());
    long t2 = System.nanoTime();
    if (outDir != null) {
      TokenizerFiles.write(model, outDir);
    }
    long t3 = System.nanoTime();
    return new Result(model, counted.bytes(), counted.texts(), counted.pieces(),
        counted.words().size(), counted.badLines(), (t1 - t0) / 1e9, (t2 - t1) / 1e9,
        (t3 - t0) / 1e9);
  }
}
