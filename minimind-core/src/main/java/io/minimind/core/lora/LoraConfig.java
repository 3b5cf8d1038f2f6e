package io.minimind.core.lora;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * LoRA settings, as the pipeline contract names them.
 *
 * <p>Scale: the adapted projection computes x·Wᵀ + (alpha/rank)·(x·Aᵀ)·Bᵀ, as peft does. MiniMind's
 * own LoRA ({@code model/model_lora.py}) has no alpha: it adds B(A(x)) unscaled, i.e. scale 1 (alpha
 * = rank), with rank 16, and only on square {@code nn.Linear}s (in = out, which in MiniMind's
 * models are q_proj and o_proj; k/v are narrower under GQA and the MLP is not square). To reproduce
 * it: rank 16, alpha 16, targets q and o. Our defaults are the contract's: rank 8, alpha 16 (scale
 * 2), targets q, k, v, o.
 *
 * @param rank r, the adapters' inner dimension (A is (r, in), B is (out, r))
 * @param alpha scale numerator; scale = alpha / rank
 * @param targets projections to adapt, in {@link LoraTarget} order without repeats
 */
public record LoraConfig(int rank, double alpha, List<LoraTarget> targets) {
  public static final int DEFAULT_RANK = 8;
  public static final double DEFAULT_ALPHA = 16;
  public static final List<LoraTarget> DEFAULT_TARGETS =
      List.of(LoraTarget.Q, LoraTarget.K, LoraTarget.V, LoraTarget.O);

  public LoraConfig {
    if (rank < 1) {
      throw new IllegalArgumentException("LoRA rank must be >= 1, got " + rank);
    }
    if (!(alpha > 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("LoRA alpha must be a finite number > 0, got " + alpha);
    }
    if (targets == null || targets.isEmpty()) {
      throw new IllegalArgumentException("LoRA targets must name at least one of q, k, v, o, gate,"
          + " up, down");
    }
    targets = List.copyOf(EnumSet.copyOf(targets)); // canonical order, no repeats
  }

  /** The contract's defaults: rank 8, alpha 16, targets q, k, v, o. */
  public static LoraConfig defaults() {
    return new LoraConfig(DEFAULT_RANK, DEFAULT_ALPHA, DEFAULT_TARGETS);
  }

  /** Parses target ids ({@code q}, {@code gate}, ...), failing on an unknown one. */
  public static List<LoraTarget> parseTargets(List<String> ids) {
    List<LoraTarget> out = new ArrayList<>();
    for (String id : ids) {
      out.add(LoraTarget.parse(id));
    }
    return out;
  }

  /** alpha / rank. */
  public double scale() {
    return alpha / rank;
  }

  /** The targets as contract ids, comma-separated ({@code q,k,v,o}). */
  public String targetIds() {
    return targets.stream().map(LoraTarget::id).collect(Collectors.joining(","));
  }
}
