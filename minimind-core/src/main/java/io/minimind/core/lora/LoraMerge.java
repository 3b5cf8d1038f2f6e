package io.minimind.core.lora;

import ai.djl.ndarray.NDManager;
import io.minimind.core.checkpoint.ModelDirectory;
import java.io.IOException;
import java.nio.file.Path;

/** Base model directory + adapter directory → a merged, plain model directory. */
public final class LoraMerge {
  private LoraMerge() {}

  /**
   * Loads the base, attaches the adapters (refusing adapters of another base), folds them into the
   * weights (W ← W + scale·B·A) and writes {@code outDir} atomically with the base's tokenizer.
   */
  public static void write(Path baseModelDir, Path adapterDir, Path outDir) throws IOException {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ModelDirectory.Loaded base = ModelDirectory.load(baseModelDir, manager);
      try (var model = base.model(); var tokenizer = base.tokenizer()) {
        AdapterFiles.load(model, adapterDir, manager).merge();
        ModelDirectory.save(model, tokenizer, outDir);
      }
    }
  }
}
