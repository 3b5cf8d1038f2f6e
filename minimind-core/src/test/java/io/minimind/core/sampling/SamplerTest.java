package io.minimind.core.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SamplerTest {
  final float[] logits = {1f, 3f, 2f, 0.5f};

  @Test
  void temperatureZeroIsArgmax() {
    assertEquals(1, new Sampler(4).sample(logits, new int[0], 0, GenerationConfig.greedy(1), new Rng(1)));
  }

  @Test
  void repetitionPenaltyDividesPositiveLogits() {
    // 3/4 = 0.75 < 2, so token 2 wins greedily once token 1 was seen.
    var cfg = new GenerationConfig(1, 0, 0, 1, 4.0, null, 0);
    assertEquals(2, new Sampler(4).sample(logits, new int[] {1}, 1, cfg, new Rng(1)));
  }

  @Test
  void topKOneIsGreedyAtAnyTemperature() {
    var cfg = new GenerationConfig(1, 5.0, 1, 1, 1, null, 0);
    Sampler s = new Sampler(4);
    Rng rng = new Rng(3);
    for (int i = 0; i < 50; i++) {
      assertEquals(1, s.sample(logits, new int[0], 0, cfg, rng));
    }
  }

  @Test
  void topPKeepsOnlyTheNucleus() {
    // softmax(1,3,2,0.5) ≈ (0.086, 0.636, 0.234, 0.052): p=0.8 keeps tokens 1 and 2 only.
    var cfg = new GenerationConfig(1, 1.0, 0, 0.8, 1, null, 0);
    Sampler s = new Sampler(4);
    Rng rng = new Rng(5);
    int[] counts = new int[4];
    for (int i = 0; i < 4000; i++) {
      counts[s.sample(logits, new int[0], 0, cfg, rng)]++;
    }
    assertEquals(0, counts[0] + counts[3]);
    double share = counts[1] / 4000.0; // expected 0.636 / (0.636 + 0.234) ≈ 0.731
    assertTrue(Math.abs(share - 0.731) < 0.03, "share of token 1: " + share);
  }

  @Test
  void samplingFollowsTheSoftmax() {
    var cfg = new GenerationConfig(1, 1.0, 0, 1, 1, null, 0);
    Sampler s = new Sampler(4);
    Rng rng = new Rng(9);
    int[] counts = new int[4];
    for (int i = 0; i < 20000; i++) {
      counts[s.sample(logits, new int[0], 0, cfg, rng)]++;
    }
    assertEquals(0.636, counts[1] / 20000.0, 0.015);
    assertEquals(0.052, counts[3] / 20000.0, 0.006);
  }

  @Test
  void sameSeedSameTokens() {
    var cfg = new GenerationConfig(1, 1.0, 0, 0.9, 1, null, 0);
    Sampler s = new Sampler(4);
    Rng a = new Rng(42);
    Rng b = new Rng(42);
    for (int i = 0; i < 100; i++) {
      assertEquals(s.sample(logits, new int[0], 0, cfg, a), s.sample(logits, new int[0], 0, cfg, b));
    }
  }
}
