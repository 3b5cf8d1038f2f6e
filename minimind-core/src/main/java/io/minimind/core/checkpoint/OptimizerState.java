package io.minimind.core.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.minimind.core.io.CheckpointFormatException;
import io.minimind.core.io.SafeDType;
import io.minimind.core.io.SafeTensors;
import io.minimind.core.io.TensorData;
import io.minimind.core.train.AdamW;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AdamW's moments and step count in a safetensors file ({@code exp_avg.<param>},
 * {@code exp_avg_sq.<param>}, metadata {@code step}), named as torch's optimizer state is.
 */
public final class OptimizerState {
  private static final String FIRST_MOMENT = "exp_avg.";
  private static final String SECOND_MOMENT = "exp_avg_sq.";

  private OptimizerState() {}

  public static void write(Path file, AdamW optimizer, SafeDType dtype) throws IOException {
    List<TensorData> out = new ArrayList<>();
    optimizer.firstMoments().forEach((k, a) -> out.add(TensorData.fromNDArray(FIRST_MOMENT + k, a, dtype)));
    optimizer.secondMoments().forEach((k, a) -> out.add(TensorData.fromNDArray(SECOND_MOMENT + k, a, dtype)));
    SafeTensors.write(file, out, Map.of("step", Long.toString(optimizer.stepCount())));
  }

  /**
   * Restores {@code optimizer} from {@code file}, refusing moments of parameters not in {@code
   * parameters} (a checkpoint of a different model or adapter set).
   */
  public static void read(Path file, AdamW optimizer, Set<String> parameters, DataType dtype,
      NDManager manager) throws IOException {
    if (!Files.exists(file)) {
      throw new CheckpointFormatException("checkpoint has no " + file.getFileName() + " (" + file + ")");
    }
    Map<String, String> meta = SafeTensors.readMetadata(file);
    LinkedHashMap<String, TensorData> tensors = SafeTensors.read(file);
    Map<String, NDArray> m = new LinkedHashMap<>();
    Map<String, NDArray> v = new LinkedHashMap<>();
    try (NDManager scope = manager.newSubManager()) {
      for (TensorData t : tensors.values()) {
        if (t.name().startsWith(SECOND_MOMENT)) {
          v.put(t.name().substring(SECOND_MOMENT.length()), t.toNDArray(scope, dtype));
        } else if (t.name().startsWith(FIRST_MOMENT)) {
          m.put(t.name().substring(FIRST_MOMENT.length()), t.toNDArray(scope, dtype));
        } else {
          throw new CheckpointFormatException(file + ": unexpected tensor '" + t.name() + "'");
        }
      }
      for (String param : m.keySet()) {
        if (!parameters.contains(param) || !v.containsKey(param)) {
          throw new CheckpointFormatException(file + ": moments for unknown parameter '" + param + "'");
        }
      }
      String step = meta.get("step");
      if (step == null) {
        throw new CheckpointFormatException(file + ": metadata lacks 'step'");
      }
      optimizer.restore(m, v, Long.parseLong(step)); // copies into the optimizer's own manager
    }
  }
}
