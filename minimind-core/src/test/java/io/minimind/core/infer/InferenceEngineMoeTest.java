package io.minimind.core.infer;

import static io.minimind.core.infer.InferenceEngineTest.djlLogits;
import static io.minimind.core.infer.InferenceEngineTest.maxDiff;
import static io.minimind.core.infer.InferenceEngineTest.saveRandom;
import static io.minimind.core.infer.InferenceEngineTest.tokens;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.minimind.core.io.CheckpointFormatException;
import io.minimind.core.io.SafeTensors;
import io.minimind.core.io.TensorData;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.MiniMindConfig.MoeConfig;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.model.Presets;
import io.minimind.core.sampling.GenerationConfig;
import io.minimind.core.sampling.Generator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's sparse mixture-of-experts FFN against the DJL model's dense routing on the same
 * weights, and against itself batched.
 */
class InferenceEngineMoeTest {
  /** GQA, head dim 10, F = 100 (lane tails), E routed experts of which k per token, shared ones. */
  static MiniMindConfig moe(int k, int experts, int shared, boolean normTopkProb) {
    return Presets.builder("tiny").override(List.of("hidden_size=60", "num_attention_heads=6",
            "num_key_value_heads=2", "intermediate_size=100", "num_hidden_layers=2", "vocab_size=97",
            "max_position_embeddings=128"))
        .moe(new MoeConfig(k, experts, shared, 0.1, true, normTopkProb)).build();
  }

  /** The brief's shapes (4 experts, top 2, 1 shared; both normalisations), top 1, and others. */
  static List<MiniMindConfig> configs() {
    return List.of(moe(2, 4, 1, true), moe(2, 4, 1, false), moe(1, 4, 1, true), moe(3, 6, 0, true),
        moe(2, 5, 2, false));
  }

  static String name(MiniMindConfig c) {
    MoeConfig m = c.moe();
    return "top" + m.numExpertsPerTok() + "-of-" + m.nRoutedExperts() + "-shared" + m.nSharedExperts()
        + (m.normTopkProb() ? "-norm" : "-raw");
  }

  @TempDir Path tmp;

  @Test
  void logitsMatchTheDjlModelOverPromptsAndDecodeSteps() throws Exception {
    for (MiniMindConfig c : configs()) {
      try (NDManager m = NDManager.newBaseManager("PyTorch")) {
        Path dir = tmp.resolve(name(c));
        MiniMindModel model = saveRandom(c, dir, m, 3);
        int v = c.vocabSize();
        float worst = 0;
        int compared = 0;
        try (InferenceEngine engine = new InferenceEngine(InferenceWeights.load(dir), 32, 4, 2)) {
          for (int salt = 1; salt <= 3; salt++) {
            int[] ids = tokens(24, v, salt);
            float[] ref = djlLogits(model, m, ids); // (24, V)
            Sequence s = engine.newSequence(32);
            int prefill = 8 + salt; // prompt of 9..11 tokens, then one token per step
            float[] out = engine.step(List.of(s), new int[][] {Arrays.copyOf(ids, prefill)});
            worst = Math.max(worst, maxDiff(out, 0, ref, (prefill - 1) * v, v));
            for (int p = prefill; p < ids.length; p++) {
              out = engine.step(List.of(s), new int[][] {{ids[p]}});
              worst = Math.max(worst, maxDiff(out, 0, ref, p * v, v));
              compared++;
            }
          }
        }
        System.out.printf("MoE engine vs DJL (%s): max |Δlogit| %.3g over %d decode steps%n", name(c), worst,
            compared);
        assertTrue(worst < 1e-4, name(c) + ": max abs logit diff " + worst);
      }
    }
  }

  @Test
  void greedyContinuationsMatchTheDjlGenerator() throws Exception {
    for (MiniMindConfig c : List.of(moe(2, 4, 1, true), moe(2, 4, 1, false), moe(1, 4, 1, true))) {
      try (NDManager m = NDManager.newBaseManager("PyTorch")) {
        Path dir = tmp.resolve("greedy-" + name(c));
        MiniMindModel model = saveRandom(c, dir, m, 11);
        int[] prompt = tokens(6, c.vocabSize(), 6);
        int[] djl = new Generator(model, m).generate(prompt, GenerationConfig.greedy(20), null).tokens();
        int[] java = new int[20];
        try (InferenceEngine engine = new InferenceEngine(InferenceWeights.load(dir), 16, 1, 2)) {
          Sequence s = engine.newSequence(32);
          float[] logits = engine.step(List.of(s), new int[][] {prompt});
          for (int i = 0; i < 20; i++) {
            java[i] = Kernels.argmax(logits, 0, c.vocabSize());
            if (i < 19) {
              logits = engine.step(List.of(s), new int[][] {{java[i]}});
            }
          }
        }
        assertArrayEquals(djl, java, "greedy tokens, " + name(c));
        assertTrue(Arrays.stream(java).distinct().count() > 3, "a degenerate continuation proves little");
      }
    }
  }

