package io.minimind.core.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a loaded state dict against the names and shapes a model expects, before any tensor is
 * copied into the model. All problems are reported in one {@link CheckpointFormatException}:
 * missing tensors, shape mismatches (expected vs actual) and unexpected tensors.
 */
public final class StateDictCheck {
  private StateDictCheck() {}

  /** As {@link #verify(Map, Map, String, Set)} with no tolerated extra tensors. */
  public static void verify(
      Map<String, long[]> expectedShapes, Map<String, TensorData> actual, String source) {
    verify(expectedShapes, actual, source, Set.of());
  }

  /**
   * @param expectedShapes tensor name to shape the model needs
   * @param actual tensors read from {@code source}
   * @param source file or checkpoint name, for the message
   * @param allowedExtra names that may be present without being expected (e.g. {@code
   *     lm_head.weight} when embeddings are tied)
   * @throws CheckpointFormatException naming every missing, mis-shaped or unexpected tensor
   */
  public static void verify(
      Map<String, long[]> expectedShapes,
      Map<String, TensorData> actual,
      String source,
      Set<String> allowedExtra) {
    List<String> problems = new ArrayList<>();
    Set<String> missing = new TreeSet<>();
    for (Map.Entry<String, long[]> e : expectedShapes.entrySet()) {
      TensorData t = actual.get(e.getKey());
      if (t == null) {
        missing.add(e.getKey());
      } else if (!Arrays.equals(e.getValue(), t.shape())) {
        problems.add("tensor '" + e.getKey() + "' has shape " + Arrays.toString(t.shape())
            + ", expected " + Arrays.toString(e.getValue()));
      }
    }
    if (!missing.isEmpty()) {
      problems.add(0, "missing tensors " + missing);
    }
    Set<String> extra = new TreeSet<>(actual.keySet());
    extra.removeAll(expectedShapes.keySet());
    extra.removeAll(allowedExtra);
    if (!extra.isEmpty()) {
      problems.add("unexpected tensors " + extra);
    }
    if (!problems.isEmpty()) {
      throw new CheckpointFormatException(
          "state dict from " + source + " does not match the model: " + String.join("; ", problems));
    }
  }
}
