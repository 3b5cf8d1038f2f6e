package io.minimind.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import io.minimind.core.model.MiniMindConfig;
import java.util.Map;

/**
 * Grouped-query causal self-attention with rotary positions.
 *
 * <p>Input x (B, T, d). Parameters q_proj (H·D, d), k_proj (K·D, d), v_proj (K·D, d), o_proj (d,
 * H·D). Output (B, T, d). Query head h reads key/value head h / G (MiniMind's repeat_kv order).
 * Without a fused kernel the scores (B, K, G·T, S) are materialised; the G query heads of a
 * key/value head are stacked as rows of one matmul instead of copying keys/values G times.
 */
public final class CausalSelfAttention extends ModelBlock {
  private final Parameter wq;
  private final Parameter wk;
  private final Parameter wv;
  private final Parameter wo;
  private final int heads;
  private final int kvHeads;
  private final int headDim;
  private final float scale;

  /** Queries per block in {@link #chunkedAttention}; prompts and training use it from 2 blocks. */
  static final int QUERY_CHUNK = 64;

  public CausalSelfAttention(MiniMindConfig c) {
    this.heads = c.numAttentionHeads();
    this.kvHeads = c.numKeyValueHeads();
    this.headDim = c.headDim();
    this.scale = (float) (1.0 / Math.sqrt(headDim));
    this.wq = linearWeight("q_proj", heads * headDim, c.hiddenSize());
    this.wk = linearWeight("k_proj", kvHeads * headDim, c.hiddenSize());
    this.wv = linearWeight("v_proj", kvHeads * headDim, c.hiddenSize());
    this.wo = linearWeight("o_proj", c.hiddenSize(), heads * headDim);
  }

  /**
   * @param x (B, T, d)
   * @param ctx RoPE angles for the T positions and the mask over S keys
   * @param cache past keys/values (appended to) or null
   * @param layer index of this layer in the cache
   */
  public NDArray forward(NDArray x, AttentionContext ctx, KvCache cache, int layer) {
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    int groups = heads / kvHeads;
    NDArray q = linear(x, wq).reshape(b, t, heads, headDim); // (B, T, H, D)
    NDArray k = linear(x, wk).reshape(b, t, kvHeads, headDim); // (B, T, K, D)
    NDArray v = linear(x, wv).reshape(b, t, kvHeads, headDim); // (B, T, K, D)
    // 1/√D folded into q: scaling (B, T, H, D) is cheaper than scaling the (…, T, S) scores.
    q = RotaryEmbedding.rotate(q, ctx.cos(), ctx.sin());
    q = q.mul(GraphConstants.scalar(q, scale));
    k = RotaryEmbedding.rotate(k, ctx.cos(), ctx.sin());
    // The G query heads sharing a key/value head are stacked as rows, so one plain 4-D matmul
    // serves them all without expanding keys/values G times: (B, K, G·T, D).
    q = q.transpose(0, 2, 1, 3).reshape(b, kvHeads, groups * t, headDim);
    k = k.transpose(0, 2, 1, 3); // (B, K, T, D)
    v = v.transpose(0, 2, 1, 3); // (B, K, T, D)
    if (cache != null) {
      NDArray[] full = cache.append(layer, k, v);
      k = full[0]; // (B, K, S, D)
      v = full[1];
    }
    NDArray out = t >= 2 * QUERY_CHUNK && ctx.mask() != null
        ? chunkedAttention(q, k, v, ctx.mask(), b, groups, t)
        : attention(q, k, v, ctx.mask(), b, groups, t); // (B, K, G·T, D)
    out = out.reshape(b, heads, t, headDim).transpose(0, 2, 1, 3).reshape(b, t, heads * headDim);
    return linear(out, wo); // (B, T, d)
  }

  /**
   * softmax(q·kᵀ + mask)·v for all queries at once.
   *
   * @param q (B, K, G·T, D), already scaled
   * @param k (B, K, S, D)
   * @param v (B, K, S, D)
   * @param mask (B|1, 1, 1, T, S) or null
   * @return (B, K, G·T, D)
   */
  private NDArray attention(NDArray q, NDArray k, NDArray v, NDArray mask, long b, int groups, long t) {
    long s = k.getShape().get(2);
    NDArray scores = q.matMul(k.swapAxes(2, 3)); // (B, K, G·T, S)
    if (mask != null) {
      // view as (B, K, G, T, S) so the mask broadcasts over heads
      scores = scores.reshape(b, kvHeads, groups, t, s).add(mask);
    }
    NDArray probs = scores.softmax(-1).reshape(b, kvHeads, groups * t, s);
    return probs.matMul(v);
  }

  /**
   * The same result, computed for blocks of {@link #QUERY_CHUNK} queries: block [a, e) only needs
   * the keys up to its last position, so the causal upper triangle is mostly never computed
   * (for T = 512 in blocks of 64, 56% of the score work and memory). Shapes as in {@link #attention}.
   */
  private NDArray chunkedAttention(NDArray q, NDArray k, NDArray v, NDArray mask, long b, int groups, long t) {
    long past = k.getShape().get(2) - t;
    NDArray q5 = q.reshape(b, kvHeads, groups, t, headDim); // (B, K, G, T, D)
    NDList blocks = new NDList();
    for (long a = 0; a < t; a += QUERY_CHUNK) {
      long e = Math.min(a + QUERY_CHUNK, t);
      long rows = e - a;
      long keys = past + e;
      NDArray qc = q5.get(":, :, :, " + a + ":" + e + ", :").reshape(b, kvHeads, groups * rows, headDim);
      NDArray kc = k.get(":, :, :" + keys + ", :"); // (B, K, keys, D)
      NDArray vc = v.get(":, :, :" + keys + ", :");
      NDArray scores = qc.matMul(kc.swapAxes(2, 3)).reshape(b, kvHeads, groups, rows, keys)
          .add(mask.get(":, :, :, " + a + ":" + e + ", :" + keys)); // (B, K, G, rows, keys)
      NDArray probs = scores.softmax(-1).reshape(b, kvHeads, groups * rows, keys);
      blocks.add(probs.matMul(vc).reshape(b, kvHeads, groups, rows, headDim));
    }
    return NDArrays.concat(blocks, 3).reshape(b, kvHeads, groups * t, headDim);
  }

  @Override
  public void collectParameters(String prefix, Map<String, Parameter> out) {
    out.put(prefix + "q_proj.weight", wq);
    out.put(prefix + "k_proj.weight", wk);
    out.put(prefix + "v_proj.weight", wv);
    out.put(prefix + "o_proj.weight", wo);
  }
}
