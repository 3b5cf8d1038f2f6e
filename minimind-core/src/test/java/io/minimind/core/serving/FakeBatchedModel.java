package io.minimind.core.serving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A deterministic stand-in for a model: the next token is a function of the whole sequence so far,
 * so a batcher that mixed up sequences, positions or chunks would produce other tokens. Records
 * every step's composition.
 */
final class FakeBatchedModel implements BatchedModel {
  static final int VOCAB = 16;
  final List<int[]> stepTokenCounts = new ArrayList<>();
  private final int context;
  int open;
  /** Makes each step take this long, so that requests overlap in time as with a real model. */
  long stepDelayMillis;

  FakeBatchedModel(int context) {
    this.context = context;
  }

  @Override
  public int vocabSize() {
    return VOCAB;
  }

  @Override
  public int contextLength() {
    return context;
  }

  @Override
  public Sequence open(int capacity) {
    open++;
    return new Seq(capacity);
  }

  @Override
  public synchronized void step(List<Sequence> sequences, List<int[]> tokens, float[][] logits) {
    int[] counts = new int[sequences.size()];
    for (int i = 0; i < sequences.size(); i++) {
      Seq s = (Seq) sequences.get(i);
      for (int t : tokens.get(i)) {
        if (s.length >= s.capacity) {
          throw new IllegalStateException("cache overflow");
        }
        s.hash = s.hash * 31 + t + 7L * s.length;
        s.length++;
      }
      counts[i] = tokens.get(i).length;
      Arrays.fill(logits[i], 0f);
      long h = Math.floorMod(s.hash, 1_000_003L);
      for (int v = 0; v < VOCAB; v++) {
        logits[i][v] = (float) Math.sin(h * 0.37 + v * 1.3); // a spread distribution, peaked per history
      }
    }
    stepTokenCounts.add(counts);
    if (stepDelayMillis > 0) {
      try {
        Thread.sleep(stepDelayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  final class Seq implements Sequence {
    final int capacity;
    int length;
    long hash = 17;

    Seq(int capacity) {
      this.capacity = capacity;
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public int capacity() {
      return capacity;
    }

    @Override
    public void close() {
      open--;
    }
  }
}
