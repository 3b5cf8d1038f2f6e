package io.minimind.core.export;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.minimind.core.checkpoint.ModelDirectory;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.model.Presets;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small random MiniMind models saved as model directories, for the export tests. */
final class ExportFixtures {
  private ExportFixtures() {}

  /** A tiny model with MiniMind's 6400-token vocabulary (so the bundled tokenizer fits). */
  static MiniMindConfig tinyConfig(String... overrides) {
    List<String> o = new ArrayList<>(List.of("hidden_size=64", "num_hidden_layers=2",
        "num_attention_heads=4", "num_key_value_heads=2", "max_position_embeddings=128"));
    o.addAll(List.of(overrides));
    return Presets.builder("tiny").override(o).build();
  }

  /** Saves a randomly initialised model with the bundled tokenizer into {@code dir}. */
  static Path saveRandom(MiniMindConfig c, Path dir, int seed) throws IOException {
    try (NDManager m = NDManager.newBaseManager("PyTorch");
        MiniMindModel model = new MiniMindModel(c);
        MiniMindTokenizer tok = MiniMindTokenizer.defaultTokenizer()) {
      Engine.getInstance().setRandomSeed(seed);
      model.initializeRandom(m, DataType.FLOAT32);
      // RMSNorm gains start at 1; make them differ so a mix-up of norms would show.
      for (var e : model.parameters().entrySet()) {
        if (e.getKey().endsWith("norm.weight")) {
          NDArray w = e.getValue().getArray();
          m.randomUniform(0.5f, 1.5f, w.getShape()).copyTo(w);
        }
      }
      ModelDirectory.save(model, tok, dir);
    }
    return dir;
  }

  /** Logits (T·V) of a full forward over {@code ids}, for the model in {@code dir}. */
  static float[] logits(Path dir, long[] ids) throws IOException {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      ModelDirectory.Loaded loaded = ModelDirectory.load(dir, m);
      try (MiniMindModel model = loaded.model(); var tok = loaded.tokenizer()) {
        NDArray in = m.create(ids).reshape(1, ids.length);
        return model.forward(in, null, null, 0, false).logits().toFloatArray();
      }
    }
  }
}
