package io.minimind.core.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.nn.KvCache;
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
    if (prompts.isEmpty() || prompts.stream().anyMatch(p -> p.length == 0)) {
      throw new IllegalArgumentException("every prompt needs at least one token");
    }
    int context = model.config().maxPositionEmbeddings();
    DecodeBatch batch = new DecodeBatch(prompts, cfg);
    if (batch.longest >= context) {
      throw new IllegalArgumentException(
          "prompt of " + batch.longest + " tokens leaves no room in the context of " + context);
    }
    int vocab = model.config().vocabSize();
    Sampler sampler = new Sampler(vocab);
    try (KvCache cache = new KvCache(manager, model.config().numHiddenLayers())) {
      long[] input = batch.promptIds();
      int inputLen = batch.longest;
      for (int step = 0; step < cfg.maxNewTokens() && input != null; step++) {
        float[] logits = forwardLast(input, inputLen, batch.currentMask(), batch.seqLen(), cache, batch.rows);
        input = batch.sampleNext(logits, vocab, sampler, sink, context);
        inputLen = 1;
      }
    }
    return batch.results();
  }

  /**
   * One forward step in its own scope; returns the last position's logits (B·V).
   *
   * @param mask (B, seqLen) or null
   */
  private float[] forwardLast(long[] input, int inputLen, long[] mask, int seqLen, KvCache cache, int b) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray ids = scope.create(input, new Shape(b, inputLen));
      NDArray maskArray = mask == null ? null : scope.create(mask, new Shape(b, seqLen));
      NDArray logits = model.forward(ids, maskArray, cache, 1, false).logits(); // (B, 1, V)
      return logits.toType(DataType.FLOAT32, false).toFloatArray();
    }
  }
}
