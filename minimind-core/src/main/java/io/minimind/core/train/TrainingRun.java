package io.minimind.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.minimind.core.checkpoint.Checkpoints;
import io.minimind.core.checkpoint.ModelDirectory;
import io.minimind.core.checkpoint.ModelWeights;
import io.minimind.core.data.BadLinePolicy;
import io.minimind.core.data.ReasonEncoder;
import io.minimind.core.data.TokenDataset;
import io.minimind.core.io.ConfigJson;
import io.minimind.core.model.ConfigBuilder;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.model.Presets;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pretraining, SFT or reasoning-SFT run from files: reads a MiniMind-format JSONL dataset,
 * builds or loads the model, trains with checkpoints under {@code <out>/checkpoints}, and on
 * completion writes the model directory {@code <out>/model} (weights, config, tokenizer). Used by
 * the CLI and trainer-service.
 */
public final class TrainingRun {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

  /**
   * Pretraining on {@code {"text"}} lines, SFT on {@code {"conversations"}} lines, or reasoning SFT
   * on conversations whose replies hold {@code <think>…</think><answer>…</answer>} (MiniMind's
   * train_reason.py: the tag tokens weigh {@code tagWeight} in the loss).
   */
  public enum Mode {
    PRETRAIN,
    SFT,
    REASON;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * What to run.
   *
   * @param mode pretrain or sft
   * @param data the JSONL dataset
   * @param outDir receives checkpoints/ and model/
   * @param preset model preset for a fresh model (ignored with {@code initFrom})
   * @param overrides {@code key=value} config overrides (config.json names)
   * @param initFrom a model directory to start from (SFT from the pretrained model), or null
   * @param tokenizerDir a tokenizer directory, or null for {@code initFrom}'s or MiniMind's
   * @param train hyper-parameters
   * @param maxBadLines bad JSONL lines tolerated (reported and skipped) before the run stops
   * @param resume continue from the newest checkpoint in {@code outDir/checkpoints}
   * @param tagWeight loss weight of the think/answer tag tokens in {@link Mode#REASON} (MiniMind:
   *     10); ignored by the other modes
   */
  public record Spec(Mode mode, Path data, Path outDir, String preset, List<String> overrides,
      Path initFrom, Path tokenizerDir, TrainConfig train, int maxBadLines, boolean resume,
      double tagWeight) {

    /** A run with MiniMind's tag weight (10) for reasoning SFT. */
    public Spec(Mode mode, Path data, Path outDir, String preset, List<String> overrides,
        Path initFrom, Path tokenizerDir, TrainConfig train, int maxBadLines, boolean resume) {
      this(mode, data, outDir, preset, overrides, initFrom, tokenizerDir, train, maxBadLines, resume,
          ReasonEncoder.DEFAULT_TAG_WEIGHT);
    }
  }

  /** The result plus where the model was written and what was trained. */
  public record Outcome(TrainResult result, Path modelDir, MiniMindConfig config, long parameters,
      String dataset) {}

  private TrainingRun() {}

  public static Outcome run(Spec spec, ProgressListener listener) throws IOException {
    try (MiniMindTokenizer tokenizer = tokenizer(spec);
        NDManager manager = NDManager.newBaseManager("PyTorch")) {
      BadLinePolicy policy = new BadLinePolicy(spec.maxBadLines());
      try (RunDataset source = RunDataset.open(spec.mode().id(), spec.data(), tokenizer,
          spec.train().maxSeqLen(), policy, spec.tagWeight())) {
        TokenDataset data = source.data();
        LOG.info("dataset: {}", data.describe());
        Checkpoints checkpoints = new Checkpoints(spec.outDir().resolve("checkpoints"), tokenizer);
        MiniMindConfig config = modelConfig(spec, checkpoints, tokenizer);
        if (config.dropout() > 0) {
          throw new IllegalArgumentException("dropout " + config.dropout()
              + " is not supported in training (MiniMind trains with 0); set dropout=0");
        }
        Engine.getInstance().setRandomSeed((int) spec.train().seed());
        MiniMindModel model = new MiniMindModel(config);
        model.initializeRandom(manager, DataType.FLOAT32);
        if (spec.initFrom() != null) {
          ModelWeights.load(model, spec.initFrom().resolve(Checkpoints.MODEL_FILE));
        }
        Map<String, String> settings = spec.mode() == Mode.REASON
            ? Map.of("tag_weight", Double.toString(spec.tagWeight())) : Map.of();
        RunIdentity identity = new RunIdentity(spec.mode().id(),
            source.fingerprint(), tokenizer.sha256(), tokenizer.padId(), settings);
        Trainer trainer = new Trainer(model, data, spec.train(), identity, checkpoints, listener);
        TrainResult result = trainer.run(manager, spec.resume());
        return new Outcome(result, finishedModel(result, model, tokenizer, spec.outDir()), config,
            model.parameterCount(), data.describe());
      }
    }
  }

  private static MiniMindTokenizer tokenizer(Spec spec) throws IOException {
    if (spec.tokenizerDir() != null) {
      return MiniMindTokenizer.load(spec.tokenizerDir());
    }
    if (spec.initFrom() != null && Files.isRegularFile(spec.initFrom().resolve("tokenizer.json"))) {
      return MiniMindTokenizer.load(spec.initFrom());
    }
    return MiniMindTokenizer.defaultTokenizer();
  }

  /** The resumed checkpoint's config, else initFrom's, else the preset, each with overrides. */
  private static MiniMindConfig modelConfig(Spec spec, Checkpoints checkpoints, MiniMindTokenizer tok)
      throws IOException {
    MiniMindConfig base;
    var latest = spec.resume() ? checkpoints.latest() : java.util.Optional.<Path>empty();
    if (latest.isPresent()) {
      return ConfigJson.read(latest.get().resolve(Checkpoints.CONFIG_FILE));
    } else if (spec.initFrom() != null) {
      base = ConfigJson.read(spec.initFrom().resolve(Checkpoints.CONFIG_FILE));
    } else {
      base = Presets.get(spec.preset());
    }
    MiniMindConfig config = ConfigBuilder.from(base).override(spec.overrides()).build();
    if (config.vocabSize() < tok.vocabSize()) {
      throw new IllegalArgumentException("vocab_size " + config.vocabSize()
          + " is smaller than the tokenizer's vocabulary of " + tok.vocabSize());
    }
    return config;
  }

  /**
   * Writes a completed run's model to {@code <outDir>/model} and returns that directory; a run that
   * stopped early (cancel, {@code stopAfterSteps}) writes nothing and returns null — its
   * checkpoints are where it continues from.
   */
  public static Path finishedModel(TrainResult result, MiniMindModel model, MiniMindTokenizer tokenizer,
      Path outDir) throws IOException {
    if (!result.completed()) {
      return null;
    }
    Path modelDir = outDir.resolve("model");
    ModelDirectory.save(model, tokenizer, modelDir);
    return modelDir;
  }
}
