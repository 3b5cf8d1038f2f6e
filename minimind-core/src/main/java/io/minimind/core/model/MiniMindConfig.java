package io.minimind.core.model;

/**
 * Shape and hyper-parameters of a MiniMind model. Field names follow MiniMind's / Hugging Face's
 * {@code config.json} (see {@link io.minimind.core.io.ConfigJson}) so checkpoints move both ways.
 *
 * @param vocabSize number of token ids (MiniMind's tokenizer: 6400)
 * @param hiddenSize model width d
 * @param numHiddenLayers number of decoder layers
 * @param numAttentionHeads query heads H; head dim = hiddenSize / H
 * @param numKeyValueHeads key/value heads (grouped-query attention); divides H
 * @param intermediateSize SwiGLU width; MiniMind's default is 64·ceil(d·8/3 / 64)
 * @param maxPositionEmbeddings length of the precomputed RoPE table
 * @param rmsNormEps epsilon inside RMSNorm (1e-5)
 * @param ropeTheta RoPE base (1e6)
 * @param ropeScaling YaRN scaling, or null for plain RoPE
 * @param dropout dropout probability (MiniMind trains with 0)
 * @param bosTokenId id of {@code <|im_start|>}
 * @param eosTokenId id of {@code <|im_end|>}
 * @param tieWordEmbeddings lm_head shares the embedding matrix (true in MiniMind)
 * @param moe mixture-of-experts settings, or null for a dense SwiGLU FFN
 */
public record MiniMindConfig(
    int vocabSize,
    int hiddenSize,
    int numHiddenLayers,
    int numAttentionHeads,
    int numKeyValueHeads,
    int intermediateSize,
    int maxPositionEmbeddings,
    double rmsNormEps,
    double ropeTheta,
    RopeScaling ropeScaling,
    double dropout,
    int bosTokenId,
    int eosTokenId,
    boolean tieWordEmbeddings,
    MoeConfig moe) {

  public MiniMindConfig {
    require(vocabSize > 0, "vocab_size must be > 0, got " + vocabSize);
    require(hiddenSize > 0, "hidden_size must be > 0, got " + hiddenSize);
    require(numHiddenLayers > 0, "num_hidden_layers must be > 0, got " + numHiddenLayers);
    require(numAttentionHeads > 0, "num_attention_heads must be > 0, got " + numAttentionHeads);
    require(
        hiddenSize % numAttentionHeads == 0,
        "hidden_size " + hiddenSize + " must be divisible by num_attention_heads " + numAttentionHeads);
    require(
        (hiddenSize / numAttentionHeads) % 2 == 0,
        "head dim " + hiddenSize / numAttentionHeads + " must be even for RoPE");
    require(
        numKeyValueHeads > 0 && numAttentionHeads % numKeyValueHeads == 0,
        "num_key_value_heads "
            + numKeyValueHeads
            + " must be > 0 and divide num_attention_heads "
            + numAttentionHeads);
    require(intermediateSize > 0, "intermediate_size must be > 0, got " + intermediateSize);
    require(maxPositionEmbeddings > 0, "max_position_embeddings must be > 0");
    require(rmsNormEps > 0, "rms_norm_eps must be > 0");
    require(ropeTheta > 0, "rope_theta must be > 0");
    require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
  }

  /** MiniMind's SwiGLU width rule: 64·ceil(hidden·8/3 / 64). */
  public static int defaultIntermediateSize(int hiddenSize) {
    int raw = (int) (hiddenSize * 8 / 3.0);
    return 64 * ((raw + 64 - 1) / 64);
  }

  /** Width of one attention head. */
  public int headDim() {
    return hiddenSize / numAttentionHeads;
  }

  /** Query heads served by one key/value head. */
  public int kvGroups() {
    return numAttentionHeads / numKeyValueHeads;
  }

  public boolean useMoe() {
    return moe != null;
  }

  /**
   * YaRN RoPE scaling (MiniMind's {@code rope_scaling}: type "yarn", factor 4,
   * original_max_position_embeddings 2048, beta_fast 4, beta_slow 1).
   */
  public record RopeScaling(
      double factor, int originalMaxPositionEmbeddings, double betaFast, double betaSlow) {
    public RopeScaling {
      require(factor >= 1, "rope_scaling.factor must be >= 1, got " + factor);
      require(originalMaxPositionEmbeddings > 0, "rope_scaling.original_max_position_embeddings");
      require(betaFast > betaSlow, "rope_scaling.beta_fast must exceed beta_slow");
    }

    public static RopeScaling minimindDefault() {
      return new RopeScaling(4.0, 2048, 4.0, 1.0);
    }
  }

  /**
   * Mixture-of-experts FFN: a softmax gate picks {@code numExpertsPerTok} of {@code
   * nRoutedExperts}; {@code nSharedExperts} always run. The sequence-level load-balancing loss is
   * scaled by {@code auxLossAlpha}.
   */
  public record MoeConfig(
      int numExpertsPerTok,
      int nRoutedExperts,
      int nSharedExperts,
      double auxLossAlpha,
      boolean seqAux,
      boolean normTopkProb) {
    public MoeConfig {
      require(nRoutedExperts > 0, "n_routed_experts must be > 0");
      require(
          numExpertsPerTok > 0 && numExpertsPerTok <= nRoutedExperts,
          "num_experts_per_tok must be in [1, n_routed_experts]");
      require(nSharedExperts >= 0, "n_shared_experts must be >= 0");
      require(auxLossAlpha >= 0, "aux_loss_alpha must be >= 0");
    }

    public static MoeConfig minimindDefault() {
      return new MoeConfig(2, 4, 1, 0.1, true, true);
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("invalid model config: " + message);
    }
  }
}
