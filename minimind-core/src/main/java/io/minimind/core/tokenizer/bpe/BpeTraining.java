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

  /** Told when a phase ends: 1 = corpus counted, 2 = merges learned (of {@link #PHASES}). */
  @FunctionalInterface
  public interface PhaseListener {
    void onPhase(int phase, String name, double secondsSoFar);

    PhaseListener NONE = (phase, name, seconds) -> {};
  }

  /** Number of phases reported to a {@link PhaseListener}. */
  public static final int PHASES = 2;

  public static Result run(List<Path> files, BpeTrainerConfig config, int threads,
      BadLinePolicy policy, Path outDir) throws IOException {
    return run(files, config, threads, policy, outDir, PhaseListener.NONE);
  }

  public static Result run(List<Path> files, BpeTrainerConfig config, int threads,
      BadLinePolicy policy, Path outDir, PhaseListener listener) throws IOException {
    long t0 = System.nanoTime();
    CorpusWordCounter.Result counted = CorpusWordCounter.count(files, threads, policy);
    long t1 = System.nanoTime();
    listener.onPhase(1, "counted", (t1 - t0) / 1e9);
    BpeModel model = new BpeTrainer(config).train(counted.words());
    long t2 = System.nanoTime();
    listener.onPhase(2, "merged", (t2 - t0) / 1e9);
    if (outDir != null) {
      TokenizerFiles.write(model, outDir);
    }
    long t3 = System.nanoTime();
    return new Result(model, counted.bytes(), counted.texts(), counted.pieces(),
        counted.words().size(), counted.badLines(), (t1 - t0) / 1e9, (t2 - t1) / 1e9,
        (t3 - t0) / 1e9);
  }
}
