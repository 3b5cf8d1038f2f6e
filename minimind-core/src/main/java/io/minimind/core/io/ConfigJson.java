package io.minimind.core.io;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.MiniMindConfig.MoeConfig;
import io.minimind.core.model.MiniMindConfig.RopeScaling;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link MiniMindConfig} as a Hugging Face style {@code config.json} with
 * MiniMind's field names ({@code hidden_size}, {@code num_key_value_heads}, {@code use_moe}, ...).
 *
 * <p>Reading is lenient where it is safe: unknown fields (MiniMind's {@code to_dict()} carries many
 * {@code PretrainedConfig} fields) are ignored and logged at debug; missing optional fields take
 * MiniMind's defaults, or Hugging Face Llama's when {@code model_type} is {@code llama}. It is
 * strict where a wrong guess would build a different model: a field of the wrong type, a missing
 * {@code vocab_size}/{@code hidden_size}/{@code num_hidden_layers}/{@code num_attention_heads}, an
 * activation other than silu, an unsupported rope scaling, attention or MLP biases. Every error
 * is a {@link CheckpointFormatException} naming the field and the file.
 */
public final class ConfigJson {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigJson.class);

  /** Fields this class reads or knowingly tolerates; any other is logged at debug. */
  private static final Set<String> KNOWN =
      Set.of("vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads",
          "num_key_value_heads", "intermediate_size", "max_position_embeddings", "rms_norm_eps",
          "rope_theta", "dropout", "bos_token_id", "eos_token_id", "tie_word_embeddings",
          "hidden_act", "use_moe", "num_experts_per_tok", "n_routed_experts", "n_shared_experts",
          "scoring_func", "aux_loss_alpha", "seq_aux", "norm_topk_prob", "flash_attn",
          "inference_rope_scaling", "rope_scaling", "architectures", "model_type", "torch_dtype",
          "head_dim", "attention_bias", "mlp_bias");

  private ConfigJson() {}

  public static MiniMindConfig read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Parses config.json text.
   *
   * @param source file name for error messages
   */
  public static MiniMindConfig parse(String json, String source) {
    JsonFields f = new JsonFields(StrictJson.parseObject(json, source), source, "");
    for (String key : f.object().keySet()) {
      if (!KNOWN.contains(key)) {
        LOG.debug("{}: ignoring field \"{}\"", source, key);
      }
    }
    String type = f.optString("model_type", "minimind");
    if (!type.equals("minimind") && !type.equals("llama")) {
      throw f.error("model_type", "is '" + type + "'; only minimind and llama are supported");
    }
    Defaults d = type.equals("llama") ? Defaults.LLAMA : Defaults.MINIMIND;
    checkArchitecture(f);
    int hidden = f.requiredInt("hidden_size");
    int heads = f.requiredInt("num_attention_heads");
    if (f.has("head_dim") && f.optInt("head_dim", 0) * heads != hidden) {
      throw f.error("head_dim", "must equal hidden_size / num_attention_heads = " + hidden / heads);
    }
    try {
      return new MiniMindConfig(
          f.requiredInt("vocab_size"),
          hidden,
          f.requiredInt("num_hidden_layers"),
          heads,
          f.optInt("num_key_value_heads", d == Defaults.LLAMA ? heads : d.kvHeads),
          f.optInt("intermediate_size", MiniMindConfig.defaultIntermediateSize(hidden)),
          f.optInt("max_position_embeddings", d.maxPositions),
          f.optDouble("rms_norm_eps", d.rmsNormEps),
          f.optDouble("rope_theta", d.ropeTheta),
          ropeScaling(f),
          f.optDouble("dropout", 0.0),
          f.optInt("bos_token_id", 1),
          f.optIntOrFirst("eos_token_id", 2),
          f.optBool("tie_word_embeddings", d.tie),
          moe(f));
    } catch (IllegalArgumentException e) {
      throw new CheckpointFormatException(source + ": " + e.getMessage(), e);
    }
  }

  private static void checkArchitecture(JsonFields f) {
    String act = f.optString("hidden_act", "silu");
    if (!act.equals("silu")) {
      throw f.error("hidden_act", "is '" + act + "'; only silu is supported");
    }
    if (f.optBool("attention_bias", false) || f.optBool("mlp_bias", false)) {
      throw f.error(f.optBool("attention_bias", false) ? "attention_bias" : "mlp_bias",
          "is true; MiniMind's linear layers have no bias");
    }
    f.optBool("flash_attn", true); // type-checked only: an execution choice, not a shape
    String scoring = f.optString("scoring_func", "softmax");
    if (f.optBool("use_moe", false) && !scoring.equals("softmax")) {
      throw f.error("scoring_func", "is '" + scoring + "'; only softmax is supported");
    }
  }

  private static RopeScaling ropeScaling(JsonFields f) {
    boolean inference = f.optBool("inference_rope_scaling", false);
    JsonFields r = f.optObject("rope_scaling");
    if (r == null) {
      return inference ? RopeScaling.minimindDefault() : null;
    }
    String kind = r.optString("rope_type", r.optString("type", "default"));
    if (kind.equals("default")) {
      return null;
    }
    if (!kind.equals("yarn")) {
      throw r.error(r.has("rope_type") ? "rope_type" : "type",
          "is '" + kind + "'; only yarn (or default) is supported");
    }
    if (r.optDouble("attention_factor", 1.0) != 1.0) {
      throw r.error("attention_factor", "must be 1.0 (not supported otherwise)");
    }
    RopeScaling m = RopeScaling.minimindDefault();
    return new RopeScaling(
        r.optDouble("factor", m.factor()),
        r.optInt("original_max_position_embeddings", m.originalMaxPositionEmbeddings()),
        r.optDouble("beta_fast", m.betaFast()),
        r.optDouble("beta_slow", m.betaSlow()));
  }

  /** MoE fields are type-checked always, but validated as a whole only when use_moe is true. */
  private static MoeConfig moe(JsonFields f) {
    MoeConfig m = MoeConfig.minimindDefault();
    int topK = f.optInt("num_experts_per_tok", m.numExpertsPerTok());
    int routed = f.optInt("n_routed_experts", m.nRoutedExperts());
    int shared = f.optInt("n_shared_experts", m.nSharedExperts());
    double alpha = f.optDouble("aux_loss_alpha", m.auxLossAlpha());
    boolean seqAux = f.optBool("seq_aux", m.seqAux());
    boolean norm = f.optBool("norm_topk_prob", m.normTopkProb());
    return f.optBool("use_moe", false)
        ? new MoeConfig(topK, routed, shared, alpha, seqAux, norm)
        : null;
  }

  /** The config as pretty-printed config.json text (MiniMind field names, MoE fields always). */
  public static String toJson(MiniMindConfig c) {
    JsonObject o = new JsonObject();
    JsonArray arch = new JsonArray();
    arch.add("MiniMindForCausalLM");
    o.add("architectures", arch);
    o.addProperty("model_type", "minimind");
    o.addProperty("torch_dtype", "float32");
    o.addProperty("vocab_size", c.vocabSize());
    o.addProperty("hidden_size", c.hiddenSize());
    o.addProperty("intermediate_size", c.intermediateSize());
    o.addProperty("num_hidden_layers", c.numHiddenLayers());
    o.addProperty("num_attention_heads", c.numAttentionHeads());
    o.addProperty("num_key_value_heads", c.numKeyValueHeads());
    o.addProperty("max_position_embeddings", c.maxPositionEmbeddings());
    o.addProperty("rms_norm_eps", c.rmsNormEps());
    o.addProperty("rope_theta", c.ropeTheta());
    o.addProperty("inference_rope_scaling", c.ropeScaling() != null);
    o.add("rope_scaling", c.ropeScaling() == null ? JsonNull.INSTANCE : rope(c.ropeScaling()));
    o.addProperty("dropout", c.dropout());
    o.addProperty("bos_token_id", c.bosTokenId());
    o.addProperty("eos_token_id", c.eosTokenId());
    o.addProperty("tie_word_embeddings", c.tieWordEmbeddings());
    o.addProperty("hidden_act", "silu");
    o.addProperty("flash_attn", true);
    MoeConfig m = c.useMoe() ? c.moe() : MoeConfig.minimindDefault();
    o.addProperty("use_moe", c.useMoe());
    o.addProperty("num_experts_per_tok", m.numExpertsPerTok());
    o.addProperty("n_routed_experts", m.nRoutedExperts());
    o.addProperty("n_shared_experts", m.nSharedExperts());
    o.addProperty("scoring_func", "softmax");
    o.addProperty("aux_loss_alpha", m.auxLossAlpha());
    o.addProperty("seq_aux", m.seqAux());
    o.addProperty("norm_topk_prob", m.normTopkProb());
    return new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(o) + "\n";
  }

  /** Writes {@link #toJson} atomically. */
  public static void write(Path file, MiniMindConfig c) throws IOException {
    AtomicFiles.write(file, toJson(c).getBytes(StandardCharsets.UTF_8));
  }

  private static JsonObject rope(RopeScaling r) {
    JsonObject o = new JsonObject();
    o.addProperty("type", "yarn");
    o.addProperty("factor", r.factor());
    o.addProperty("original_max_position_embeddings", r.originalMaxPositionEmbeddings());
    o.addProperty("beta_fast", r.betaFast());
    o.addProperty("beta_slow", r.betaSlow());
    return o;
  }

  /** Defaults for fields a config may omit, by model_type. */
  private enum Defaults {
    MINIMIND(2, 32768, 1e-5, 1e6, true),
    LLAMA(-1, 2048, 1e-6, 10000.0, false); // Hugging Face LlamaConfig; kv heads = heads

    final int kvHeads;
    final int maxPositions;
    final double rmsNormEps;
    final double ropeTheta;
    final boolean tie;

    Defaults(int kvHeads, int maxPositions, double rmsNormEps, double ropeTheta, boolean tie) {
      this.kvHeads = kvHeads;
      this.maxPositions = maxPositions;
      this.rmsNormEps = rmsNormEps;
      this.ropeTheta = ropeTheta;
      this.tie = tie;
    }
  }
}