  @Test
  void aSequenceGetsTheSameFloatsAloneOrBatched() {
    for (MiniMindConfig c : List.of(moe(2, 4, 1, true), moe(1, 4, 1, true), moe(3, 6, 0, true))) {
      InferenceWeights w = InferenceWeights.random(c, 9);
      int v = c.vocabSize();
      int[] a = tokens(7, v, 3); // 6 cached, then 1 new (decode)
      int[] b = tokens(4, v, 4); // nothing cached, 4 new (prefill)
      int[] d = tokens(5, v, 5); // 3 cached, then 2 new (prompt chunk)
      int[] e = tokens(11, v, 7); // nothing cached, 11 new: every expert gets rows from several sequences
      for (int threads : new int[] {1, 2, 3}) {
        try (InferenceEngine engine = new InferenceEngine(w, 32, 4, threads)) {
          float[][] alone = {alone(engine, a, 6), alone(engine, b, 0), alone(engine, d, 3), alone(engine, e, 0)};
          Sequence sa = engine.newSequence(16);
          Sequence sb = engine.newSequence(16);
          Sequence sd = engine.newSequence(16);
          Sequence se = engine.newSequence(16);
          engine.step(List.of(sa, sd), new int[][] {Arrays.copyOf(a, 6), Arrays.copyOf(d, 3)});
          float[] batch = engine.step(List.of(sa, sb, sd, se),
              new int[][] {{a[6]}, b, Arrays.copyOfRange(d, 3, 5), e});
          for (int i = 0; i < 4; i++) {
            assertArrayEquals(alone[i], Arrays.copyOfRange(batch, i * v, (i + 1) * v),
                name(c) + ", " + threads + " threads, sequence " + i);
          }
          assertEquals(7, sa.length());
          assertEquals(11, se.length());
        }
      }
    }
  }

  private static float[] alone(InferenceEngine engine, int[] ids, int cached) {
    Sequence s = engine.newSequence(16);
    if (cached > 0) {
      engine.step(List.of(s), new int[][] {Arrays.copyOf(ids, cached)});
    }
    return Arrays.copyOf(engine.step(List.of(s), new int[][] {Arrays.copyOfRange(ids, cached, ids.length)}),
        engine.vocabSize());
  }

  /**
   * A zero router gives all 4 experts probability 1/4 for every token: torch.topk(2) then picks
   * experts 2 and 3 (not the lowest indices). Experts 0 and 1 are NaN in the engine's copy: they
   * must neither be picked (tie-breaking as libtorch) nor read (sparse dispatch; DJL's dense
   * routing would give 0·NaN), and the logits must still equal DJL's with finite experts 0 and 1.
   */
  @Test
  void exactTiesPickLibtorchsExpertsAndUnchosenExpertsNeverRun() throws Exception {
    MiniMindConfig c = moe(2, 4, 1, true);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Path dir = tmp.resolve("ties");
      MiniMindModel model = saveRandom(c, dir, m, 5, name -> name.endsWith("mlp.gate.weight"));
      InferenceWeights w = InferenceWeights.load(dir);
      for (InferenceWeights.Layer l : w.layers) {
        for (int e : new int[] {0, 1}) {
          Arrays.fill(l.moe().experts().get(e).wGateUp(), Float.NaN);
          Arrays.fill(l.moe().experts().get(e).wDown(), Float.NaN);
        }
      }
      int[] ids = tokens(12, c.vocabSize(), 2);
      float[] ref = djlLogits(model, m, ids);
      int v = c.vocabSize();
      try (InferenceEngine engine = new InferenceEngine(w, 16, 1, 2)) {
        Sequence s = engine.newSequence(16);
        float[] out = engine.step(List.of(s), new int[][] {Arrays.copyOf(ids, 8)});
        float worst = maxDiff(out, 0, ref, 7 * v, v);
        for (int p = 8; p < ids.length; p++) {
          out = engine.step(List.of(s), new int[][] {{ids[p]}});
          worst = Math.max(worst, maxDiff(out, 0, ref, p * v, v));
        }
        assertFalse(Float.isNaN(worst), "an expert that was not chosen ran");
        assertTrue(worst < 1e-4, "max abs logit diff " + worst);
      }
    }
  }

  @Test
  void aMissingExpertTensorIsNamed() throws Exception {
    MiniMindConfig c = moe(2, 4, 1, true);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Path dir = tmp.resolve("missing");
      saveRandom(c, dir, m, 1);
      Path file = dir.resolve("model.safetensors");
      Map<String, TensorData> all = new LinkedHashMap<>(SafeTensors.read(file));
      String gone = "model.layers.1.mlp.experts.3.down_proj.weight";
      assertTrue(all.remove(gone) != null);
      SafeTensors.write(file, new ArrayList<>(all.values()), Map.of("format", "pt"));
      CheckpointFormatException ex = assertThrows(CheckpointFormatException.class, () -> InferenceWeights.load(dir));
      assertTrue(ex.getMessage().contains(gone), ex.getMessage());
    }
  }
}
