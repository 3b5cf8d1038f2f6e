package io.minimind.core.infer;

import java.util.List;

/**
 * One layer's mixture-of-experts FFN (MiniMind's MOEFeedForward): {@code router} (E, d) =
 * {@code mlp.gate.weight} gives the E gate logits of a token; {@code experts} (E of them) =
 * {@code mlp.experts.{e}.*}, of which each token runs its top k; {@code shared} =
 * {@code mlp.shared_experts.{j}.*}, which every token runs.
 */
public record MoeWeights(float[] router, List<ExpertWeights> experts, List<ExpertWeights> shared) {
  public MoeWeights {
    experts = List.copyOf(experts);
    shared = List.copyOf(shared);
  }

  long floats() {
    long n = router.length;
    for (ExpertWeights e : experts) {
      n += e.floats();
    }
    for (ExpertWeights e : shared) {
      n += e.floats();
    }
    return n;
  }
}
