package io.minimind.core.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.minimind.core.io.CheckpointFormatException;
import io.minimind.core.io.SafeDType;
import io.minimind.core.io.SafeTensors;
import io.minimind.core.io.StateDictCheck;
import io.minimind.core.io.TensorData;
import io.minimind.core.model.MiniMindModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Saves and loads a model's parameters as safetensors with MiniMind's state-dict names. */
public final class ModelWeights {
  private ModelWeights() {}

  /**
   * The state dict as MiniMind's PyTorch model has it: every parameter, plus {@code
   * lm_head.weight} as a copy of the embedding when the two are tied (MiniMind's strict loader
   * expects both names).
   */
  public static List<TensorData> stateDict(MiniMindModel model, SafeDType dtype) {
    List<TensorData> out = new ArrayList<>();
    for (Map.Entry<String, Parameter> e : model.parameters().entrySet()) {
      out.add(TensorData.fromNDArray(e.getKey(), e.getValue().getArray(), dtype));
    }
    if (model.config().tieWordEmbeddings()) {
      NDArray embed = model.parameters().get(MiniMindModel.EMBED).getArray();
      out.add(TensorData.fromNDArray(MiniMindModel.LM_HEAD, embed, dtype));
    }
    return out;
  }

  /** Writes {@code model.safetensors}-style weights atomically. */
  public static void save(MiniMindModel model, Path file, SafeDType dtype) throws IOException {
    SafeTensors.write(file, stateDict(model, dtype), Map.of("format", "pt"));
  }

  /**
   * Copies weights from a safetensors file into an allocated model (see {@link
   * MiniMindModel#initializeRandom}), converting dtypes as needed.
   *
   * @throws CheckpointFormatException naming any missing, mis-shaped or unexpected tensor
   */
  public static void load(MiniMindModel model, Path file) throws IOException {
    LinkedHashMap<String, TensorData> tensors = SafeTensors.read(file);
    Map<String, long[]> expected = new LinkedHashMap<>();
    model.parameters().forEach((name, p) -> expected.put(name, p.getShape().getShape()));
    Set<String> extra =
        model.config().tieWordEmbeddings() ? Set.of(MiniMindModel.LM_HEAD) : Set.of();
    StateDictCheck.verify(expected, tensors, file.toString(), extra);
    for (Map.Entry<String, Parameter> e : model.parameters().entrySet()) {
      NDArray target = e.getValue().getArray();
      try (NDManager scope = target.getManager().newSubManager()) {
        NDArray value = tensors.get(e.getKey()).toNDArray(scope, target.getDataType());
        value.copyTo(target);
      }
    }
  }
}
