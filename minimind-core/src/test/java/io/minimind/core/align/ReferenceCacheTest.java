package io.minimind.core.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.minimind.core.data.TokenDataset;
import io.minimind.core.data.TokenizedSample;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.train.Batch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceCacheTest {
  /** The batch DpoTrainer builds for {@code pairs}: chosen rows, then rejected rows. */
  static Batch batch(TokenDataset data, int[] pairs) {
    List<TokenizedSample> rows = new ArrayList<>();
    for (int p : pairs) {
      rows.add(data.get(2 * p));
    }
    for (int p : pairs) {
      rows.add(data.get(2 * p + 1));
    }
    return Batch.of(rows, 0);
  }

  @Test
  void precomputedValuesEqualPerBatchOnesAndTheFileIsReusedByKey(@TempDir Path tmp) throws Exception {
    TokenDataset data = Pairs.random(7, 3);
    Path file = tmp.resolve("reference-logprobs.bin");
    int[] pairs = {5, 0, 3}; // another grouping and order than the precomputation's
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel reference = Pairs.model(m, Pairs.tiny(32, 1), 4);
      Batch b = batch(data, pairs);
      float[] perBatch;
      float[] cached;
      try (NDManager scope = m.newSubManager()) {
        perBatch = ReferenceLogProbs.onTheFly(reference).logProbs(pairs, b, scope).toFloatArray();
        cached = ReferenceCache.load(file, "key-a", reference, data, 2, 0, m)
            .logProbs(pairs, b, scope).toFloatArray();
      }
      System.out.printf("reference log-probs per batch %s%n                 precomputed %s%n",
          java.util.Arrays.toString(perBatch), java.util.Arrays.toString(cached));
      assertArrayEquals(perBatch, cached, 1e-5f);
      assertEquals(8 + 4 + 5 + 4 + 4 * 14, Files.size(file));

      // Same key: the file is read, whatever model is passed. Another key: computed again.
      MiniMindModel other = Pairs.model(m, Pairs.tiny(32, 1), 99);
      try (NDManager scope = m.newSubManager()) {
        float[] reused = ReferenceCache.load(file, "key-a", other, data, 2, 0, m)
            .logProbs(pairs, b, scope).toFloatArray();
        float[] recomputed = ReferenceCache.load(file, "key-b", other, data, 2, 0, m)
            .logProbs(pairs, b, scope).toFloatArray();
        assertArrayEquals(cached, reused, 0f);
        assertTrue(Math.abs(recomputed[0] - cached[0]) > 1e-3, "recomputed with the other model");
      }
    }
  }
}
