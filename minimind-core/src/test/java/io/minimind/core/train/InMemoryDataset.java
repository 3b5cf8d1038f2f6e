package io.minimind.core.train;

import io.minimind.core.data.TokenDataset;
import io.minimind.core.data.TokenizedSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Samples held in memory, for trainer tests of every algorithm. */
public final class InMemoryDataset implements TokenDataset {
  private final List<TokenizedSample> samples;
  private final String label;

  public InMemoryDataset(List<TokenizedSample> samples) {
    this(samples, "in-memory");
  }

  /** @param label what {@link #describe} names, before the sample count */
  public InMemoryDataset(List<TokenizedSample> samples, String label) {
    this.samples = samples;
    this.label = label;
  }

  /** {@code count} random sequences of lengths in [minLen, maxLen], loss on every target. */
  public static InMemoryDataset random(int count, int minLen, int maxLen, int vocab, long seed) {
    Random r = new Random(seed);
    List<TokenizedSample> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int len = minLen + r.nextInt(maxLen - minLen + 1);
      int[] ids = new int[len];
      for (int t = 0; t < len; t++) {
        ids[t] = 1 + r.nextInt(vocab - 1);
      }
      boolean[] mask = new boolean[len];
      Arrays.fill(mask, 1, len, true);
      out.add(new TokenizedSample(ids, mask));
    }
    return new InMemoryDataset(out);
  }

  @Override
  public int size() {
    return samples.size();
  }

  @Override
  public TokenizedSample get(int index) {
    return samples.get(index);
  }

  @Override
  public String describe() {
    return label + ": " + samples.size() + " samples";
  }
}
