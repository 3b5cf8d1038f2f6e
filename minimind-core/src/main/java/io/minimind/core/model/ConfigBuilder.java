package io.minimind.core.model;

import io.minimind.core.model.MiniMindConfig.MoeConfig;
import io.minimind.core.model.MiniMindConfig.RopeScaling;
import java.util.Locale;

/**
 * Mutable builder behind presets, {@code config.json} and command-line overrides. Keys are the
 * Hugging Face / MiniMind field names, so {@code --set hidden_size=768} means the same thing as the
 * field in {@code config.json}.
 */
public final class ConfigBuilder {
  int vocabSize = 6400;
  int hiddenSize = 512;
  int numHiddenLayers = 8;
  int numAttentionHeads = 8;
  int numKeyValueHeads = 2;
  Integer intermediateSize; // null: derived from hidden size
  int maxPositionEmbeddings = 32768;
  double rmsNormEps = 1e-5;
  double ropeTheta = 1e6;
  boolean yarn;
  RopeScaling ropeScaling = RopeScaling.minimindDefault();
  double dropout;
  int bosTokenId = 1;
  int eosTokenId = 2;
  boolean tieWordEmbeddings = true;
  boolean useMoe;
  MoeConfig moe = MoeConfig.minimindDefault();

  /** Starts from an existing config (for overrides on top of a preset or a checkpoint). */
  public static ConfigBuilder from(MiniMindConfig c) {
    ConfigBuilder b = new ConfigBuilder();
    b.vocabSize = c.vocabSize();
    b.hiddenSize = c.hiddenSize();
    b.numHiddenLayers = c.numHiddenLayers();
    b.numAttentionHeads = c.numAttentionHeads();
    b.numKeyValueHeads = c.numKeyValueHeads();
    b.intermediateSize = c.intermediateSize();
    b.maxPositionEmbeddings = c.maxPositionEmbeddings();
    b.rmsNormEps = c.rmsNormEps();
    b.ropeTheta = c.ropeTheta();
    b.yarn = c.ropeScaling() != null;
    if (b.yarn) {
      b.ropeScaling = c.ropeScaling();
    }
    b.dropout = c.dropout();
    b.bosTokenId = c.bosTokenId();
    b.eosTokenId = c.eosTokenId();
    b.tieWordEmbeddings = c.tieWordEmbeddings();
    b.useMoe = c.useMoe();
    if (b.useMoe) {
      b.moe = c.moe();
    }
    return b;
  }

  /**
   * Sets one field by its config.json name. Changing {@code hidden_size} re-derives the SwiGLU
   * width unless {@code intermediate_size} is set explicitly.
   *
   * @throws IllegalArgumentException naming the key when it is unknown or the value does not parse
   */
  public ConfigBuilder set(String key, String value) {
    String k = key.trim().toLowerCase(Locale.ROOT);
    try {
      switch (k) {
        case "vocab_size" -> vocabSize = Integer.parseInt(value);
        case "hidden_size" -> hiddenSize = Integer.parseInt(value);
        case "num_hidden_layers" -> numHiddenLayers = Integer.parseInt(value);
        case "num_attention_heads" -> numAttentionHeads = Integer.parseInt(value);
        case "num_key_value_heads" -> numKeyValueHeads = Integer.parseInt(value);
        case "intermediate_size" ->
            intermediateSize = "null".equals(value) ? null : Integer.parseInt(value);
        case "max_position_embeddings" -> maxPositionEmbeddings = Integer.parseInt(value);
        case "rms_norm_eps" -> rmsNormEps = Double.parseDouble(value);
        case "rope_theta" -> ropeTheta = Double.parseDouble(value);
        case "inference_rope_scaling", "yarn" -> yarn = parseBoolean(value);
        case "rope_scaling.factor" -> ropeScaling = scaling(Double.parseDouble(value), null, null, null);
        case "rope_scaling.original_max_position_embeddings" ->
            ropeScaling = scaling(null, Integer.parseInt(value), null, null);
        case "rope_scaling.beta_fast" -> ropeScaling = scaling(null, null, Double.parseDouble(value), null);
        case "rope_scaling.beta_slow" -> ropeScaling = scaling(null, null, null, Double.parseDouble(value));
        case "dropout" -> dropout = Double.parseDouble(value);
        case "bos_token_id" -> bosTokenId = Integer.parseInt(value);
        case "eos_token_id" -> eosTokenId = Integer.parseInt(value);
        case "tie_word_embeddings" -> tieWordEmbeddings = parseBoolean(value);
        case "use_moe" -> useMoe = parseBoolean(value);
        case "num_experts_per_tok" -> moe = moe(Integer.parseInt(value), null, null, null);
        case "n_routed_experts" -> moe = moe(null, Integer.parseInt(value), null, null);
        case "n_shared_experts" -> moe = moe(null, null, Integer.parseInt(value), null);
        case "aux_loss_alpha" -> moe = moe(null, null, null, Double.parseDouble(value));
        default -> throw new IllegalArgumentException("unknown model config key '" + key + "'");
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "model config key '" + key + "': cannot parse '" + value + "' as a number", e);
    }
    return this;
  }

  /** Applies {@code key=value} overrides in order. */
  public ConfigBuilder override(Iterable<String> assignments) {
    for (String a : assignments) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("override '" + a + "' is not of the form key=value");
      }
      set(a.substring(0, eq), a.substring(eq + 1));
    }
    return this;
  }

  public ConfigBuilder ropeScaling(RopeScaling scaling) {
    this.yarn = scaling != null;
    if (scaling != null) {
      this.ropeScaling = scaling;
    }
    return this;
  }

  public ConfigBuilder moe(MoeConfig config) {
    this.useMoe = config != null;
    if (config != null) {
      this.moe = config;
    }
    return this;
  }

  public MiniMindConfig build() {
    int inter = intermediateSize != null ? intermediateSize : MiniMindConfig.defaultIntermediateSize(hiddenSize);
    return new MiniMindConfig(
        vocabSize,
        hiddenSize,
        numHiddenLayers,
        numAttentionHeads,
        numKeyValueHeads,
        inter,
        maxPositionEmbeddings,
        rmsNormEps,
        ropeTheta,
        yarn ? ropeScaling : null,
        dropout,
        bosTokenId,
        eosTokenId,
        tieWordEmbeddings,
        useMoe ? moe : null);
  }

  private MoeConfig moe(Integer topK, Integer routed, Integer shared, Double alpha) {
    return new MoeConfig(
        topK != null ? topK : moe.numExpertsPerTok(),
        routed != null ? routed : moe.nRoutedExperts(),
        shared != null ? shared : moe.nSharedExperts(),
        alpha != null ? alpha : moe.auxLossAlpha(),
        moe.seqAux(),
        moe.normTopkProb());
  }

  /** Changes one YaRN field (null keeps it) and switches YaRN on. */
  private RopeScaling scaling(Double factor, Integer originalMax, Double betaFast, Double betaSlow) {
    yarn = true;
    return new RopeScaling(
        factor != null ? factor : ropeScaling.factor(),
        originalMax != null ? originalMax : ropeScaling.originalMaxPositionEmbeddings(),
        betaFast != null ? betaFast : ropeScaling.betaFast(),
        betaSlow != null ? betaSlow : ropeScaling.betaSlow());
  }

  private static boolean parseBoolean(String v) {
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new IllegalArgumentException("expected true/false, got '" + v + "'");
    };
  }
}
