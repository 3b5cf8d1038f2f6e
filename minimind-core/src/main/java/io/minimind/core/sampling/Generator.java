package io.minimind.core.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.nn.KvCache;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Autoregressive decoding with a KV cache: one prefill over the (left-padded) prompts, then one
 * forward per new token. Every step runs in its own NDManager scope; only the cache outlives it.
 * Rows of a batch are sampled independently, each with its own seeded {@link Rng} (seed + row), so
 * a prompt gives the same output alone or in a batch.
 */
public final class Generator {
  private final MiniMindModel model;
  private final NDManager manager;

  public Generator(MiniMindModel model, NDManager manager) {
    this.model = model;
    this.manager = manager;
  }

  /** Generates for one prompt, streaming tokens to {@code sink}. */
  public GenerationResult generate(int[] prompt, GenerationConfig cfg, TokenSink sink) {
    return generateBatch(List.of(prompt), cfg, sink).get(0);
  }

  /** Generates for several prompts at once (left padding + attention mask). */
  public List<GenerationResult> generateBatch(List<int[]> prompts, GenerationConfig cfg, TokenSink sink) {
    int b = prompts.size();
    int longest = prompts.stream().mapToInt(p -> p.length).max().orElse(0);
    if (longest == 0 || prompts.stream().anyMatch(p -> p.length == 0)) {
      throw new IllegalArgumentException("every prompt needs at least one token");
    }
    int context = model.config().maxPositionEmbeddings();
    if (longest >= context) {
      throw new IllegalArgumentException(
          "prompt of " + longest + " tokens leaves no room in the context of " + context);
    }
    int vocab = model.config().vocabSize();
    Sampler sampler = new Sampler(vocab);
    Rng[] rngs = new Rng[b];
    int[][] history = new int[b][];
    int[] historyLen = new int[b];
    List<int[]> generated = new ArrayList<>();
    int[] generatedLen = new int[b];
    FinishReason[] reasons = new FinishReason[b];
    for (int r = 0; r < b; r++) {
      rngs[r] = new Rng(cfg.seed() + r);
      int[] p = prompts.get(r);
      history[r] = Arrays.copyOf(p, p.length + cfg.maxNewTokens());
      historyLen[r] = p.length;
      generated.add(new int[cfg.maxNewTokens()]);
    }
    // Attention mask over the whole sequence so far: left padding, then ones.
    int maxLen = longest + cfg.maxNewTokens();
    long[] mask = new long[b * maxLen];
    long[] firstInput = new long[b * longest];
    for (int r = 0; r < b; r++) {
      int[] p = prompts.get(r);
      int pad = longest - p.length;
      for (int i = 0; i < p.length; i++) {
        firstInput[r * longest + pad + i] = p[i];
        mask[r * maxLen + pad + i] = 1;
      }
    }
    try (KvCache cache = new KvCache(manager, model.config().numHiddenLayers())) {
      long[] input = firstInput;
      int inputLen = longest;
      int seqLen = longest;
      boolean anyPadding = prompts.stream().anyMatch(p -> p.length != longest);
      for (int step = 0; step < cfg.maxNewTokens(); step++) {
        float[] logits = forwardLast(input, inputLen, anyPadding ? mask : null, maxLen, seqLen, cache, b);
        long[] next = new long[b];
        boolean anyActive = false;
        for (int r = 0; r < b; r++) {
          if (reasons[r] != null) {
            continue; // finished rows are fed a pad token that nobody reads
          }
          float[] row = Arrays.copyOfRange(logits, r * vocab, (r + 1) * vocab);
          int token = sampler.sample(row, history[r], historyLen[r], cfg, rngs[r]);
          next[r] = token;
          history[r][historyLen[r]++] = token;
          generated.get(r)[generatedLen[r]++] = token;
          reasons[r] = finishReason(cfg, token, generatedLen[r], seqLen + 1, context, sink, r);
          anyActive |= reasons[r] == null;
        }
        if (!anyActive) {
          break;
        }
        for (int r = 0; r < b; r++) {
          mask[r * maxLen + seqLen] = 1;
        }
        seqLen++;
        input = next;
        inputLen = 1;
      }
    }
    List<GenerationResult> out = new ArrayList<>(b);
    for (int r = 0; r < b; r++) {
      FinishReason reason = reasons[r] == null ? FinishReason.LENGTH : reasons[r];
      out.add(new GenerationResult(
          Arrays.copyOf(generated.get(r), generatedLen[r]), prompts.get(r).length, reason));
    }
    return out;
  }

  private static FinishReason finishReason(
      GenerationConfig cfg, int token, int produced, int seqLen, int context, TokenSink sink, int row) {
    boolean keepGoing = sink == null || sink.accept(row, token);
    if (cfg.isStop(token)) {
      return FinishReason.STOP;
    }
    if (!keepGoing) {
      return FinishReason.CANCELLED;
    }
    if (produced >= cfg.maxNewTokens()) {
      return FinishReason.LENGTH;
    }
    if (seqLen >= context) {
      return FinishReason.CONTEXT;
    }
    return null;
  }

  /** One forward step in its own scope; returns the last position's logits (B·V). */
  private float[] forwardLast(
      long[] input, int inputLen, long[] mask, int maxLen, int seqLen, KvCache cache, int b) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray ids = scope.create(input, new Shape(b, inputLen));
      NDArray maskArray = null;
      if (mask != null) {
        long[] visible = new long[b * seqLen];
        for (int r = 0; r < b; r++) {
          System.arraycopy(mask, r * maxLen, visible, r * seqLen, seqLen);
        }
        maskArray = scope.create(visible, new Shape(b, seqLen));
      }
      NDArray logits = model.forward(ids, maskArray, cache, 1, false).logits(); // (B, 1, V)
      return logits.toType(DataType.FLOAT32, false).toFloatArray();
    }
  }
}
