package io.minimind.core.train;

/**
 * Deterministic sample order: epoch e visits the samples in a permutation drawn from (seed, e), so
 * the position in the data is fully described by (epoch, index) and survives a restart.
 *
 * <p>Uses SplitMix64 and Fisher–Yates, both fully specified here, so the order does not depend on
 * the JDK's {@code Random} implementation.
 */
public final class DataOrder {
  private final int size;
  private final long seed;
  private final boolean shuffle;
  private int cachedEpoch = -1;
  private int[] cached;

  public DataOrder(int size, long seed, boolean shuffle) {
    if (size <= 0) {
      throw new IllegalArgumentException("dataset is empty: no sample to train on");
    }
    this.size = size;
    this.seed = seed;
    this.shuffle = shuffle;
  }

  public int size() {
    return size;
  }

  /** The sample visited at position {@code index} of epoch {@code epoch}. */
  public int sampleAt(int epoch, int index) {
    if (!shuffle) {
      return index;
    }
    if (epoch != cachedEpoch) {
      cached = permutation(epoch);
      cachedEpoch = epoch;
    }
    return cached[index];
  }

  int[] permutation(int epoch) {
    int[] p = new int[size];
    for (int i = 0; i < size; i++) {
      p[i] = i;
    }
    long state = seed * 0x9E3779B97F4A7C15L + epoch;
    for (int i = size - 1; i > 0; i--) {
      state += 0x9E3779B97F4A7C15L;
      int j = (int) Long.remainderUnsigned(mix(state), i + 1L);
      int tmp = p[i];
      p[i] = p[j];
      p[j] = tmp;
    }
    return p;
  }

  /** SplitMix64 output function. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
