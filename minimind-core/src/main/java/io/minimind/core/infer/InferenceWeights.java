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
 * A dense MiniMind model's weights as flat row-major float32 arrays, the input of {@link
 * InferenceEngine}. With d = hidden size, V = vocab, H query heads, K key/value heads, D = head dim,
 * F = intermediate size:
 *
 * <ul>
 *   <li>{@link #embed} (V, d) = {@code model.embed_tokens.weight}
 *   <li>{@link #lmHead} (V, d) = {@code lm_head.weight}; the same array as {@code embed} when the
 *       config ties them
 *   <li>{@link #finalNorm} (d) = {@code model.norm.weight}
 *   <li>per layer ({@link Layer}): attnNorm (d); wqkv (H·D + 2·K·D, d) = q_proj, k_proj, v_proj
 *       stacked by rows; wo (d, H·D) = o_proj; ffnNorm (d); wGateUp (2F, d) = gate_proj then
 *       up_proj stacked by rows; wDown (d, F) = down_proj
 * </ul>
 *
 * Stacking q/k/v and gate/up lets one parallel matmul read each layer input once. Mixture-of-experts
 * models are not supported (their routed FFN has no dense weights): {@link #load} says so.
 */
public final class InferenceWeights {
  /** One decoder layer; shapes in the class comment. */
  public record Layer(float[] attnNorm, float[] wqkv, float[] wo, float[] ffnNorm, float[] wGateUp, float[] wDown) {}

  public final MiniMindConfig config;
  public final float[] embed;
  public final float[] lmHead;
  public final float[] finalNorm;
  public final List<Layer> layers;

  public InferenceWeights(MiniMindConfig config, float[] embed, float[] lmHead, float[] finalNorm, List<Layer> layers) {
    if (config.useMoe()) {
      throw new IllegalArgumentException(
          "the pure-Java inference engine supports dense models only; this config uses MoE");
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
    if (c.useMoe()) {
      throw new CheckpointFormatException(dir + ": mixture-of-experts models are not supported by the"
          + " pure-Java inference engine (dense SwiGLU models only); use the DJL Generator");
    }
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
      float[] wGateUp = concat(
          tensor(t, p + "mlp.gate_proj.weight", source, f, d), // (F, d)
          tensor(t, p + "mlp.up_proj.weight", source, f, d)); // (F, d)
      layers.add(new Layer(
          tensor(t, p + "input_layernorm.weight", source, d),
          wqkv,
          tensor(t, p + "self_attn.o_proj.weight", source, d, qDim),
          tensor(t, p + "post_attention_layernorm.weight", source, d),
          wGateUp,
          tensor(t, p + "mlp.down_proj.weight", source, d, f)));
    }
    float[] norm = tensor(t, "model.norm.weight", source, d);
    return new InferenceWeights(c, embed, lmHead, norm, layers);
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
      layers.add(new Layer(ones(d), uniform(rng, qkvRows * d, range),
          uniform(rng, d * c.numAttentionHeads() * c.headDim(), range), ones(d),
          uniform(rng, 2 * c.intermediateSize() * d, range),
          uniform(rng, d * c.intermediateSize(), range)));
    }
    return new InferenceWeights(c, embed, lmHead, ones(d), layers);
  }

  /** Float32 bytes held (a tied lm_head counted once). */
  public long bytes() {
    long n = embed.length + finalNorm.length + (lmHead == embed ? 0 : lmHead.length);
    for (Layer l : layers) {
      n += l.attnNorm.length + l.wqkv.length + l.wo.length + l.ffnNorm.length + l.wGateUp.length + l.wDown.length;
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
