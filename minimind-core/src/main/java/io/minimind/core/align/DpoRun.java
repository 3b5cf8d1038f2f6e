package io.minimind.core.align;

import ai.djl.ndarray.NDManager;
import io.minimind.core.checkpoint.Checkpoints;
import io.minimind.core.checkpoint.ModelDirectory;
import io.minimind.core.data.BadLinePolicy;
import io.minimind.core.io.FileDigest;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import io.minimind.core.train.GradMode;
import io.minimind.core.train.ProgressListener;
import io.minimind.core.train.RunDataset;
import io.minimind.core.train.RunIdentity;
import io.minimind.core.train.TrainConfig;
import io.minimind.core.train.TrainResult;
import io.minimind.core.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DPO run from files: preference pairs from a MiniMind {@code {"chosen", "rejected"}} JSONL file
 * (or its token shards), the policy and a frozen reference both loaded from {@code initFrom} (the
 * SFT model), checkpoints under {@code <out>/checkpoints}, and on completion the model directory
 * {@code <out>/model}. Used by the CLI ({@code ./minimind train dpo}) and the trainer service.
 */
public final class DpoRun {
  private static final Logger LOG = LoggerFactory.getLogger(DpoRun.class);

  /** The pipeline's default β (MiniMind's script uses 0.15). */
  public static final double DEFAULT_BETA = 0.1;

  /** Where {@link Spec#precomputeReference()} keeps the reference log-probs, under the out dir. */
  public static final String REFERENCE_FILE = "reference-logprobs.bin";

  /**
   * What to run. Parameter names follow the pipeline contract's {@code dpo} stage.
   *
   * @param data the DPO JSONL file or shard directory
   * @param outDir receives checkpoints/ and model/
   * @param initFrom the model directory the policy starts from and the reference copies (required)
   * @param tokenizerDir a tokenizer directory, or null for initFrom's (else MiniMind's)
   * @param train hyper-parameters; a batch is {@code batchSize} pairs (2·batchSize sequences)
   * @param beta DPO temperature β
   * @param maxBadLines bad JSONL lines tolerated (reported with file:line and skipped)
   * @param resume continue from the newest checkpoint in {@code outDir/checkpoints}
   * @param precomputeReference compute every reference log-prob once before training ({@link
   *     ReferenceCache}, kept in {@code outDir}) instead of a reference forward pass per batch
   */
  public record Spec(Path data, Path outDir, Path initFrom, Path tokenizerDir, TrainConfig train,
      double beta, int maxBadLines, boolean resume, boolean precomputeReference) {
    public Spec {
      if (initFrom == null) {
        throw new IllegalArgumentException("DPO needs initFrom: the model directory to align"
            + " (usually the SFT model); it is also the frozen reference");
      }
      if (!(beta > 0) || Double.isInfinite(beta)) {
        throw new IllegalArgumentException("beta must be a positive number, got " + beta);
      }
    }
  }

  /** MiniMind's DPO settings with the pipeline's defaults (batch 16 pairs, lr 4e-8, 1 epoch). */
  public static TrainConfig defaults() {
    return new TrainConfig(1, 16, 4e-8, 512, 1, 1.0, 0.01, 100, 10, 42, true, 0, 0, 3);
  }

  private DpoRun() {}

  public static TrainingRun.Outcome run(Spec spec, ProgressListener listener) throws IOException {
    if (!Files.isDirectory(spec.initFrom())) {
      throw new IllegalArgumentException("initFrom " + spec.initFrom() + " is not a directory");
    }
    try (MiniMindTokenizer tokenizer = ModelDirectory.tokenizer(spec.tokenizerDir(), spec.initFrom());
        NDManager manager = NDManager.newBaseManager("PyTorch");
        RunDataset source = RunDataset.open("dpo", spec.data(), tokenizer, spec.train().maxSeqLen(),
            new BadLinePolicy(spec.maxBadLines()))) {
      LOG.info("dataset: {}", source.data().describe());
      MiniMindModel policy = ModelDirectory.loadModel(spec.initFrom(), manager);
      check(policy.config(), tokenizer, spec.initFrom());
      String referenceSha = ModelDirectory.weightsSha256(spec.initFrom());
      RunIdentity identity = new RunIdentity("dpo", source.fingerprint(), tokenizer.sha256(),
          tokenizer.padId(), Map.of("beta", Double.toString(spec.beta()),
              "reference", referenceSha,
              "referenceLogProbs", spec.precomputeReference() ? "precomputed" : "per-batch"));
      MiniMindModel referenceModel = ModelDirectory.loadModel(spec.initFrom(), manager);
      ReferenceLogProbs reference = ReferenceLogProbs.onTheFly(referenceModel);
      if (spec.precomputeReference()) {
        GradMode.offOnThisThread(); // the reference pass records no graph, on any thread
        // content hashes, not sizes: an edited dataset or config must not reuse stale values
        String key = String.join("|", source.fingerprint(), FileDigest.sha256(spec.data()),
            referenceSha, FileDigest.sha256(spec.initFrom().resolve(Checkpoints.CONFIG_FILE)),
            tokenizer.sha256(), "max_seq_len=" + spec.train().maxSeqLen());
        reference = ReferenceCache.load(spec.outDir().resolve(REFERENCE_FILE), key, referenceModel,
            source.data(), spec.train().batchSize(), tokenizer.padId(), manager);
        referenceModel.close(); // not needed any more: free its weights for training
      }
      Checkpoints checkpoints = new Checkpoints(spec.outDir().resolve("checkpoints"), tokenizer);
      DpoTrainer trainer = new DpoTrainer(policy, reference, source.data(), spec.train(),
          spec.beta(), identity, checkpoints, listener);
      TrainResult result = trainer.run(manager, spec.resume());
      return new TrainingRun.Outcome(result,
          TrainingRun.finishedModel(result, policy, tokenizer, spec.outDir()), policy.config(),
          policy.parameterCount(), source.data().describe());
    }
  }

  static void check(MiniMindConfig config, MiniMindTokenizer tokenizer, Path dir) {
    if (config.dropout() > 0) {
      throw new IllegalArgumentException(dir + ": dropout " + config.dropout()
          + " is not supported in training (MiniMind trains with 0)");
    }
    if (config.vocabSize() < tokenizer.vocabSize()) {
      throw new IllegalArgumentException(dir + ": vocab_size " + config.vocabSize()
          + " is smaller than the tokenizer's vocabulary of " + tokenizer.vocabSize());
    }
  }
}
