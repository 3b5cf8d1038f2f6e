package io.minimind.core.infer;

import io.minimind.core.model.MiniMindConfig;
import java.util.Arrays;

/**
 * Sparse mixture-of-experts FFN of one engine step (MiniMind's MOEFeedForward in eval mode, as the
 * DJL model's {@code MoeFeedForward} computes it), with d = hidden, F = intermediate, E = routed
 * experts, k = experts per token, T = the step's new tokens:
 *
 * <ol>
 *   <li>router: logits (T, E) = xn · routerᵀ, softmax per row → probabilities;
 *   <li>per row, the top k experts as torch.topk picks them, exact ties included ({@link
 *       TorchTopK}); their probabilities are the routing weights, divided by (their sum + 1e-20)
 *       when k &gt; 1 and norm_topk_prob;
 *   <li>the rows are grouped by expert (counting sort, rows ascending within an expert); each
 *       expert with at least one row gathers its n_e rows (n_e, d), runs gate|up (n_e, 2F), SwiGLU
 *       (n_e, F) and down (n_e, d) through the engine's parallel matmul, so its weights are read
 *       once per step and only the chosen k experts run per token;
 *   <li>out[r] = Σ over r's experts in ascending expert order of expert(x)·weight (product rounded,
 *       then added: DJL's dense routing sum, whose other terms are exact zeros), then + each shared
 *       expert's output in order.
 * </ol>
 *
 * <p>A row's result depends only on that row: its routing uses only its own logits, every matmul
 * gives a row the same floats whatever other rows share the tile ({@link VectorKernels}), and the
 * per-row sum order is fixed by expert index. So a sequence's floats are the same alone or batched,
 * as for dense layers.
 *
 * <p>Scratch is allocated once for {@code maxTokens} rows; not thread-safe (the engine's thread
 * drives it; the matmuls fan out over the pool).
 */
final class MoeDispatch {
  private final Parallel pool;
  private final int d;
  private final int ffn;
  private final int numExperts;
  private final int k;
  private final boolean renormalise;
  private final TorchTopK topK;
  private final float[] probs; // (T, E) router logits, then probabilities
  private final int[] chosen; // (T, k) the experts of each row
  private final float[] weight; // (T, k) their routing weights
  private final int[] groupStart; // (E + 1) expert e's entries are [groupStart[e], groupStart[e+1])
  private final int[] groupNext; // (E) next free entry of each expert while grouping
  private final int[] groupRow; // (T·k) rows grouped by expert
  private final float[] groupWeight; // (T·k) the routing weight of that row for that expert
  private final float[] xe; // (T, d) one expert's gathered input rows
  private final float[] ye; // (T, d) one expert's output rows

  MoeDispatch(MiniMindConfig c, int maxTokens, Parallel pool) {
    MiniMindConfig.MoeConfig moe = c.moe();
    this.pool = pool;
    this.d = c.hiddenSize();
    this.ffn = c.intermediateSize();
    this.numExperts = moe.nRoutedExperts();
    this.k = moe.numExpertsPerTok();
    this.renormalise = k > 1 && moe.normTopkProb();
    this.topK = new TorchTopK(numExperts);
    this.probs = new float[Math.multiplyExact(maxTokens, numExperts)];
    this.chosen = new int[Math.multiplyExact(maxTokens, k)];
    this.weight = new float[chosen.length];
    this.groupStart = new int[numExperts + 1];
    this.groupNext = new int[numExperts];
    this.groupRow = new int[chosen.length];
    this.groupWeight = new float[chosen.length];
    this.xe = new float[Math.multiplyExact(maxTokens, d)];
    this.ye = new float[xe.length];
  }

  /**
   * out (T, d) = the MoE FFN of xn (T, d). gateUp (T, 2F) and act (T, F) are the engine's scratch,
   * overwritten.
   */
  void forward(MoeWeights w, float[] xn, int t, float[] gateUp, float[] act, float[] out) {
    matmul(xn, t, d, w.router(), numExperts, probs); // (T, d)·(E, d)ᵀ → (T, E)
    route(t);
    group(t);
    Arrays.fill(out, 0, t * d, 0f);
    for (int e = 0; e < numExperts; e++) {
      int start = groupStart[e];
      int n = groupStart[e + 1] - start;
      if (n == 0) {
        continue; // no row chose it: its weights are not read this step
      }
      pool.forRange(n, 16, (worker, a, b) -> {
        for (int i = a; i < b; i++) {
          System.arraycopy(xn, groupRow[start + i] * d, xe, i * d, d); // xe[i] = xn[row]: (d)
        }
      });
      ffn(w.experts().get(e), xe, n, gateUp, act); // → ye (n, d)
      pool.forRange(n, 16, (worker, a, b) -> {
        for (int i = a; i < b; i++) { // each row once per expert: no two chunks write the same row
          VectorKernels.addScaled(out, groupRow[start + i] * d, ye, i * d, groupWeight[start + i], d);
        }
      });
    }
    for (ExpertWeights shared : w.shared()) {
      ffn(shared, xn, t, gateUp, act); // → ye (T, d)
      pool.forRange(t * d, 16 * d, (worker, a, b) -> VectorKernels.addInPlace(out, ye, a, b - a));
    }
  }

  /** Softmax, top k and routing weights of each row; rows are independent. */
  private void route(int t) {
    for (int r = 0; r < t; r++) {
      int p = r * numExperts;
      Kernels.softmax(probs, p, numExperts);
      topK.select(probs, p, numExperts, k, chosen, r * k);
      float sum = 0;
      for (int j = 0; j < k; j++) {
        weight[r * k + j] = probs[p + chosen[r * k + j]];
        sum += weight[r * k + j];
      }
      if (renormalise) {
        float denominator = sum + 1e-20f; // MiniMind's guard; it vanishes in float next to a sum near 1
        for (int j = 0; j < k; j++) {
          weight[r * k + j] /= denominator;
        }
      }
    }
  }

  /** Counting sort of the T·k (row, expert) choices by expert; rows stay ascending within one. */
  private void group(int t) {
    Arrays.fill(groupStart, 0);
    for (int i = 0; i < t * k; i++) {
      groupStart[chosen[i] + 1]++; // count of expert e in groupStart[e + 1]
    }
    for (int e = 0; e < numExperts; e++) {
      groupStart[e + 1] += groupStart[e]; // now the start of expert e + 1
      groupNext[e] = groupStart[e];
    }
    for (int i = 0; i < t * k; i++) { // i = r·k + j: choice j of row r
      int slot = groupNext[chosen[i]]++;
      groupRow[slot] = i / k;
      groupWeight[slot] = weight[i];
    }
  }

  /** ye (rows, d) = SwiGLU FFN of x (rows, d). */
  private void ffn(ExpertWeights e, float[] x, int rows, float[] gateUp, float[] act) {
    matmul(x, rows, d, e.wGateUp(), 2 * ffn, gateUp); // (rows, d)·(2F, d)ᵀ → (rows, 2F)
    pool.forRange(rows, 4, (worker, r0, r1) -> VectorKernels.siluGate(gateUp, ffn, act, r0, r1)); // → (rows, F)
    matmul(act, rows, ffn, e.wDown(), d, ye); // (rows, F)·(d, F)ᵀ → (rows, d)
  }

  /** out (rows, outDim) = x (rows, in) · weight (outDim, in)ᵀ, output columns split across threads. */
  private void matmul(float[] x, int rows, int in, float[] weight, int outDim, float[] out) {
    pool.forRange(outDim, 64, (worker, o0, o1) -> VectorKernels.matmul(x, rows, in, weight, outDim, out, o0, o1));
  }
}
