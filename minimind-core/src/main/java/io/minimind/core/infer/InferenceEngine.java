package io.minimind.core.infer;

import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.nn.RopeFrequencies;
import java.util.List;

/**
 * Pure-Java float32 forward pass of a MiniMind model (dense or mixture-of-experts) for serving: no DJL, no per-token
 * allocation, matmuls on the Vector API split across a small worker pool ({@link Parallel}).
 *
 * <p>{@link #step} is the continuous-batching primitive: sequences of different lengths each add
 * one token (decode) or several (a prompt chunk) and all T new tokens go through every matmul
 * together as a (T, d) activation block, so the weights stream from memory once per step. Each
 * token attends only to its own sequence's cache, causally: position p sees keys 0..p. Query head h
 * reads key/value head h / (H/K) (MiniMind's repeat_kv), scores scaled by 1/√D, RoPE rotate-half
 * with the model's inverse frequencies ({@link RopeFrequencies}, YaRN included).
 *
 * <p>Per layer, T new tokens: x (T, d) → RMSNorm → ·Wqkvᵀ (T, H·D+2·K·D) → RoPE on q, k; k, v
 * appended to the caches → attention (T, H·D) → ·Woᵀ (T, d) → x += ; RMSNorm → ·Wgate|upᵀ (T, 2F)
 * → silu(gate)·up (T, F) → ·Wdownᵀ (T, d) → x += . Then, for the last new token of each sequence
 * only: RMSNorm → ·lm_headᵀ (S, V). A mixture-of-experts layer replaces the gate|up/down FFN by
 * {@link MoeDispatch} (router, each token's top-k experts run on its rows only, shared experts).
 *
 * <p>Not thread-safe: one thread drives the steps. {@link #close} stops the worker threads.
 */
public final class InferenceEngine implements AutoCloseable {
  private final InferenceWeights w;
  private final MiniMindConfig c;
  private final Parallel pool;
  private final StepBuffers buf;
  private final MoeDispatch moe; // null for a dense model
  private final float[] invFreq; // (D/2) RoPE inverse frequencies
  private final int d;
  private final int heads;
  private final int kvHeads;
  private final int headDim;
  private final int qkvDim;
  private final int ffn;
  private final float eps;
  private final float scale;
  private long steps;

  /**
   * @param maxStepTokens most new tokens in one step (sum over its sequences)
   * @param maxStepSequences most sequences in one step
   * @param threads threads doing the arithmetic, the caller's included
   */
  public InferenceEngine(InferenceWeights weights, int maxStepTokens, int maxStepSequences, int threads) {
    this.w = weights;
    this.c = weights.config;
    this.d = c.hiddenSize();
    this.heads = c.numAttentionHeads();
    this.kvHeads = c.numKeyValueHeads();
    this.headDim = c.headDim();
    this.qkvDim = (heads + 2 * kvHeads) * headDim;
    this.ffn = c.intermediateSize();
    this.eps = (float) c.rmsNormEps();
    this.scale = (float) (1.0 / Math.sqrt(headDim));
    this.invFreq = RopeFrequencies.inverseFrequencies(
        headDim, c.ropeTheta(), c.ropeScaling(), c.maxPositionEmbeddings());
    this.buf = new StepBuffers(c, maxStepTokens, maxStepSequences, threads);
    this.pool = new Parallel(threads);
    this.moe = c.useMoe() ? new MoeDispatch(c, maxStepTokens, pool) : null;
  }

  public MiniMindConfig config() {
    return c;
  }

  public int vocabSize() {
    return c.vocabSize();
  }

  public int threads() {
    return pool.threads();
  }

  /** A new empty sequence able to hold {@code capacity} tokens. */
  public Sequence newSequence(int capacity) {
    return new Sequence(c, capacity);
  }

  /**
   * Appends {@code newTokens[i]} (at least one token each) to {@code seqs.get(i)} and returns the
   * logits after the last of them: a buffer of at least S·V floats, row i = sequence i, owned by
   * the engine and overwritten by the next step. Nothing changes if the arguments are invalid.
   */
  public float[] step(List<Sequence> seqs, int[][] newTokens) {
    int t = plan(seqs, newTokens);
    embed(newTokens, t);
    ropeTables(t);
    for (int l = 0; l < c.numHiddenLayers(); l++) {
      layer(l, seqs, t);
    }
    for (int i = 0; i < seqs.size(); i++) {
      seqs.get(i).length += newTokens[i].length;
    }
    return logits(seqs.size());
  }

