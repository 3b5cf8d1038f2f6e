package io.minimind.core.export;

import io.minimind.core.model.MiniMindConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports a dense MiniMind model directory as a GGUF file with llama.cpp's {@code llama}
 * architecture, loadable by llama.cpp and ollama.
 *
 * <p>MiniMind's dense model is a Llama: pre-norm RMSNorm decoder, grouped-query attention without
 * biases, rotate-half RoPE, SwiGLU FFN, tied embeddings. Tensors (PyTorch shapes; d = hidden, F =
 * intermediate, H/K = query/kv heads, D = head dim, V = vocab):
 *
 * <pre>
 * model.embed_tokens.weight                 (V, d)   → token_embd.weight
 * model.layers.N.input_layernorm.weight     (d)      → blk.N.attn_norm.weight    (always F32)
 * model.layers.N.self_attn.q_proj.weight    (H·D, d) → blk.N.attn_q.weight       (rows permuted, H)
 * model.layers.N.self_attn.k_proj.weight    (K·D, d) → blk.N.attn_k.weight       (rows permuted, K)
 * model.layers.N.self_attn.v_proj.weight    (K·D, d) → blk.N.attn_v.weight
 * model.layers.N.self_attn.o_proj.weight    (d, H·D) → blk.N.attn_output.weight
 * model.layers.N.post_attention_layernorm   (d)      → blk.N.ffn_norm.weight     (always F32)
 * model.layers.N.mlp.gate_proj.weight       (F, d)   → blk.N.ffn_gate.weight
 * model.layers.N.mlp.up_proj.weight         (F, d)   → blk.N.ffn_up.weight
 * model.layers.N.mlp.down_proj.weight       (d, F)   → blk.N.ffn_down.weight
 * model.norm.weight                         (d)      → output_norm.weight        (always F32)
 * lm_head.weight                            (V, d)   → output.weight (only when not tied)
 * </pre>
 *
 * <p>The q/k row permutation is explained in {@link QkPermutation}. 2-D weights take the requested
 * {@link GgufType}; a Q8_0 matrix whose rows are not whole 32-blocks falls back to F16, as
 * llama.cpp's converter does. Refused: MoE models (llama.cpp's llama architecture would need the
 * {@code ffn_gate_inp} router plus stacked {@code ffn_*_exps} expert tensors, and MiniMind's
 * always-on shared experts have no llama-arch slot: that needs a custom architecture or a
 * {@code qwen2moe}-style mapping with verification) and active YaRN ({@link RopeCompatibility}).
 */
public final class GgufExport {
  private static final Logger LOG = LoggerFactory.getLogger(GgufExport.class);

  private GgufExport() {}

  /** Reads {@code modelDir} and writes {@code outFile} atomically. */
  public static void write(Path modelDir, Path outFile, GgufType type) throws IOException {
    ExportSource src = ExportSource.load(modelDir);
    GgufWriter.write(outFile, metadata(src, type), tensors(src, type));
    LOG.info("exported {} to {} (GGUF {}, llama architecture)", modelDir, outFile, type);
  }

  /** Architecture, hyper-parameter and tokenizer metadata. */
  static Map<String, GgufValue> metadata(ExportSource src, GgufType type) {
    MiniMindConfig c = check(src.config());
    Map<String, GgufValue> m = new LinkedHashMap<>();
    m.put("general.architecture", GgufValue.string("llama"));
    m.put("general.name", GgufValue.string(src.name()));
    m.put("general.file_type", GgufValue.uint32(type.fileType()));
    m.put("general.quantization_version", GgufValue.uint32(2));
    m.put("general.alignment", GgufValue.uint32(GgufWriter.DEFAULT_ALIGNMENT));
    m.put("llama.context_length", GgufValue.uint32(c.maxPositionEmbeddings()));
    m.put("llama.embedding_length", GgufValue.uint32(c.hiddenSize()));
    m.put("llama.block_count", GgufValue.uint32(c.numHiddenLayers()));
    m.put("llama.feed_forward_length", GgufValue.uint32(c.intermediateSize()));
    m.put("llama.attention.head_count", GgufValue.uint32(c.numAttentionHeads()));
    m.put("llama.attention.head_count_kv", GgufValue.uint32(c.numKeyValueHeads()));
    m.put("llama.rope.dimension_count", GgufValue.uint32(c.headDim()));
    m.put("llama.rope.freq_base", GgufValue.float32(c.ropeTheta()));
    m.put("llama.attention.layer_norm_rms_epsilon", GgufValue.float32(c.rmsNormEps()));
    m.put("llama.vocab_size", GgufValue.uint32(c.vocabSize()));
    GgufVocab.addMetadata(m, src.tokenizerJson(), src.tokenizerConfigJson(), c.vocabSize());
    return m;
  }

