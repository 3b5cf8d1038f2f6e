package io.minimind.inference.api;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.minimind.core.checkpoint.ModelDirectory;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.model.Presets;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a tiny random MiniMind model (the {@code tiny} preset, MiniMind's tokenizer) to
 * target/ and serves it as {@code tiny}: its replies are noise, but every API behaviour around
 * them (shapes, usage, streaming, seeds, batching, errors) is real.
 */
public class TinyModelResource implements QuarkusTestResourceLifecycleManager {
  static final Path DIR = Path.of("target/test-models/tiny").toAbsolutePath();

  @Override
  public Map<String, String> start() {
    try {
      if (!Files.isRegularFile(DIR.resolve("model.safetensors"))) {
        try (NDManager m = NDManager.newBaseManager("PyTorch");
            MiniMindTokenizer tok = MiniMindTokenizer.defaultTokenizer()) {
          MiniMindModel model = new MiniMindModel(Presets.get("tiny"));
          model.initializeRandom(m, DataType.FLOAT32);
          ModelDirectory.save(model, tok, DIR);
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot write the test model", e);
    }
    return Map.of("minimind.inference.models.tiny", DIR.toString(), "minimind.inference.threads", "2");
  }

  @Override
  public void stop() {}
}