  /** Validates the step and fills the token → (sequence, position) tables; returns T. */
  private int plan(List<Sequence> seqs, int[][] newTokens) {
    if (seqs.size() != newTokens.length || seqs.isEmpty()) {
      throw new IllegalArgumentException(
          "need one token array per sequence, got " + seqs.size() + " sequences and " + newTokens.length);
    }
    if (seqs.size() > buf.maxSequences) {
      throw new IllegalArgumentException(
          seqs.size() + " sequences exceed this engine's maxStepSequences " + buf.maxSequences);
    }
    long step = ++steps;
    int t = 0;
    for (int i = 0; i < seqs.size(); i++) {
      Sequence s = seqs.get(i);
      int n = newTokens[i].length;
      if (s.lastStep == step) {
        throw new IllegalArgumentException("sequence " + i + " is listed twice in one step");
      }
      s.lastStep = step; // harmless if the step is rejected: the next step has another number
      if (s.keys.length != c.numHiddenLayers() || s.keys[0].length != kvHeads * headDim * s.capacity) {
        throw new IllegalArgumentException("sequence " + i + " was made for another model shape");
      }
      if (n < 1 || s.length + n > s.capacity) {
        throw new IllegalArgumentException("sequence " + i + ": " + n + " new tokens (need >= 1) do not"
            + " fit: it holds " + s.length + " of " + s.capacity);
      }
      if (t + n > buf.maxTokens) {
        throw new IllegalArgumentException(
            "step of more than " + buf.maxTokens + " tokens (maxStepTokens); split the prompt into chunks");
      }
      for (int k = 0; k < n; k++) {
        int id = newTokens[i][k];
        if (id < 0 || id >= c.vocabSize()) {
          throw new IllegalArgumentException("token id " + id + " outside the vocabulary of " + c.vocabSize());
        }
        buf.tokenSeq[t] = i;
        buf.tokenPos[t] = s.length + k;
        t++;
      }
      buf.lastRow[i] = t - 1;
    }
    return t;
  }

  private void embed(int[][] newTokens, int t) {
    int row = 0;
    for (int[] tokens : newTokens) {
      for (int id : tokens) {
        System.arraycopy(w.embed, id * d, buf.x, row * d, d); // x[row] = embed[id]: (d)
        row++;
      }
    }
  }

  /** cos/sin (T, D/2) of each new token's position, in float32 as {@link RopeFrequencies#tables}. */
  private void ropeTables(int t) {
    int half = headDim / 2;
    for (int r = 0; r < t; r++) {
      float p = buf.tokenPos[r];
      for (int i = 0; i < half; i++) {
        float angle = p * invFreq[i];
        buf.cos[r * half + i] = (float) Math.cos(angle);
        buf.sin[r * half + i] = (float) Math.sin(angle);
      }
    }
  }

  private void layer(int l, List<Sequence> seqs, int t) {
    InferenceWeights.Layer lw = w.layers.get(l);
    norm(buf.x, lw.attnNorm(), t, buf.xn); // (T, d)
    matmul(buf.xn, t, d, lw.wqkv(), qkvDim, buf.qkv); // (T, d)·(H·D+2K·D, d)ᵀ → (T, H·D+2K·D)
    ropeAndCache(l, seqs, t);
    attention(l, seqs, t); // → att (T, H·D)
    matmul(buf.att, t, heads * headDim, lw.wo(), d, buf.proj); // (T, H·D)·(d, H·D)ᵀ → (T, d)
    residual(t);
    norm(buf.x, lw.ffnNorm(), t, buf.xn); // (T, d)
    if (lw.moe() == null) {
      matmul(buf.xn, t, d, lw.wGateUp(), 2 * ffn, buf.gateUp); // (T, d)·(2F, d)ᵀ → (T, 2F)
      swiGlu(t); // (T, 2F) → (T, F)
      matmul(buf.act, t, ffn, lw.wDown(), d, buf.proj); // (T, F)·(d, F)ᵀ → (T, d)
    } else {
      moe.forward(lw.moe(), buf.xn, t, buf.gateUp, buf.act, buf.proj); // (T, d) → (T, d)
    }
    residual(t);
  }

