package io.minimind.core.export;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.minimind.core.model.MiniMindConfig;

/**
 * A Hugging Face Transformers {@code config.json} for a dense MiniMind model as {@code
 * LlamaForCausalLM} ({@code model_type: llama}).
 *
 * <p>Why Llama: MiniMind's dense model is architecturally HF Llama (RMSNorm pre-norm, GQA without
 * biases, rotate-half RoPE with base rope_theta, SwiGLU with silu, optionally tied embeddings), and
 * its state-dict names are HF Llama's, so the weights load unchanged. Every field that HF's
 * LlamaConfig would otherwise default differently is written explicitly (Llama's defaults are
 * rms_norm_eps 1e-6, rope_theta 1e4, no tying, kv heads = heads). {@code rope_scaling} is always
 * null: active YaRN is refused before (see {@link RopeCompatibility}).
 */
final class HfConfig {
  private HfConfig() {}

  static String llamaJson(MiniMindConfig c, int padTokenId) {
    JsonObject o = new JsonObject();
    JsonArray arch = new JsonArray();
    arch.add("LlamaForCausalLM");
    o.add("architectures", arch);
    o.addProperty("model_type", "llama");
    o.addProperty("torch_dtype", "float32");
    o.addProperty("vocab_size", c.vocabSize());
    o.addProperty("hidden_size", c.hiddenSize());
    o.addProperty("intermediate_size", c.intermediateSize());
    o.addProperty("num_hidden_layers", c.numHiddenLayers());
    o.addProperty("num_attention_heads", c.numAttentionHeads());
    o.addProperty("num_key_value_heads", c.numKeyValueHeads());
    o.addProperty("head_dim", c.headDim());
    o.addProperty("hidden_act", "silu");
    o.addProperty("max_position_embeddings", c.maxPositionEmbeddings());
    o.addProperty("rms_norm_eps", c.rmsNormEps());
    o.addProperty("rope_theta", c.ropeTheta());
    o.add("rope_scaling", JsonNull.INSTANCE);
    o.addProperty("attention_bias", false);
    o.addProperty("attention_dropout", 0.0);
    o.addProperty("mlp_bias", false);
    o.addProperty("pretraining_tp", 1);
    o.addProperty("initializer_range", 0.02);
    o.addProperty("use_cache", true);
    o.addProperty("tie_word_embeddings", c.tieWordEmbeddings());
    o.addProperty("bos_token_id", c.bosTokenId());
    o.addProperty("eos_token_id", c.eosTokenId());
    if (padTokenId >= 0) {
      o.addProperty("pad_token_id", padTokenId);
    }
    return pretty(o);
  }

  /** generation_config.json: special ids plus MiniMind's chat sampling defaults. */
  static String generationJson(MiniMindConfig c, int padTokenId) {
    JsonObject o = new JsonObject();
    o.addProperty("bos_token_id", c.bosTokenId());
    o.addProperty("eos_token_id", c.eosTokenId());
    if (padTokenId >= 0) {
      o.addProperty("pad_token_id", padTokenId);
    }
    o.addProperty("do_sample", true);
    o.addProperty("temperature", 0.85);
    o.addProperty("top_p", 0.85);
    return pretty(o);
  }

  static String pretty(JsonObject o) {
    return new GsonBuilder().serializeNulls().disableHtmlEscaping().setPrettyPrinting().create()
        .toJson(o) + "\n";
  }
}
