package io.minimind.core.export;

import ai.djl.ndarray.NDManager;
import io.minimind.core.checkpoint.ModelDirectory;
import io.minimind.core.checkpoint.ModelWeights;
import io.minimind.core.io.SafeDType;
import io.minimind.core.io.TensorData;
import io.minimind.core.model.MiniMindConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an export reads from a model directory: the config, every weight as float32 under
 * MiniMind's state-dict names (with {@code lm_head.weight} = the embedding when tied), and the raw
 * tokenizer files.
 *
 * <p>Weights go through {@link ModelDirectory#load}, so an export sees exactly the model the chat
 * command would run: names and shapes are validated and F16/BF16 checkpoints are widened. Without
 * tokenizer files in the directory, MiniMind's bundled tokenizer is used, as the loader does.
 *
 * @param config the model's config
 * @param weights name → float32 tensor, in state-dict order
 * @param tokenizerJson bytes of tokenizer.json
 * @param tokenizerConfigJson bytes of tokenizer_config.json
 * @param name the directory name, used as the model name
 */
public record ExportSource(
    MiniMindConfig config,
    Map<String, TensorData> weights,
    byte[] tokenizerJson,
    byte[] tokenizerConfigJson,
    String name) {

  private static final String BUNDLED = "/io/minimind/core/tokenizer/minimind/";

  /** Loads {@code modelDir}; fails with a clear message when it is not a model directory. */
  public static ExportSource load(Path modelDir) throws IOException {
    if (!Files.isDirectory(modelDir)) {
      throw new IOException("model directory " + modelDir + " does not exist");
    }
    Map<String, TensorData> weights = new LinkedHashMap<>();
    MiniMindConfig config;
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ModelDirectory.Loaded loaded = ModelDirectory.load(modelDir, manager);
      try (var model = loaded.model(); var tok = loaded.tokenizer()) {
        config = model.config();
        for (TensorData t : ModelWeights.stateDict(model, SafeDType.F32)) {
          weights.put(t.name(), t);
        }
      }
    }
    boolean own = Files.isRegularFile(modelDir.resolve("tokenizer.json"));
    byte[] tokenizer = own ? Files.readAllBytes(modelDir.resolve("tokenizer.json"))
        : resource("tokenizer.json");
    Path cfg = modelDir.resolve("tokenizer_config.json");
    byte[] tokenizerConfig = own && Files.isRegularFile(cfg) ? Files.readAllBytes(cfg)
        : resource("tokenizer_config.json");
    Path abs = modelDir.toAbsolutePath().normalize();
    String name = abs.getFileName() == null ? "minimind" : abs.getFileName().toString();
    return new ExportSource(config, weights, tokenizer, tokenizerConfig, name);
  }

  /** The float32 values of weight {@code name}. */
  public float[] floats(String name) {
    TensorData t = weights.get(name);
    if (t == null) {
      throw new IllegalStateException("the model has no weight " + name);
    }
    return t.toFloats();
  }

  /** The shape of weight {@code name}. */
  public long[] shape(String name) {
    return weights.get(name).shape();
  }

  private static byte[] resource(String file) throws IOException {
    try (InputStream in = ExportSource.class.getResourceAsStream(BUNDLED + file)) {
      if (in == null) {
        throw new IOException("missing bundled tokenizer resource " + BUNDLED + file);
      }
      return in.readAllBytes();
    }
  }
}