  /** out (rows, outDim) = x (rows, in) · w (outDim, in)ᵀ, output rows split across threads. */
  private void matmul(float[] x, int rows, int in, float[] weight, int outDim, float[] out) {
    pool.forRange(outDim, 64, (worker, o0, o1) -> VectorKernels.matmul(x, rows, in, weight, outDim, out, o0, o1));
  }

  private void norm(float[] x, float[] weight, int rows, float[] out) {
    pool.forRange(rows, 16, (worker, r0, r1) -> VectorKernels.rmsNorm(x, weight, eps, d, out, r0, r1));
  }

  private void residual(int t) {
    pool.forRange(t * d, 16 * d, (worker, a, e) -> VectorKernels.addInPlace(buf.x, buf.proj, a, e - a));
  }

  private void swiGlu(int t) {
    pool.forRange(t, 4, (worker, r0, r1) -> VectorKernels.siluGate(buf.gateUp, ffn, buf.act, r0, r1));
  }

  /** Rotates each token's q and k heads in place, then appends its k, v to its sequence's cache. */
  private void ropeAndCache(int l, List<Sequence> seqs, int t) {
    int half = headDim / 2;
    int kOff = heads * headDim;
    int vOff = kOff + kvHeads * headDim;
    for (int r = 0; r < t; r++) {
      int row = r * qkvDim;
      Kernels.rope(buf.qkv, row, heads + kvHeads, half, buf.cos, buf.sin, r * half); // q and k heads
      Sequence s = seqs.get(buf.tokenSeq[r]);
      int pos = buf.tokenPos[r];
      for (int h = 0; h < kvHeads; h++) {
        int dst = (h * s.capacity + pos) * headDim; // cache (K, capacity, D)[h, pos]
        System.arraycopy(buf.qkv, row + kOff + h * headDim, s.keys[l], dst, headDim);
        System.arraycopy(buf.qkv, row + vOff + h * headDim, s.values[l], dst, headDim);
      }
    }
  }

  /** att[r, h] (D) = softmax(q[r, h]·K[0..pos]ᵀ/√D)·V[0..pos] per token r and query head h. */
  private void attention(int l, List<Sequence> seqs, int t) {
    int maxKeys = 0;
    for (int r = 0; r < t; r++) {
      maxKeys = Math.max(maxKeys, buf.tokenPos[r] + 1);
    }
    buf.ensureScores(maxKeys);
    int groups = heads / kvHeads;
    pool.forRange(t * heads, 4, (worker, a, e) -> {
      float[] scores = buf.scores[worker];
      for (int item = a; item < e; item++) {
        int r = item / heads;
        int h = item % heads;
        Sequence s = seqs.get(buf.tokenSeq[r]);
        int kvOff = (h / groups) * s.capacity * headDim; // head h/G of the cache (K, capacity, D)
        VectorKernels.attendHead(buf.qkv, r * qkvDim + h * headDim, s.keys[l], s.values[l], kvOff,
            buf.tokenPos[r] + 1, headDim, scale, buf.att, r * heads * headDim + h * headDim, scores);
      }
    });
  }

  /** Final norm and lm_head for each sequence's last new token → logits (S, V). */
  private float[] logits(int n) {
    for (int i = 0; i < n; i++) {
      System.arraycopy(buf.x, buf.lastRow[i] * d, buf.last, i * d, d); // last[i] = x[lastRow[i]]: (d)
    }
    norm(buf.last, w.finalNorm, n, buf.lastNorm); // (S, d)
    matmul(buf.lastNorm, n, d, w.lmHead, c.vocabSize(), buf.logits); // (S, d)·(V, d)ᵀ → (S, V)
    return buf.logits;
  }

  @Override
  public void close() {
    pool.close();
  }
}
