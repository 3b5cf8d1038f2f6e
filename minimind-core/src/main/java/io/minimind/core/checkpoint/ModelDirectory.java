package io.minimind.core.checkpoint;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.minimind.core.io.AtomicDirectories;
import io.minimind.core.io.CheckpointFormatException;
import io.minimind.core.io.ConfigJson;
import io.minimind.core.io.FileDigest;
import io.minimind.core.io.SafeDType;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A self-contained model directory, the unit the chat command, the inference service and exports
 * read: {@code config.json}, {@code model.safetensors}, {@code tokenizer.json} and {@code
 * tokenizer_config.json}. A training checkpoint directory is also one (it has extra files).
 */
public final class ModelDirectory {
  private ModelDirectory() {}

  /** A loaded model with its tokenizer. */
  public record Loaded(MiniMindModel model, MiniMindTokenizer tokenizer, boolean bundledTokenizer) {}

  /**
   * Writes a model directory atomically: everything goes to a sibling temporary directory that
   * replaces {@code dir} only once complete ({@link AtomicDirectories}).
   */
  public static void save(MiniMindModel model, MiniMindTokenizer tokenizer, Path dir) throws IOException {
    AtomicDirectories.write(dir, tmp -> {
      ModelWeights.save(model, tmp.resolve(Checkpoints.MODEL_FILE), SafeDType.F32);
      ConfigJson.write(tmp.resolve(Checkpoints.CONFIG_FILE), model.config());
      tokenizer.saveTo(tmp);
    });
  }

  /**
   * Loads a model directory (or a training checkpoint). Without tokenizer files the bundled
   * MiniMind tokenizer is used, and {@link Loaded#bundledTokenizer()} says so.
   */
  public static Loaded load(Path dir, NDManager manager) throws IOException {
    requireModelFiles(dir);
    boolean hasTokenizer = Files.isRegularFile(dir.resolve("tokenizer.json"));
    MiniMindTokenizer tokenizer =
        hasTokenizer ? MiniMindTokenizer.load(dir) : MiniMindTokenizer.defaultTokenizer();
    MiniMindConfig config = ConfigJson.read(dir.resolve(Checkpoints.CONFIG_FILE));
    if (config.vocabSize() < tokenizer.vocabSize()) {
      throw new CheckpointFormatException(dir + ": the model's vocab_size "
          + config.vocabSize() + " is smaller than the tokenizer's " + tokenizer.vocabSize());
    }
    Engine.getInstance().setRandomSeed(0);
    return new Loaded(loadModel(dir, manager), tokenizer, !hasTokenizer);
  }

  /**
   * The tokenizer a run uses: {@code tokenizerDir}'s when given, else {@code modelDir}'s when it
   * has one, else MiniMind's bundled tokenizer.
   *
   * @param modelDir the model directory the run starts from, or null
   */
  public static MiniMindTokenizer tokenizer(Path tokenizerDir, Path modelDir) throws IOException {
    if (tokenizerDir != null) {
      return MiniMindTokenizer.load(tokenizerDir);
    }
    if (modelDir != null && Files.isRegularFile(modelDir.resolve("tokenizer.json"))) {
      return MiniMindTokenizer.load(modelDir);
    }
    return MiniMindTokenizer.defaultTokenizer();
  }

  /**
   * Loads only the model of a model directory (or checkpoint), f32, for a caller that already has
   * the tokenizer: a DPO reference, a distillation teacher or student.
   */
  public static MiniMindModel loadModel(Path dir, NDManager manager) throws IOException {
    requireModelFiles(dir);
    MiniMindModel model = new MiniMindModel(ConfigJson.read(dir.resolve(Checkpoints.CONFIG_FILE)));
    model.initializeRandom(manager, DataType.FLOAT32); // every value is overwritten below
    ModelWeights.load(model, dir.resolve(Checkpoints.MODEL_FILE));
    return model;
  }

  private static void requireModelFiles(Path dir) throws CheckpointFormatException {
    if (!Files.isRegularFile(dir.resolve(Checkpoints.CONFIG_FILE))
        || !Files.isRegularFile(dir.resolve(Checkpoints.MODEL_FILE))) {
      throw new CheckpointFormatException(
          dir + " is not a model directory: it needs config.json and model.safetensors");
    }
  }


  /**
   * Hex SHA-256 of a model directory's weights file: identifies a frozen model (DPO reference,
   * distillation teacher) in a run's identity, so a resume against other weights is refused.
   */
  public static String weightsSha256(Path dir) throws IOException {
    return FileDigest.sha256(dir.resolve(Checkpoints.MODEL_FILE));
  }

}
