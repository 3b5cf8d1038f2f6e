package io.minimind.core.checkpoint;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.minimind.core.io.ConfigJson;
import io.minimind.core.io.SafeDType;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.train.AdamW;
import io.minimind.core.train.CheckpointContents;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Checkpoint contents of full-parameter training: the whole model ({@code model.safetensors},
 * {@code config.json}) and its optimizer ({@code optimizer.safetensors}), so the directory is also
 * a loadable model directory.
 */
public final class ModelCheckpoint implements CheckpointContents {
  private final MiniMindModel model;
  private final AdamW optimizer;
  private final NDManager manager;

  public ModelCheckpoint(MiniMindModel model, AdamW optimizer, NDManager manager) {
    this.model = model;
    this.optimizer = optimizer;
    this.manager = manager;
  }

  static SafeDType dtypeOf(MiniMindModel model) {
    return model.dataType() == DataType.FLOAT64 ? SafeDType.F64 : SafeDType.F32;
  }

  @Override
  public void write(Path dir) throws IOException {
    ModelWeights.save(model, dir.resolve(Checkpoints.MODEL_FILE), dtypeOf(model));
    OptimizerState.write(dir.resolve(Checkpoints.OPTIMIZER_FILE), optimizer, dtypeOf(model));
    ConfigJson.write(dir.resolve(Checkpoints.CONFIG_FILE), model.config());
  }

  @Override
  public void read(Path dir) throws IOException {
    ModelWeights.load(model, dir.resolve(Checkpoints.MODEL_FILE));
    OptimizerState.read(dir.resolve(Checkpoints.OPTIMIZER_FILE), optimizer,
        model.parameters().keySet(), model.dataType(), manager);
  }
}
