package io.minimind.core.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minimind.core.infer.InferenceEngine;
import io.minimind.core.infer.InferenceWeights;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.MiniMindConfig.MoeConfig;
import io.minimind.core.model.Presets;
import io.minimind.core.sampling.FinishReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A mixture-of-experts model served as the inference service serves one (engine behind the
 * continuous batcher): concurrent seeded requests, whose rows share expert matmuls, get exactly the
 * tokens they get alone.
 */
class EngineBatchedMoeTest {
  private static final MiniMindConfig MOE = Presets.builder("tiny").override(List.of("hidden_size=64",
          "num_attention_heads=4", "num_key_value_heads=2", "num_hidden_layers=2", "vocab_size=97",
          "max_position_embeddings=128"))
      .moe(new MoeConfig(2, 4, 1, 0.1, true, true)).build();
  private static final BatcherLimits LIMITS = new BatcherLimits(8, 32, 100_000, 8, 12, Duration.ofMinutes(1));

  private static List<Integer> run(InferenceWeights w, List<int[]> prompts, List<SamplingParams> params,
      int only) throws Exception {
    List<List<Integer>> all = runAll(w, prompts.subList(only, only + 1), params.subList(only, only + 1));
    return all.get(0);
  }

  private static List<List<Integer>> runAll(InferenceWeights w, List<int[]> prompts, List<SamplingParams> params)
      throws Exception {
    // as ServedModel sizes it: the prefill budget plus one decode token per running sequence
    try (InferenceEngine engine = new InferenceEngine(w, LIMITS.prefillTokensPerStep() + LIMITS.maxBatch(),
            LIMITS.maxBatch(), 2);
        ContinuousBatcher b = new ContinuousBatcher(new EngineBatchedModel(engine), LIMITS, "moe")) {
      List<ContinuousBatcherTest.Collect> got = new ArrayList<>();
      for (int i = 0; i < prompts.size(); i++) {
        ContinuousBatcherTest.Collect c = new ContinuousBatcherTest.Collect();
        b.submit(prompts.get(i), params.get(i), c);
        got.add(c);
      }
      List<List<Integer>> out = new ArrayList<>();
      for (ContinuousBatcherTest.Collect c : got) {
        assertEquals(FinishReason.LENGTH, c.await());
        out.add(c.tokens);
      }
      if (prompts.size() > 1) {
        assertTrue(b.stats().maxBatchSeen() >= 4, "requests shared steps: " + b.stats());
      }
      return out;
    }
  }

  @Test
  void concurrentSeededRequestsGetTheirSoloTokens() throws Exception {
    InferenceWeights w = InferenceWeights.random(MOE, 21);
    List<int[]> prompts = new ArrayList<>();
    List<SamplingParams> params = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int[] p = new int[3 + 6 * i]; // 3..33 tokens: the long ones take several prefill chunks
      for (int j = 0; j < p.length; j++) {
        p[j] = (j * 13 + i * 7 + 1) % MOE.vocabSize();
      }
      prompts.add(p);
      params.add(i % 2 == 0 ? SamplingParams.greedy(16 + i)
          : new SamplingParams(1.0, 0.95, 0, 1, 0, 0, 16 + i, new int[0], 500 + i, false, 0));
    }
    List<List<Integer>> batched = runAll(w, prompts, params);
    for (int i = 0; i < prompts.size(); i++) {
      assertEquals(run(w, prompts, params, i), batched.get(i), "request " + i);
    }
  }
}