  /** Refuses what the llama architecture cannot express. */
  static MiniMindConfig check(MiniMindConfig c) {
    if (c.useMoe()) {
      throw new UnsupportedExportException("GGUF export supports dense models only: MiniMind's "
          + "MoE (routed + shared experts) has no verified llama.cpp mapping yet; export it with "
          + "--format hf (MiniMind architecture) instead");
    }
    RopeCompatibility.requirePlainRope(c, "llama.cpp");
    return c;
  }

  /** All tensors with llama.cpp names, in llama.cpp's converter order. */
  static List<GgufTensor> tensors(ExportSource src, GgufType type) {
    MiniMindConfig c = check(src.config());
    List<GgufTensor> out = new ArrayList<>();
    out.add(matrix(src, "model.embed_tokens.weight", "token_embd.weight", type, 0));
    for (int i = 0; i < c.numHiddenLayers(); i++) {
      String p = "model.layers." + i + ".";
      String b = "blk." + i + ".";
      out.add(norm(src, p + "input_layernorm.weight", b + "attn_norm.weight"));
      out.add(matrix(src, p + "self_attn.q_proj.weight", b + "attn_q.weight", type,
          c.numAttentionHeads()));
      out.add(matrix(src, p + "self_attn.k_proj.weight", b + "attn_k.weight", type,
          c.numKeyValueHeads()));
      out.add(matrix(src, p + "self_attn.v_proj.weight", b + "attn_v.weight", type, 0));
      out.add(matrix(src, p + "self_attn.o_proj.weight", b + "attn_output.weight", type, 0));
      out.add(norm(src, p + "post_attention_layernorm.weight", b + "ffn_norm.weight"));
      out.add(matrix(src, p + "mlp.gate_proj.weight", b + "ffn_gate.weight", type, 0));
      out.add(matrix(src, p + "mlp.up_proj.weight", b + "ffn_up.weight", type, 0));
      out.add(matrix(src, p + "mlp.down_proj.weight", b + "ffn_down.weight", type, 0));
    }
    out.add(norm(src, "model.norm.weight", "output_norm.weight"));
    if (!c.tieWordEmbeddings()) {
      out.add(matrix(src, "lm_head.weight", "output.weight", type, 0));
    }
    return out;
  }

  private static GgufTensor norm(ExportSource src, String from, String to) {
    return GgufTensor.of(to, src.shape(from), GgmlType.F32, src.floats(from));
  }

  /**
   * A 2-D weight in the requested type.
   *
   * @param ropeHeads heads for the q/k row permutation, 0 for none
   */
  private static GgufTensor matrix(ExportSource src, String from, String to, GgufType type,
      int ropeHeads) {
    long[] shape = src.shape(from);
    float[] w = src.floats(from);
    if (ropeHeads > 0) {
      w = QkPermutation.permute(w, ropeHeads, (int) shape[1]);
    }
    GgmlType t = type.matrixType();
    if (shape[1] % t.blockSize() != 0) {
      LOG.info("{}: rows of {} are not whole {} blocks; writing F16", to, shape[1], t);
      t = GgmlType.F16;
    }
    return GgufTensor.of(to, shape, t, w);
  }
}
