package io.minimind.core.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
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

/**
 * Parameters by name: copying one model's weights into another (the frozen reference, PPO's old
 * actor) and saving or loading any named set (the critic) as safetensors.
 */
public final class NamedParameters {
  private NamedParameters() {}

  /** Copies every parameter of {@code from} into the same-named one of {@code to}. */
  public static void copy(Map<String, Parameter> from, Map<String, Parameter> to) {
    if (!from.keySet().equals(to.keySet())) {
      throw new IllegalArgumentException("parameter names differ: " + from.keySet() + " vs " + to.keySet());
    }
    for (Map.Entry<String, Parameter> e : from.entrySet()) {
      e.getValue().getArray().copyTo(to.get(e.getKey()).getArray());
    }
  }

  /** A new model with {@code source}'s config and a copy of its weights. */
  public static MiniMindModel copyOf(MiniMindModel source, NDManager manager) {
    MiniMindModel copy = new MiniMindModel(source.config());
    copy.initializeRandom(manager, source.dataType());
    copy(source.parameters(), copy.parameters());
    return copy;
  }

  /** Writes {@code params} atomically. */
  public static void save(Map<String, Parameter> params, Path file, SafeDType dtype) throws IOException {
    List<TensorData> out = new ArrayList<>();
    for (Map.Entry<String, Parameter> e : params.entrySet()) {
      out.add(TensorData.fromNDArray(e.getKey(), e.getValue().getArray(), dtype));
    }
    SafeTensors.write(file, out, Map.of("format", "pt"));
  }

  /** Loads {@code file} into {@code params}, refusing missing, extra or mis-shaped tensors. */
  public static void load(Map<String, Parameter> params, Path file) throws IOException {
    LinkedHashMap<String, TensorData> tensors = SafeTensors.read(file);
    Map<String, long[]> expected = new LinkedHashMap<>();
    params.forEach((name, p) -> expected.put(name, p.getArray().getShape().getShape()));
    StateDictCheck.verify(expected, tensors, file.toString(), Set.of());
    for (Map.Entry<String, Parameter> e : params.entrySet()) {
      NDArray target = e.getValue().getArray();
      try (NDManager scope = target.getManager().newSubManager()) {
        tensors.get(e.getKey()).toNDArray(scope, target.getDataType()).copyTo(target);
      }
    }
  }
}
