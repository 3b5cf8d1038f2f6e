package io.minimind.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.minimind.core.model.MiniMindConfig;
import java.util.Map;

/**
 * One pre-norm decoder layer: h = x + attn(norm1(x)); y = h + ffn(norm2(h)).
 *
 * <p>Input (B, T, d), output (B, T, d) and the MoE auxiliary loss (null for dense layers or at
 * inference).
 */
public final class DecoderLayer extends ModelBlock {
  private final RmsNorm inputNorm;
  private final CausalSelfAttention attention;
  private final RmsNorm postAttentionNorm;
  private final SwiGluMlp mlp;
  private final MoeFeedForward moe;
  private final int index;

  public DecoderLayer(MiniMindConfig c, int index) {
    this.index = index;
    this.inputNorm = addChildBlock("input_layernorm", new RmsNorm(c.hiddenSize(), c.rmsNormEps()));
    this.attention = addChildBlock("self_attn", new CausalSelfAttention(c));
    this.postAttentionNorm =
        addChildBlock("post_attention_layernorm", new RmsNorm(c.hiddenSize(), c.rmsNormEps()));
    if (c.useMoe()) {
      this.moe = addChildBlock("mlp", new MoeFeedForward(c));
      this.mlp = null;
    } else {
      this.mlp = addChildBlock("mlp", new SwiGluMlp(c.hiddenSize(), c.intermediateSize()));
      this.moe = null;
    }
  }

  /** Layer output and auxiliary loss. */
  public record Result(NDArray hidden, NDArray auxLoss) {}

  public Result forward(NDArray x, AttentionContext ctx, KvCache cache, boolean training) {
    NDArray h = x.add(attention.forward(inputNorm.forward(x, training), ctx, cache, index));
    NDArray normed = postAttentionNorm.forward(h, training);
    if (moe != null) {
      MoeFeedForward.Result r = moe.route(normed, training);
      return new Result(h.add(r.output()), r.auxLoss());
    }
    return new Result(h.add(mlp.forward(normed, training)), null);
  }

  @Override
  public void collectParameters(String prefix, Map<String, Parameter> out) {
    inputNorm.collectParameters(prefix + "input_layernorm.", out);
    attention.collectParameters(prefix + "self_attn.", out);
    postAttentionNorm.collectParameters(prefix + "post_attention_layernorm.", out);
    if (moe != null) {
      moe.collectParameters(prefix + "mlp.", out);
    } else {
      mlp.collectParameters(prefix + "mlp.", out);
    }
  }
}
