package io.minimind.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.MiniMindConfig.MoeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Mixture-of-experts feed-forward (MiniMind's MOEFeedForward).
 *
 * <p>Input x (B, T, d). Parameters gate.weight (E, d), experts.{e}.* and shared_experts.{j}.* (each
 * a {@link SwiGluMlp}). A softmax over the E gate logits picks the top k experts per token; their
 * probabilities are renormalised to sum to 1 when k > 1 (norm_topk_prob). Shared experts are added
 * for every token. Output (B, T, d), plus the load-balancing loss when training.
 *
 * <p>Routing is computed densely: every expert sees every token and is weighted by a (N, E) matrix
 * that is zero outside the top k. Outputs and gradients equal sparse dispatch (unselected experts
 * get weight 0, hence zero gradient); it costs E/k times the FFN FLOPs of sparse dispatch.
 */
public final class MoeFeedForward extends ModelBlock {
  private final Parameter gate;
  private final List<SwiGluMlp> experts = new ArrayList<>();
  private final List<SwiGluMlp> sharedExperts = new ArrayList<>();
  private final MoeConfig moe;

  public MoeFeedForward(MiniMindConfig c) {
    this.moe = c.moe();
    this.gate = linearWeight("gate", moe.nRoutedExperts(), c.hiddenSize());
    for (int e = 0; e < moe.nRoutedExperts(); e++) {
      experts.add(addChildBlock("expert" + e, new SwiGluMlp(c.hiddenSize(), c.intermediateSize())));
    }
    for (int j = 0; j < moe.nSharedExperts(); j++) {
      sharedExperts.add(
          addChildBlock("shared" + j, new SwiGluMlp(c.hiddenSize(), c.intermediateSize())));
    }
  }

  /** Output and auxiliary loss (a scalar, or null when not training or alpha is 0). */
  public record Result(NDArray output, NDArray auxLoss) {}

  public Result route(NDArray x, boolean training) {
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    long d = x.getShape().get(2);
    int numExperts = moe.nRoutedExperts();
    int k = moe.numExpertsPerTok();
    NDArray flat = x.reshape(b * t, d); // (N, d)
    NDArray scores = linear(flat, gate).softmax(-1); // (N, E)
    NDList top = scores.topK(k, -1, true, true); // values, indices: (N, k)
    NDArray routing = routingWeights(top.get(0), top.get(1), x.getDataType()); // (N, E)
    NDArray y = null;
    for (int e = 0; e < numExperts; e++) {
      NDArray w = routing.get(":, " + e).expandDims(-1); // (N, 1)
      NDArray contribution = experts.get(e).forward(flat, training).mul(w); // (N, d)
      y = y == null ? contribution : y.add(contribution);
    }
    for (SwiGluMlp shared : sharedExperts) {
      y = y.add(shared.forward(flat, training));
    }
    NDArray aux = training && moe.auxLossAlpha() > 0 ? auxLoss(scores, top.get(1), b, t) : null;
    return new Result(y.reshape(b, t, d), aux);
  }

  /**
   * Dense (N, E) routing matrix: the chosen experts' gate probabilities (renormalised to sum 1 when
   * k > 1 and norm_topk_prob), zero elsewhere.
   *
   * @param topWeight (N, k) probabilities of the chosen experts
   * @param topIndex (N, k) their indices
   */
  NDArray routingWeights(NDArray topWeight, NDArray topIndex, DataType dtype) {
    if (moe.numExpertsPerTok() > 1 && moe.normTopkProb()) {
      NDArray total = topWeight.sum(new int[] {-1}, true); // (N, 1)
      topWeight = topWeight.div(total.add(GraphConstants.scalar(total, 1e-20))); // (N, k)
    }
    // (N, k, E) one-hot of the choices, weighted and summed over k → (N, E)
    return topIndex.oneHot(moe.nRoutedExperts(), dtype).mul(topWeight.expandDims(-1)).sum(new int[] {1});
  }

  /**
   * Load-balancing loss. Sequence level (seq_aux): per sequence, the fraction of routing slots each
   * expert received, scaled by E/(T·k), dotted with the expert's mean gate probability over the
   * sequence; averaged over the batch and multiplied by alpha. Batch level otherwise: Σ_e P_e·f_e·E.
   *
   * @param scores (N, E) gate probabilities
   * @param topIndex (N, k) chosen experts
   */
  NDArray auxLoss(NDArray scores, NDArray topIndex, long b, long t) {
    int numExperts = moe.nRoutedExperts();
    int k = moe.numExpertsPerTok();
    DataType dtype = scores.getDataType();
    if (moe.seqAux()) {
      NDArray perSeqScores = scores.reshape(b, t, numExperts); // (B, T, E)
      NDArray counts =
          topIndex.reshape(b, t * k).oneHot(numExperts, dtype).sum(new int[] {1}); // (B, E)
      NDArray load = counts.div((float) (t * k) / numExperts); // (B, E)
      NDArray meanScore = perSeqScores.mean(new int[] {1}); // (B, E)
      NDArray perSeq = load.mul(meanScore).sum(new int[] {1}).mean();
      return perSeq.mul(GraphConstants.scalar(perSeq, moe.auxLossAlpha()));
    }
    NDArray fraction = topIndex.reshape(-1).oneHot(numExperts, dtype).mean(new int[] {0}); // (E)
    NDArray meanScore = scores.mean(new int[] {0}); // (E)
    NDArray balance = meanScore.mul(fraction.mul(numExperts)).sum();
    return balance.mul(GraphConstants.scalar(balance, moe.auxLossAlpha()));
  }

  @Override
  public void collectParameters(String prefix, Map<String, Parameter> out) {
    out.put(prefix + "gate.weight", gate);
    for (int e = 0; e < experts.size(); e++) {
      experts.get(e).collectParameters(prefix + "experts." + e + ".", out);
    }
    for (int j = 0; j < sharedExperts.size(); j++) {
      sharedExperts.get(j).collectParameters(prefix + "shared_experts." + j + ".", out);
    }
  }
}
