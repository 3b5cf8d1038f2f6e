package io.minimind.core.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.nn.KvCache;
import io.minimind.core.sampling.GenerationConfig;
import io.minimind.core.sampling.Rng;
import io.minimind.core.sampling.Sampler;
import java.util.ArrayList;
import java.util.Arrays;
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
  private final double temperature;
  private final int endId;
  private final Function<int[], String> decoder;

  /**
   * @param decoder completion ids → text without special tokens
   */
  public PolicyRolloutGenerator(MiniMindModel model, NDManager manager, int maxNewTokens, double temperature,
      int endId, Function<int[], String> decoder) {
    if (maxNewTokens < 1 || !(temperature > 0)) {
      throw new IllegalArgumentException("rollouts need maxNewTokens >= 1 and temperature > 0, got "
          + maxNewTokens + ", " + temperature);
    }
    this.model = model;
    this.manager = manager;
    this.maxNewTokens = maxNewTokens;
    this.temperature = temperature;
    this.endId = endId;
    this.decoder = decoder;
  }

  @Override
  public List<RolloutSample> generate(List<RlPrompt> prompts, int samplesPerPrompt, long seed) {
    List<RlPrompt> rows = new ArrayList<>();
    for (RlPrompt p : prompts) {
      for (int j = 0; j < samplesPerPrompt; j++) {
        rows.add(p);
      }
    }
    int n = rows.size();
    int longest = rows.stream().mapToInt(p -> p.ids().length).max().orElseThrow();
    int context = model.config().maxPositionEmbeddings();
    int steps = Math.min(maxNewTokens, context - longest);
    if (steps < 1) {
      throw new IllegalArgumentException("a prompt of " + longest + " tokens leaves no room in the context of " + context);
    }
    int vocab = model.config().vocabSize();
    GenerationConfig sampling = new GenerationConfig(steps, temperature, 0, 1.0, 1.0, new int[] {endId}, seed);
    Sampler sampler = new Sampler(vocab);
    Rng[] rngs = new Rng[n];
    for (int r = 0; r < n; r++) {
      rngs[r] = new Rng(new Rng(seed).nextLong() + r);
    }
    int[][] ids = new int[n][steps];
    float[][] logps = new float[n][steps];
    int[] len = new int[n];
    boolean[] done = new boolean[n];
    long[] mask = new long[n * (longest + steps)];
    long[] input = new long[n * longest];
    for (int r = 0; r < n; r++) {
      int[] p = rows.get(r).ids();
      int pad = longest - p.length;
      for (int i = 0; i < p.length; i++) {
        input[r * longest + pad + i] = p[i];
        mask[r * (longest + steps) + pad + i] = 1;
      }
    }
    try (KvCache cache = new KvCache(manager, model.config().numHiddenLayers())) {
      int seqLen = longest;
      int inputLen = longest;
      for (int s = 0; s < steps; s++) {
        float[] logits = forwardLast(input, inputLen, mask, seqLen, longest + steps, n, cache);
        input = new long[n];
        boolean active = false;
        for (int r = 0; r < n; r++) {
          if (done[r]) {
            continue;
          }
          float[] row = Arrays.copyOfRange(logits, r * vocab, (r + 1) * vocab);
          int token = sampler.sample(row, null, 0, sampling, rngs[r]);
          ids[r][len[r]] = token;
          logps[r][len[r]] = (float) logProb(row, token);
          len[r]++;
          input[r] = token;
          done[r] = token == endId;
          active |= !done[r];
        }
        if (!active) {
          break;
        }
        for (int r = 0; r < n; r++) {
          mask[r * (longest + steps) + seqLen] = 1;
        }
        seqLen++;
        inputLen = 1;
      }
    }
    List<RolloutSample> out = new ArrayList<>(n);
    for (int r = 0; r < n; r++) {
      int[] c = Arrays.copyOf(ids[r], len[r]);
      int[] text = done[r] ? Arrays.copyOf(c, c.length - 1) : c;
      out.add(new RolloutSample(rows.get(r), c, Arrays.copyOf(logps[r], len[r]), decoder.apply(text), done[r]));
    }
    return out;
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

  /** log softmax(logits)[token], in double. */
  static double logProb(float[] logits, int token) {
    double max = Double.NEGATIVE_INFINITY;
    for (float x : logits) {
      max = Math.max(max, x);
    }
    double sum = 0;
    for (float x : logits) {
      sum += Math.exp(x - max);
    }
    return logits[token] - max - Math.log(sum);
  }
}
