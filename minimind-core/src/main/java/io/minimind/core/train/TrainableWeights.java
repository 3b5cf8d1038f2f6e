package io.minimind.core.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.minimind.core.checkpoint.ModelCheckpoint;
import io.minimind.core.model.MiniMindModel;
import java.util.LinkedHashMap;

/**
 * What an optimizer updates and how those weights are checkpointed: the whole model for
 * pretraining, SFT, DPO and RL; only the adapters for LoRA.
 */
public interface TrainableWeights {
  /** The parameters the optimizer updates, by state-dict name, in a stable order. */
  LinkedHashMap<String, Parameter> parameters();

  /** Checkpoint contents holding these weights and {@code optimizer}'s moments. */
  CheckpointContents checkpoint(AdamW optimizer, NDManager manager);

  /** Every parameter of {@code model}. */
  static TrainableWeights fullModel(MiniMindModel model) {
    return new TrainableWeights() {
      @Override
      public LinkedHashMap<String, Parameter> parameters() {
        return model.parameters();
      }

      @Override
      public CheckpointContents checkpoint(AdamW optimizer, NDManager manager) {
        return new ModelCheckpoint(model, optimizer, manager);
      }
    };
  }
}
