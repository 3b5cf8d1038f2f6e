package io.minimind.core.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.nn.KvCache;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy decoding that keeps the logits, the reference side of comparing an export with another
 * runtime (llama.cpp): both run the same prompt ids, take the argmax for {@code steps} tokens
 * without stopping at EOS, and report the logits they chose from.
 *
 * <p>Step s's logits (V) are those after the prompt plus the first s generated tokens; step 0 is
 * the prompt's last position. Uses the KV cache as {@link io.minimind.core.sampling.Generator}
 * does, one forward per token, each in its own NDManager scope.
 *
 * @param tokens the {@code steps} greedy token ids
 * @param firstLogits all V logits of step 0
 * @param top the {@code topK} largest logits of every step, best first
 */
public record GreedyTrace(int[] tokens, float[] firstLogits, List<Top> top) {

  /** The largest logits of one step: ids and values, best first. */
  public record Top(int[] ids, float[] logits) {
    /** Largest minus second-largest logit: how robust the greedy choice is. */
    public float margin() {
      return logits.length < 2 ? Float.POSITIVE_INFINITY : logits[0] - logits[1];
    }
  }

  /** Runs {@code steps} greedy steps after {@code prompt}. */
  public static GreedyTrace run(MiniMindModel model, NDManager manager, int[] prompt, int steps,
      int topK) {
    if (prompt.length == 0 || prompt.length + steps > model.config().maxPositionEmbeddings()) {
      throw new IllegalArgumentException("prompt of " + prompt.length + " tokens + " + steps
          + " steps must fit in " + model.config().maxPositionEmbeddings() + " positions");
    }
    int[] tokens = new int[steps];
    float[] first = null;
    List<Top> top = new ArrayList<>();
    try (KvCache cache = new KvCache(manager, model.config().numHiddenLayers())) {
      long[] input = toLongs(prompt);
      for (int s = 0; s < steps; s++) {
        float[] logits = forwardLast(model, manager, input, cache);
        if (s == 0) {
          first = logits;
        }
        Top t = top(logits, topK);
        top.add(t);
        tokens[s] = t.ids()[0];
        input = new long[] {tokens[s]};
      }
    }
    return new GreedyTrace(tokens, first, top);
  }

  private static float[] forwardLast(MiniMindModel model, NDManager manager, long[] input,
      KvCache cache) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray ids = scope.create(input, new Shape(1, input.length));
      NDArray logits = model.forward(ids, null, cache, 1, false).logits(); // (1, 1, V)
      return logits.toType(DataType.FLOAT32, false).toFloatArray();
    }
  }

  /** The k largest values, best first; ties go to the lower id (argmax's choice). */
  public static Top top(float[] logits, int k) {
    int n = Math.min(k, logits.length);
    int[] ids = new int[n];
    float[] vals = new float[n];
    boolean[] taken = new boolean[logits.length];
    for (int j = 0; j < n; j++) {
      int best = -1;
      for (int i = 0; i < logits.length; i++) {
        if (!taken[i] && (best < 0 || logits[i] > logits[best])) {
          best = i;
        }
      }
      taken[best] = true;
      ids[j] = best;
      vals[j] = logits[best];
    }
    return new Top(ids, vals);
  }

  private static long[] toLongs(int[] v) {
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }
}
