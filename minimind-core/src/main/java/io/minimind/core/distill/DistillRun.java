package io.minimind.core.distill;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.minimind.core.checkpoint.Checkpoints;
import io.minimind.core.checkpoint.ModelDirectory;
import io.minimind.core.checkpoint.ModelWeights;
import io.minimind.core.data.BadLinePolicy;
import io.minimind.core.io.ConfigJson;
import io.minimind.core.model.ConfigBuilder;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.model.Presets;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import io.minimind.core.train.ProgressListener;
import io.minimind.core.train.RunDataset;
import io.minimind.core.train.RunIdentity;
import io.minimind.core.train.TrainConfig;
import io.minimind.core.train.TrainResult;
import io.minimind.core.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One distillation run from files: SFT conversations (JSONL or token shards), a frozen teacher
 * loaded from a model directory, a student started from {@code initFrom} or built fresh from a
 * preset (usually smaller than the teacher), checkpoints under {@code <out>/checkpoints} and on
 * completion the student's model directory {@code <out>/model}. Used by the CLI ({@code
 * ./minimind train distill}) and the trainer service.
 */
public final class DistillRun {
  private static final Logger LOG = LoggerFactory.getLogger(DistillRun.class);

  /** MiniMind's defaults: α 0.5, T 1.5. */
  public static final double DEFAULT_ALPHA = 0.5;
  public static final double DEFAULT_TEMPERATURE = 1.5;

  /**
   * What to run. Parameter names follow the pipeline contract's {@code distill} stage.
   *
   * @param data SFT JSONL file or shard directory
   * @param outDir receives checkpoints/ and model/
   * @param teacher the teacher's model directory (required)
   * @param initFrom the student's starting model directory, or null for a fresh {@code preset}
   * @param preset the fresh student's preset (ignored with {@code initFrom})
   * @param overrides {@code key=value} config overrides of the fresh student
   * @param tokenizerDir a tokenizer directory, or null: initFrom's, else the teacher's, else MiniMind's
   * @param alpha CE weight: loss = α·CE + (1 − α)·T²·KL
   * @param temperature softmax temperature T
   */
  public record Spec(Path data, Path outDir, Path teacher, Path initFrom, String preset,
      List<String> overrides, Path tokenizerDir, TrainConfig train, double alpha,
      double temperature, int maxBadLines, boolean resume) {
    public Spec {
      if (teacher == null) {
        throw new IllegalArgumentException("distillation needs teacher: the teacher's model directory");
      }
      if (!(alpha >= 0 && alpha <= 1)) {
        throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
      }
      if (!(temperature > 0) || Double.isInfinite(temperature)) {
        throw new IllegalArgumentException("temperature must be a positive number, got " + temperature);
      }
      overrides = overrides == null ? List.of() : List.copyOf(overrides);
    }
  }

  /** The pipeline's distill defaults (MiniMind's lr 5e-6; batch 16; 1 epoch). */
  public static TrainConfig defaults() {
    return new TrainConfig(1, 16, 5e-6, 512, 1, 1.0, 0.01, 100, 10, 42, true, 0, 0, 3);
  }

  private DistillRun() {}

