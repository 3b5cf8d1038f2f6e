package io.minimind.core.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.model.Presets;
import io.minimind.core.nn.KvCache;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorTest {
  static MiniMindModel model(NDManager m) {
    MiniMindConfig c = Presets.builder("tiny")
        .override(List.of("hidden_size=32", "num_hidden_layers=2", "vocab_size=40", "max_position_embeddings=64"))
        .build();
    Engine.getInstance().setRandomSeed(21);
    MiniMindModel model = new MiniMindModel(c);
    model.initializeRandom(m, DataType.FLOAT32);
    return model;
  }

  @Test
  void cachedDecodingOfALeftPaddedBatchMatchesFullForwardOfEachRow() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = model(m);
      long[][] rows = {{5, 6, 7, 8, 9, 10, 11}, {12, 13, 14, 15, 16, 17, 18}};
      int prompt0 = 2; // row 0: prompt of 2 tokens, left-padded by 3 to match row 1's 5
      int prompt1 = 5;
      long[] firstIds = {0, 0, 0, rows[0][0], rows[0][1], rows[1][0], rows[1][1], rows[1][2], rows[1][3], rows[1][4]};
      long[] mask = {0, 0, 0, 1, 1, 1, 1, 1, 1, 1};
      try (KvCache cache = new KvCache(m, 2)) {
        model.forward(m.create(firstIds, new Shape(2, 5)), m.create(mask, new Shape(2, 5)), cache, 1, false);
        long[] fullMask = mask;
        for (int step = 0; step < 2; step++) {
          long[] next = {rows[0][prompt0 + step], rows[1][prompt1 + step]};
          fullMask = append(fullMask, 5 + step);
          NDArray logits = model.forward(m.create(next, new Shape(2, 1)),
              m.create(fullMask, new Shape(2, 6 + step)), cache, 1, false).logits(); // (2, 1, V)
          for (int r = 0; r < 2; r++) {
            int len = (r == 0 ? prompt0 : prompt1) + step + 1;
            long[] alone = java.util.Arrays.copyOf(rows[r], len);
            NDArray ref = model.forward(m.create(alone, new Shape(1, len)), null, null, 1, false).logits();
            double diff = ref.get("0, 0").sub(logits.get(r + ", 0")).abs().max().getFloat();
            assertTrue(diff < 1e-4, "row " + r + " step " + step + ": max abs diff " + diff);
          }
        }
      }
    }
  }

  private static long[] append(long[] mask, int width) {
    long[] out = new long[mask.length + 2];
    for (int r = 0; r < 2; r++) {
      System.arraycopy(mask, r * width, out, r * (width + 1), width);
      out[r * (width + 1) + width] = 1;
    }
    return out;
  }

  @Test
  void aPromptGivesTheSameTokensAloneOrInABatch() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Generator g = new Generator(model(m), m);
      GenerationConfig cfg = new GenerationConfig(12, 0.9, 0, 0.9, 1.1, null, 5);
      int[] a = {3, 4, 5};
      int[] b = {9, 8, 7, 6, 5, 4};
      GenerationResult alone = g.generate(a, cfg, null);
      List<GenerationResult> batch = g.generateBatch(List.of(a, b), cfg, null);
      assertArrayEquals(alone.tokens(), batch.get(0).tokens());
      // the second row's rng is seeded with seed + 1
      GenerationConfig shifted = new GenerationConfig(12, 0.9, 0, 0.9, 1.1, null, 6);
      assertArrayEquals(g.generate(b, shifted, null).tokens(), batch.get(1).tokens());
    }
  }

  @Test
  void decodingLeavesNoArraysBehind() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Generator g = new Generator(model(m), m);
      g.generate(new int[] {3, 4}, GenerationConfig.greedy(4), null);
      int before = m.getManagedArrays().size();
      g.generateBatch(List.of(new int[] {3, 4, 5}, new int[] {6}), GenerationConfig.greedy(20), null);
      assertEquals(before, m.getManagedArrays().size());
    }
  }

  @Test
  void stopsAtStopIdsAndHonoursCancellation() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Generator g = new Generator(model(m), m);
      int[] prompt = {3, 4, 5};
      GenerationResult free = g.generate(prompt, GenerationConfig.greedy(10), null);
      assertEquals(FinishReason.LENGTH, free.reason());
      assertEquals(10, free.tokens().length);
      int stop = free.tokens()[3];
      GenerationResult stopped = g.generate(prompt, GenerationConfig.greedy(10, stop), null);
      assertEquals(FinishReason.STOP, stopped.reason());
      assertEquals(stop, stopped.tokens()[stopped.tokens().length - 1]);
      assertTrue(stopped.tokens().length <= 4);
      GenerationResult cancelled = g.generate(prompt, GenerationConfig.greedy(10), (row, t) -> false);
      assertEquals(FinishReason.CANCELLED, cancelled.reason());
      assertEquals(1, cancelled.tokens().length);
    }
  }
}
