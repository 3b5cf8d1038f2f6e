package io.minimind.core.serving;

import io.minimind.core.infer.InferenceEngine;
import java.util.ArrayList;
import java.util.List;

/**
 * The pure-Java {@link InferenceEngine} as a {@link BatchedModel} for the {@link ContinuousBatcher}.
 * The engine computes each token's row with the same instruction sequence whatever else is in the
 * step, so a request's logits, and with its seeded sampler its tokens, do not depend on batching.
 */
public final class EngineBatchedModel implements BatchedModel {
  private final InferenceEngine engine;

  public EngineBatchedModel(InferenceEngine engine) {
    this.engine = engine;
  }

  @Override
  public int vocabSize() {
    return engine.vocabSize();
  }

  @Override
  public int contextLength() {
    return engine.config().maxPositionEmbeddings();
  }

  @Override
  public Sequence open(int capacity) {
    return new Slot(engine.newSequence(capacity));
  }

  @Override
  public void step(List<Sequence> sequences, List<int[]> tokens, float[][] logits) {
    List<io.minimind.core.infer.Sequence> inner = new ArrayList<>(sequences.size());
    for (Sequence s : sequences) {
      inner.add(((Slot) s).sequence);
    }
    float[] flat = engine.step(inner, tokens.toArray(new int[0][])); // (S, V), row i = sequence i
    int v = engine.vocabSize();
    for (int i = 0; i < sequences.size(); i++) {
      System.arraycopy(flat, i * v, logits[i], 0, v);
    }
  }

  /** An engine sequence; its KV arrays are released to the GC on close. */
  private static final class Slot implements Sequence {
    private io.minimind.core.infer.Sequence sequence;

    Slot(io.minimind.core.infer.Sequence sequence) {
      this.sequence = sequence;
    }

    @Override
    public int length() {
      return sequence.length();
    }

    @Override
    public int capacity() {
      return sequence.capacity();
    }

    @Override
    public void close() {
      // Nothing native to free; the batcher drops its reference to this slot.
    }
  }
}
