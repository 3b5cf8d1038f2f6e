package io.minimind.core.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.nn.KvCache;
import java.util.List;
import java.util.function.Function;

/**
 * Rollouts on the policy being trained (MiniMind's {@code TorchRolloutEngine}): all B·G rows are
 * decoded as one left-padded batch with a KV cache, each row sampled at the given temperature
 * (MiniMind: 0.8) by its own {@link Rng} seeded from (seed, row). A row stops at its first end token
 * ({@code <|im_end|>}), which it keeps. The old log-probs are those of the untempered policy at the
 * sampled tokens, read from the same logits the sampler used (MiniMind recomputes them with a
 * second forward pass; the values agree up to float rounding of the cached decode).
 *
 * <p>Runs without recording gradients: call it outside a gradient collector.
 */
public final class PolicyRolloutGenerator implements RolloutGenerator {
  private final MiniMindModel model;
  private final NDManager manager;
  private final int maxNewTokens;
  private final RolloutSampling sampling;
  private final int endId;
  private final Function<int[], String> decoder;

  /**
   * @param decoder completion ids → text without special tokens
   */
  public PolicyRolloutGenerator(MiniMindModel model, NDManager manager, int maxNewTokens, double temperature,
      int endId, Function<int[], String> decoder) {
    this(model, manager, maxNewTokens, RolloutSampling.wholeVocabulary(temperature), endId, decoder);
  }

  /**
   * @param sampling temperature and top-k/top-p filter of the rollouts
   * @param decoder completion ids → text without special tokens
   */
  public PolicyRolloutGenerator(MiniMindModel model, NDManager manager, int maxNewTokens,
      RolloutSampling sampling, int endId, Function<int[], String> decoder) {
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("rollouts need maxNewTokens >= 1, got " + maxNewTokens);
    }
    this.model = model;
    this.manager = manager;
    this.maxNewTokens = maxNewTokens;
    this.sampling = sampling;
    this.endId = endId;
    this.decoder = decoder;
  }

  @Override
  public List<RolloutSample> generate(List<RlPrompt> prompts, int samplesPerPrompt, long seed) {
    RolloutRows rows = new RolloutRows(prompts, samplesPerPrompt, seed, maxNewTokens, sampling, endId,
        model.config().vocabSize(), model.config().maxPositionEmbeddings());
    int n = rows.n;
    int width = rows.longest + rows.steps;
    long[] mask = new long[n * width]; // (N, P+R): 1 for real tokens; finished rows keep being fed (ignored)
    long[] input = new long[n * rows.longest]; // left-padded prompts
    for (int r = 0; r < n; r++) {
      int[] p = rows.rows.get(r).ids();
      int pad = rows.longest - p.length;
      for (int i = 0; i < p.length; i++) {
        input[r * rows.longest + pad + i] = p[i];
        mask[r * width + pad + i] = 1;
      }
    }
    try (KvCache cache = new KvCache(manager, model.config().numHiddenLayers())) {
      int seqLen = rows.longest;
      int inputLen = rows.longest;
      for (int s = 0; s < rows.steps; s++) {
        float[] logits = forwardLast(input, inputLen, mask, seqLen, width, n, cache);
        input = new long[n];
        boolean active = false;
        for (int r = 0; r < n; r++) {
          if (!rows.done(r)) {
            input[r] = rows.sample(r, logits, r);
            active |= rows.active(r);
          }
        }
        if (!active) {
          break;
        }
        for (int r = 0; r < n; r++) {
          mask[r * width + seqLen] = 1;
        }
        seqLen++;
        inputLen = 1;
      }
    }
    return rows.samples(decoder);
  }

  /** One decode step in its own scope: the last position's logits, (N·V) row-major. */
  private float[] forwardLast(long[] input, int inputLen, long[] mask, int seqLen, int maskStride, int n,
      KvCache cache) {
    try (NDManager scope = manager.newSubManager()) {
      long[] visible = new long[n * seqLen];
      for (int r = 0; r < n; r++) {
        System.arraycopy(mask, r * maskStride, visible, r * seqLen, seqLen);
      }
      NDArray ids = scope.create(input, new Shape(n, inputLen));
      NDArray m = scope.create(visible, new Shape(n, seqLen));
      NDArray logits = model.forward(ids, m, cache, 1, false).logits(); // (N, 1, V)
      return logits.toType(DataType.FLOAT32, false).toFloatArray();
    }
  }
}
