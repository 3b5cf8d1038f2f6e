package io.minimind.core.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Rollout samples laid out for one forward pass: each row is its prompt left-padded to P (the
 * longest prompt) followed by its completion right-padded to R (the longest completion), so every
 * completion starts at column P. The attention mask hides both kinds of padding.
 */
public final class RolloutBatch {
  /** Rows N. */
  public final int rows;
  /** Prompt columns P. */
  public final int promptLen;
  /** Completion columns R. */
  public final int completionLen;
  private final long[] input; // (N, P+R)
  private final long[] attention; // (N, P+R)
  private final long[] completion; // (N, R)
  private final float[] mask; // (N, R)
  private final float[] oldLogp; // (N, R)
  private final int[] lengths;

  public RolloutBatch(List<RolloutSample> samples, int padId) {
    rows = samples.size();
    promptLen = samples.stream().mapToInt(s -> s.prompt().ids().length).max().orElseThrow();
    completionLen = samples.stream().mapToInt(RolloutSample::length).max().orElseThrow();
    int width = promptLen + completionLen;
    input = new long[rows * width];
    java.util.Arrays.fill(input, padId);
    attention = new long[rows * width];
    completion = new long[rows * completionLen];
    java.util.Arrays.fill(completion, padId);
    mask = new float[rows * completionLen];
    oldLogp = new float[rows * completionLen];
    lengths = new int[rows];
    for (int r = 0; r < rows; r++) {
      RolloutSample s = samples.get(r);
      int[] p = s.prompt().ids();
      for (int i = 0; i < p.length; i++) {
        input[r * width + promptLen - p.length + i] = p[i];
        attention[r * width + promptLen - p.length + i] = 1;
      }
      lengths[r] = s.length();
      for (int t = 0; t < s.length(); t++) {
        input[r * width + promptLen + t] = s.completionIds()[t];
        attention[r * width + promptLen + t] = 1;
        completion[r * completionLen + t] = s.completionIds()[t];
        mask[r * completionLen + t] = 1;
        oldLogp[r * completionLen + t] = s.oldLogProbs()[t];
      }
    }
  }

  /** Completion tokens each row counts. */
  public int[] lengths() {
    return lengths.clone();
  }

  /** (N, P+R) int64 prompt and completion ids. */
  public NDArray inputIds(NDManager m) {
    return m.create(input, new Shape(rows, promptLen + completionLen));
  }

  /** (N, P+R) int64, 1 for real tokens. */
  public NDArray attentionMask(NDManager m) {
    return m.create(attention, new Shape(rows, promptLen + completionLen));
  }

  /** (N, R) int64 completion ids (pad after each end). */
  public NDArray completionIds(NDManager m) {
    return m.create(completion, new Shape(rows, completionLen));
  }

  /** (N, R) completion mask in {@code dtype}. */
  public NDArray completionMask(NDManager m, DataType dtype) {
    return m.create(mask, new Shape(rows, completionLen)).toType(dtype, false);
  }

  /** (N, R) the sampling policy's log-probs in {@code dtype}. */
  public NDArray oldLogProbs(NDManager m, DataType dtype) {
    return m.create(oldLogp, new Shape(rows, completionLen)).toType(dtype, false);
  }
}
