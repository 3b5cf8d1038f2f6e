package io.minimind.core.lora;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.minimind.core.checkpoint.Checkpoints;
import io.minimind.core.checkpoint.OptimizerState;
import io.minimind.core.io.ConfigJson;
import io.minimind.core.io.SafeDType;
import io.minimind.core.train.AdamW;
import io.minimind.core.train.CheckpointContents;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Checkpoint contents of a LoRA run: the adapter files ({@link AdapterFiles}), the optimizer's
 * moments of the adapter parameters and the base model's {@code config.json} — not the base
 * weights, which the run reloads from its base model directory (lora.json's base identity makes
 * sure it is the same one).
 */
final class LoraCheckpoint implements CheckpointContents {
  private final LoraAdapters adapters;
  private final AdamW optimizer;
  private final NDManager manager;

  LoraCheckpoint(LoraAdapters adapters, AdamW optimizer, NDManager manager) {
    this.adapters = adapters;
    this.optimizer = optimizer;
    this.manager = manager;
  }

  @Override
  public void write(Path dir) throws IOException {
    AdapterFiles.writeInto(adapters, dir);
    SafeDType dtype = adapters.model().dataType() == DataType.FLOAT64 ? SafeDType.F64 : SafeDType.F32;
    OptimizerState.write(dir.resolve(Checkpoints.OPTIMIZER_FILE), optimizer, dtype);
    ConfigJson.write(dir.resolve(Checkpoints.CONFIG_FILE), adapters.model().config());
  }

  @Override
  public void read(Path dir) throws IOException {
    AdapterFiles.readValues(adapters, dir);
    OptimizerState.read(dir.resolve(Checkpoints.OPTIMIZER_FILE), optimizer,
        adapters.parameters().keySet(), adapters.model().dataType(), manager);
  }
}
