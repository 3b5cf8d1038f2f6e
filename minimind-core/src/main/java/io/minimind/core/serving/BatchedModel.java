package io.minimind.core.serving;

import java.util.List;

/**
 * A model that advances several independent sequences in one step — the primitive continuous
 * batching needs: each sequence has its own KV cache and length, and contributes one token
 * (decode) or several (a chunk of its prompt) to the step.
 */
public interface BatchedModel {
  int vocabSize();

  /** Longest sequence (prompt + generated) the model supports. */
  int contextLength();

  /** A new, empty sequence whose cache holds up to {@code capacity} tokens. */
  Sequence open(int capacity);

  /**
   * Appends {@code tokens.get(i)} (one or more ids) to {@code sequences.get(i)} and writes the
   * logits of its last new position to {@code logits[i]} (length {@link #vocabSize()}).
   */
  void step(List<Sequence> sequences, List<int[]> tokens, float[][] logits);

  /** One sequence's state (its KV cache); closing it frees the cache. */
  interface Sequence extends AutoCloseable {
    /** Tokens in the cache. */
    int length();

    int capacity();

    @Override
    void close();
  }
}
