package io.minimind.core.infer;

import io.minimind.core.model.MiniMindConfig;

/**
 * Scratch of {@link InferenceEngine}, allocated once for at most T = {@code maxTokens} new tokens
 * and S = {@code maxSequences} sequences per step, so a step allocates no arrays (except a worker's
 * attention-score scratch, which grows to the longest sequence seen and then stays). With d =
 * hidden, H/K = query/key-value heads, D = head dim, F = intermediate, V = vocab (all row-major):
 */
final class StepBuffers {
  final int maxTokens;
  final int maxSequences;
  final float[] x; // (T, d) residual stream
  final float[] xn; // (T, d) normalised input of a sub-layer
  final float[] qkv; // (T, H·D + 2·K·D) queries | keys | values
  final float[] att; // (T, H·D) attention output, heads concatenated
  final float[] proj; // (T, d) output of o_proj / down_proj before the residual add
  final float[] gateUp; // (T, 2F) gate | up
  final float[] act; // (T, F) silu(gate) ⊙ up
  final float[] cos; // (T, D/2) RoPE cos of each token's position
  final float[] sin; // (T, D/2)
  final int[] tokenSeq; // (T) index in the step's sequence list
  final int[] tokenPos; // (T) position in its sequence
  final int[] lastRow; // (S) row of each sequence's last new token
  final float[] last; // (S, d) hidden state of those rows
  final float[] lastNorm; // (S, d)
  final float[] logits; // (S, V)
  final float[][] scores; // [worker] attention scores, grown on demand

  StepBuffers(MiniMindConfig c, int maxTokens, int maxSequences, int threads) {
    if (maxTokens < 1 || maxSequences < 1) {
      throw new IllegalArgumentException("maxStepTokens and maxStepSequences must be >= 1");
    }
    this.maxTokens = maxTokens;
    this.maxSequences = maxSequences;
    int d = c.hiddenSize();
    int qDim = c.numAttentionHeads() * c.headDim();
    int qkvDim = qDim + 2 * c.numKeyValueHeads() * c.headDim();
    int f = c.intermediateSize();
    x = new float[maxTokens * d];
    xn = new float[maxTokens * d];
    qkv = new float[maxTokens * qkvDim];
    att = new float[maxTokens * qDim];
    proj = new float[maxTokens * d];
    gateUp = new float[Math.multiplyExact(maxTokens, 2 * f)];
    act = new float[maxTokens * f];
    cos = new float[maxTokens * c.headDim() / 2];
    sin = new float[maxTokens * c.headDim() / 2];
    tokenSeq = new int[maxTokens];
    tokenPos = new int[maxTokens];
    lastRow = new int[maxSequences];
    last = new float[maxSequences * d];
    lastNorm = new float[maxSequences * d];
    logits = new float[Math.multiplyExact(maxSequences, c.vocabSize())];
    scores = new float[threads][256];
  }

  /** Makes every worker's score scratch hold at least n floats. */
  void ensureScores(int n) {
    for (int w = 0; w < scores.length; w++) {
      if (scores[w].length < n) {
        scores[w] = new float[Math.max(n, 2 * scores[w].length)];
      }
    }
  }
}
