package io.minimind.core.infer;

import io.minimind.core.checkpoint.Checkpoints;
import io.minimind.core.io.CheckpointFormatException;
import io.minimind.core.io.ConfigJson;
import io.minimind.core.io.SafeTensors;
import io.minimind.core.io.TensorData;
import io.minimind.core.model.MiniMindConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A MiniMind model's weights as flat row-major float32 arrays, the input of {@link
 * InferenceEngine}. With d = hidden size, V = vocab, H query heads, K key/value heads, D = head dim,
 * F = intermediate size, E = routed experts:
 *
 * <ul>
 *   <li>{@link #embed} (V, d) = {@code model.embed_tokens.weight}
 *   <li>{@link #lmHead} (V, d) = {@code lm_head.weight}; the same array as {@code embed} when the
 *       config ties them
 *   <li>{@link #finalNorm} (d) = {@code model.norm.weight}
 *   <li>per layer ({@link Layer}): attnNorm (d); wqkv (H·D + 2·K·D, d) = q_proj, k_proj, v_proj
 *       stacked by rows; wo (d, H·D) = o_proj; ffnNorm (d); then either (dense) wGateUp (2F, d) =
 *       gate_proj then up_proj stacked by rows and wDown (d, F) = down_proj, or (use_moe) {@link
 *       MoeWeights}: router (E, d) = mlp.gate, each routed and shared expert an {@link
 *       ExpertWeights} of the same two shapes
 * </ul>
 *
 * Stacking q/k/v and gate/up lets one parallel matmul read each layer input once.
 */
public final class InferenceWeights {
  /**
   * One decoder layer; shapes in the class comment. A dense layer has wGateUp and wDown and a null
   * moe; a mixture-of-experts layer has moe and null wGateUp, wDown.
   */
  public record Layer(float[] attnNorm, float[] wqkv, float[] wo, float[] ffnNorm, float[] wGateUp, float[] wDown,
      MoeWeights moe) {
    public Layer {
      if ((moe == null) == (wGateUp == null || wDown == null)) {
        throw new IllegalArgumentException("a layer has either dense FFN weights or MoE weights");
      }
    }

    /** A dense layer. */
    public Layer(float[] attnNorm, float[] wqkv, float[] wo, float[] ffnNorm, float[] wGateUp, float[] wDown) {
      this(attnNorm, wqkv, wo, ffnNorm, wGateUp, wDown, null);
    }
  }

  public final MiniMindConfig config;
  public final float[] embed;
  public final float[] lmHead;
  public final float[] finalNorm;
  public final List<Layer> layers;

  public InferenceWeights(MiniMindConfig config, float[] embed, float[] lmHead, float[] finalNorm, List<Layer> layers) {
    for (Layer l : layers) {
      if ((l.moe() != null) != config.useMoe()) {
        throw new IllegalArgumentException("layer weights do not match the config's use_moe=" + config.useMoe());
      }
      if (l.moe() != null && (l.moe().experts().size() != config.moe().nRoutedExperts()
          || l.moe().shared().size() != config.moe().nSharedExperts()
          || l.moe().router().length != config.moe().nRoutedExperts() * config.hiddenSize())) {
        throw new IllegalArgumentException("MoE layer weights do not match the config's expert counts");
      }
    }
    this.config = config;
    this.embed = embed;
    this.lmHead = lmHead;
    this.finalNorm = finalNorm;
    this.layers = List.copyOf(layers);
  }

  /** Loads {@code config.json} and {@code model.safetensors} (f32, f16 or bf16) from a model directory. */
  public static InferenceWeights load(Path dir) throws IOException {
    Path configFile = dir.resolve(Checkpoints.CONFIG_FILE);
    Path weightsFile = dir.resolve(Checkpoints.MODEL_FILE);
    if (!Files.isRegularFile(configFile) || !Files.isRegularFile(weightsFile)) {
      throw new CheckpointFormatException(
          dir + " is not a model directory: it needs config.json and model.safetensors");
    }
    MiniMindConfig c = ConfigJson.read(configFile);
    return fromTensors(c, SafeTensors.read(weightsFile), weightsFile.toString());
  }

  /** Builds the weights from a state dict with MiniMind's names. */
  public static InferenceWeights fromTensors(MiniMindConfig c, Map<String, TensorData> t, String source) {
    int d = c.hiddenSize();
    int qDim = c.numAttentionHeads() * c.headDim();
    int kvDim = c.numKeyValueHeads() * c.headDim();
    int f = c.intermediateSize();
    float[] embed = tensor(t, "model.embed_tokens.weight", source, c.vocabSize(), d);
    float[] lmHead = c.tieWordEmbeddings() ? embed : tensor(t, "lm_head.weight", source, c.vocabSize(), d);
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < c.numHiddenLayers(); i++) {
      String p = "model.layers." + i + ".";
      float[] wqkv = concat(
          tensor(t, p + "self_attn.q_proj.weight", source, qDim, d), // (H·D, d)
          tensor(t, p + "self_attn.k_proj.weight", source, kvDim, d), // (K·D, d)
          tensor(t, p + "self_attn.v_proj.weight", source, kvDim, d)); // (K·D, d)
      ExpertWeights dense = c.useMoe() ? null : expert(t, p + "mlp.", source, d, f);
      layers.add(new Layer(
          tensor(t, p + "input_layernorm.weight", source, d),
          wqkv,
          tensor(t, p + "self_attn.o_proj.weight", source, d, qDim),
          tensor(t, p + "post_attention_layernorm.weight", source, d),
          dense == null ? null : dense.wGateUp(),
          dense == null ? null : dense.wDown(),
          c.useMoe() ? moe(t, p + "mlp.", source, c) : null));
    }
    float[] norm = tensor(t, "model.norm.weight", source, d);
    return new InferenceWeights(c, embed, lmHead, norm, layers);
  }

  /** gate_proj and up_proj (F, d) stacked into (2F, d), down_proj (d, F), under {@code prefix}. */
  private static ExpertWeights expert(Map<String, TensorData> t, String prefix, String source, int d, int f) {
    return new ExpertWeights(
        concat(tensor(t, prefix + "gate_proj.weight", source, f, d), tensor(t, prefix + "up_proj.weight", source, f, d)),
        tensor(t, prefix + "down_proj.weight", source, d, f));
  }

  /** MiniMind's MOEFeedForward under {@code prefix} ("model.layers.{i}.mlp."). */
  private static MoeWeights moe(Map<String, TensorData> t, String prefix, String source, MiniMindConfig c) {
    int d = c.hiddenSize();
    int f = c.intermediateSize();
    List<ExpertWeights> experts = new ArrayList<>();
    for (int e = 0; e < c.moe().nRoutedExperts(); e++) {
      experts.add(expert(t, prefix + "experts." + e + ".", source, d, f));
    }
    List<ExpertWeights> shared = new ArrayList<>();
    for (int j = 0; j < c.moe().nSharedExperts(); j++) {
      shared.add(expert(t, prefix + "shared_experts." + j + ".", source, d, f));
    }
    return new MoeWeights(tensor(t, prefix + "gate.weight", source, c.moe().nRoutedExperts(), d), experts, shared);
  }

  /**
   * Random weights of the right shapes (U(-1/√d, 1/√d), norms 1): decode speed does not depend on
   * the values, so benchmarks need no checkpoint.
   */
  public static InferenceWeights random(MiniMindConfig c, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int d = c.hiddenSize();
    int qkvRows = (c.numAttentionHeads() + 2 * c.numKeyValueHeads()) * c.headDim();
    float range = (float) (1 / Math.sqrt(d));
    float[] embed = uniform(rng, c.vocabSize() * d, range);
    float[] lmHead = c.tieWordEmbeddings() ? embed : uniform(rng, c.vocabSize() * d, range);
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < c.numHiddenLayers(); i++) {
      float[] wqkv = uniform(rng, qkvRows * d, range);
      float[] wo = uniform(rng, d * c.numAttentionHeads() * c.headDim(), range);
      if (c.useMoe()) {
        layers.add(new Layer(ones(d), wqkv, wo, ones(d), null, null, randomMoe(c, rng, range)));
      } else {
        layers.add(new Layer(ones(d), wqkv, wo, ones(d),
            uniform(rng, 2 * c.intermediateSize() * d, range),
            uniform(rng, d * c.intermediateSize(), range)));
      }
    }
    return new InferenceWeights(c, embed, lmHead, ones(d), layers);
  }

  private static MoeWeights randomMoe(MiniMindConfig c, SplittableRandom rng, float range) {
    int d = c.hiddenSize();
    int f = c.intermediateSize();
    float[] router = uniform(rng, c.moe().nRoutedExperts() * d, range);
    List<ExpertWeights> experts = new ArrayList<>();
    for (int e = 0; e < c.moe().nRoutedExperts(); e++) {
      experts.add(new ExpertWeights(uniform(rng, 2 * f * d, range), uniform(rng, d * f, range)));
    }
    List<ExpertWeights> shared = new ArrayList<>();
    for (int j = 0; j < c.moe().nSharedExperts(); j++) {
      shared.add(new ExpertWeights(uniform(rng, 2 * f * d, range), uniform(rng, d * f, range)));
    }
    return new MoeWeights(router, experts, shared);
  }

  /** Float32 bytes held (a tied lm_head counted once; every expert, though a token reads only k). */
  public long bytes() {
    long n = embed.length + finalNorm.length + (lmHead == embed ? 0 : lmHead.length);
    for (Layer l : layers) {
      n += l.attnNorm.length + l.wqkv.length + l.wo.length + l.ffnNorm.length;
      n += l.moe == null ? l.wGateUp.length + l.wDown.length : l.moe.floats();
    }
    return 4 * n;
  }

  private static float[] tensor(Map<String, TensorData> t, String name, String source, long... shape) {
    TensorData data = t.get(name);
    if (data == null) {
      throw new CheckpointFormatException(source + ": missing tensor '" + name + "'");
    }
    if (!Arrays.equals(data.shape(), shape)) {
      throw new CheckpointFormatException(source + ": tensor '" + name + "' has shape "
          + Arrays.toString(data.shape()) + ", expected " + Arrays.toString(shape));
    }
    try {
      return data.toFloats();
    } catch (IllegalStateException e) {
      throw new CheckpointFormatException(source + ": " + e.getMessage());
    }
  }

  private static float[] concat(float[]... parts) {
    int n = 0;
    for (float[] p : parts) {
      n += p.length;
    }
    float[] out = new float[n];
    int at = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  private static float[] uniform(SplittableRandom rng, int n, float range) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) ((rng.nextDouble() * 2 - 1) * range);
    }
    return out;
  }

  private static float[] ones(int n) {
    float[] out = new float[n];
    Arrays.fill(out, 1f);
    return out;
  }
}