  public static TrainingRun.Outcome run(Spec spec, ProgressListener listener) throws IOException {
    requireModelDir("teacher", spec.teacher());
    if (spec.initFrom() != null) {
      requireModelDir("initFrom", spec.initFrom());
    }
    Path tokenizerSource = spec.initFrom() != null
        && Files.isRegularFile(spec.initFrom().resolve("tokenizer.json")) ? spec.initFrom() : spec.teacher();
    try (MiniMindTokenizer tokenizer = ModelDirectory.tokenizer(spec.tokenizerDir(), tokenizerSource);
        NDManager manager = NDManager.newBaseManager("PyTorch");
        RunDataset source = RunDataset.open("sft", spec.data(), tokenizer, spec.train().maxSeqLen(),
            new BadLinePolicy(spec.maxBadLines()))) {
      LOG.info("dataset: {}", source.data().describe());
      requireSameTokenizer(spec.teacher(), tokenizer);
      Checkpoints checkpoints = new Checkpoints(spec.outDir().resolve("checkpoints"), tokenizer);
      MiniMindModel student = student(spec, checkpoints, tokenizer, manager);
      MiniMindModel teacher = ModelDirectory.loadModel(spec.teacher(), manager);
      LOG.info("teacher {} parameters, student {} parameters", teacher.parameterCount(),
          student.parameterCount());
      RunIdentity identity = new RunIdentity("distill", source.fingerprint(), tokenizer.sha256(),
          tokenizer.padId(), Map.of("alpha", Double.toString(spec.alpha()),
              "temperature", Double.toString(spec.temperature()),
              "teacher", ModelDirectory.weightsSha256(spec.teacher())));
      DistillTrainer trainer = new DistillTrainer(student, teacher, source.data(), spec.train(),
          spec.alpha(), spec.temperature(), identity, checkpoints, listener);
      TrainResult result = trainer.run(manager, spec.resume());
      return new TrainingRun.Outcome(result,
          TrainingRun.finishedModel(result, student, tokenizer, spec.outDir()), student.config(),
          student.parameterCount(), source.data().describe());
    }
  }

  /** The student: resumed checkpoint's config, else initFrom's weights, else a seeded fresh preset. */
  private static MiniMindModel student(Spec spec, Checkpoints checkpoints, MiniMindTokenizer tok,
      NDManager manager) throws IOException {
    Optional<Path> latest = spec.resume() ? checkpoints.latest() : Optional.empty();
    MiniMindConfig config;
    if (latest.isPresent()) {
      config = ConfigJson.read(latest.get().resolve(Checkpoints.CONFIG_FILE));
    } else if (spec.initFrom() != null) {
      config = ConfigJson.read(spec.initFrom().resolve(Checkpoints.CONFIG_FILE));
    } else {
      config = ConfigBuilder.from(Presets.get(spec.preset())).override(spec.overrides()).build();
    }
    if (config.dropout() > 0) {
      throw new IllegalArgumentException("student dropout " + config.dropout()
          + " is not supported in training (MiniMind trains with 0); set dropout=0");
    }
    if (config.vocabSize() < tok.vocabSize()) {
      throw new IllegalArgumentException("the student's vocab_size " + config.vocabSize()
          + " is smaller than the tokenizer's vocabulary of " + tok.vocabSize());
    }
    Engine.getInstance().setRandomSeed((int) spec.train().seed());
    MiniMindModel model = new MiniMindModel(config);
    model.initializeRandom(manager, DataType.FLOAT32);
    if (latest.isEmpty() && spec.initFrom() != null) {
      ModelWeights.load(model, spec.initFrom().resolve(Checkpoints.MODEL_FILE));
    }
    return model;
  }

  /** A teacher that ships its own tokenizer must ship the run's. */
  private static void requireSameTokenizer(Path teacher, MiniMindTokenizer tok) throws IOException {
    if (!Files.isRegularFile(teacher.resolve("tokenizer.json"))) {
      return;
    }
    try (MiniMindTokenizer teacherTok = MiniMindTokenizer.load(teacher)) {
      if (!teacherTok.sha256().equals(tok.sha256())) {
        throw new IllegalArgumentException("the teacher " + teacher + " has another tokenizer"
            + " (tokenizer.json sha256 " + teacherTok.sha256() + ") than the run's ("
            + tok.sha256() + "); teacher and student must share the tokenizer");
      }
    }
  }

  private static void requireModelDir(String what, Path dir) {
    if (!Files.isRegularFile(dir.resolve(Checkpoints.CONFIG_FILE))
        || !Files.isRegularFile(dir.resolve(Checkpoints.MODEL_FILE))) {
      throw new IllegalArgumentException(what + " " + dir + " is not a model directory: it needs "
          + Checkpoints.CONFIG_FILE + " and " + Checkpoints.MODEL_FILE);
    }
  }
}
