package io.minimind.core.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.minimind.core.checkpoint.ModelWeights;
import io.minimind.core.io.ConfigJson;
import io.minimind.core.io.SafeDType;
import io.minimind.core.io.SafeTensors;
import io.minimind.core.io.TensorData;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.model.Presets;
import io.minimind.core.sampling.GenerationConfig;
import io.minimind.core.sampling.Generator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure-Java engine against the DJL model on the same weights, and against itself batched. */
class InferenceEngineTest {
  /** GQA (6 query heads on 2 kv heads), head dim 10 and F = 100: lane tails everywhere. */
  static MiniMindConfig gqa() {
    return Presets.builder("tiny").override(List.of("hidden_size=60", "num_attention_heads=6",
        "num_key_value_heads=2", "intermediate_size=100", "num_hidden_layers=2", "vocab_size=97",
        "max_position_embeddings=128")).build();
  }

  /** YaRN on (table of 64 beyond an original context of 16), plain multi-head attention. */
  static MiniMindConfig yarn() {
    return Presets.builder("tiny").override(List.of("hidden_size=64", "num_attention_heads=4",
        "num_key_value_heads=4", "num_hidden_layers=3", "vocab_size=101", "max_position_embeddings=64",
        "yarn=true", "rope_scaling.original_max_position_embeddings=16")).build();
  }

  @TempDir Path tmp;

  /**
   * Writes a model directory with random weights larger than the default init (so logits span
   * several units and a 1e-4 agreement means something) and loads it into DJL.
   */
  static MiniMindModel saveRandom(MiniMindConfig c, Path dir, NDManager m, long seed) throws Exception {
    return saveRandom(c, dir, m, seed, name -> false);
  }

  /** As above, with every tensor whose name {@code zeroed} accepts set to 0. */
  static MiniMindModel saveRandom(MiniMindConfig c, Path dir, NDManager m, long seed, Predicate<String> zeroed)
      throws Exception {
    Files.createDirectories(dir);
    Engine.getInstance().setRandomSeed(1);
    MiniMindModel model = new MiniMindModel(c);
    model.initializeRandom(m, DataType.FLOAT32);
    SplittableRandom rng = new SplittableRandom(seed);
    List<TensorData> tensors = new ArrayList<>();
    for (Map.Entry<String, Parameter> e : model.parameters().entrySet()) {
      long[] shape = e.getValue().getShape().getShape();
      boolean norm = shape.length == 1;
      float range = norm ? 0.5f : (float) (2.0 / Math.sqrt(shape[1]));
      float[] v = new float[(int) TensorData.numel(shape)];
      for (int i = 0; i < v.length; i++) {
        v[i] = (norm ? 1 : 0) + (float) ((rng.nextDouble() * 2 - 1) * range);
      }
      if (zeroed.test(e.getKey())) {
        Arrays.fill(v, 0f);
      }
      tensors.add(TensorData.fromFloats(e.getKey(), SafeDType.F32, shape, v));
      if (e.getKey().equals(MiniMindModel.EMBED)) {
        tensors.add(TensorData.fromFloats(MiniMindModel.LM_HEAD, SafeDType.F32, shape, v));
      }
    }
    SafeTensors.write(dir.resolve("model.safetensors"), tensors, Map.of("format", "pt"));
    ConfigJson.write(dir.resolve("config.json"), c);
    ModelWeights.load(model, dir.resolve("model.safetensors"));
    return model;
  }

  static int[] tokens(int n, int vocab, int salt) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = (i * 37 + salt * 11 + 5) % vocab;
    }
    return out;
  }

  /** DJL logits (T, V) of a whole sequence, no cache. */
  static float[] djlLogits(MiniMindModel model, NDManager m, int[] ids) {
    try (NDManager scope = m.newSubManager()) {
      long[] input = Arrays.stream(ids).asLongStream().toArray();
      NDArray x = scope.create(input, new Shape(1, ids.length));
      return model.forward(x, null, null, 0, false).logits().toFloatArray(); // (1, T, V)
    }
  }

  static float maxDiff(float[] a, int aOff, float[] b, int bOff, int n) {
    float m = 0;
    for (int i = 0; i < n; i++) {
      m = Math.max(m, Math.abs(a[aOff + i] - b[bOff + i]));
    }
    return m;
  }

  private void prefillThenDecodeMatchesDjl(MiniMindConfig c, String name) throws Exception {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Path dir = tmp.resolve(name);
      MiniMindModel model = saveRandom(c, dir, m, 3);
      int v = c.vocabSize();
      int[] ids = tokens(30, v, 1);
      float[] ref = djlLogits(model, m, ids); // (30, V)
      float span = 0;
      for (float f : ref) {
        span = Math.max(span, Math.abs(f));
      }
      assertTrue(span > 1, "logits should span several units, max |logit| " + span);
      try (InferenceEngine engine = new InferenceEngine(InferenceWeights.load(dir), 32, 4, 2)) {
        Sequence s = engine.newSequence(40);
        int prefill = 12;
        float[] out = engine.step(List.of(s), new int[][] {Arrays.copyOf(ids, prefill)});
        float worst = maxDiff(out, 0, ref, (prefill - 1) * v, v);
        for (int p = prefill; p < ids.length; p++) {
          out = engine.step(List.of(s), new int[][] {{ids[p]}});
          worst = Math.max(worst, maxDiff(out, 0, ref, p * v, v));
        }
        assertEquals(ids.length, s.length());
        System.out.printf("engine vs DJL (%s): max |Δlogit| %.3g over %d positions, max |logit| %.2f%n",
            name, worst, ids.length - prefill + 1, span);
        assertTrue(worst < 1e-4, name + ": max abs logit diff " + worst);
      }
    }
  }

  @Test
  void logitsMatchTheDjlModelWithGroupedQueryAttention() throws Exception {
    prefillThenDecodeMatchesDjl(gqa(), "gqa");
  }

  @Test
  void logitsMatchTheDjlModelWithYarnRopeScaling() throws Exception {
    prefillThenDecodeMatchesDjl(yarn(), "yarn");
  }

  @Test
  void incrementalDecodeEqualsAFullForwardOfEachPrefix() {
    MiniMindConfig c = gqa();
    InferenceWeights w = InferenceWeights.random(c, 5);
    int v = c.vocabSize();
    int[] ids = tokens(20, v, 2);
    try (InferenceEngine engine = new InferenceEngine(w, 32, 4, 2)) {
      Sequence inc = engine.newSequence(32);
      engine.step(List.of(inc), new int[][] {Arrays.copyOf(ids, 5)});
      float worst = 0;
      for (int p = 5; p < ids.length; p++) {
        float[] step = engine.step(List.of(inc), new int[][] {{ids[p]}}).clone();
        Sequence full = engine.newSequence(32);
        float[] whole = engine.step(List.of(full), new int[][] {Arrays.copyOf(ids, p + 1)});
        worst = Math.max(worst, maxDiff(step, 0, whole, 0, v));
      }
      System.out.printf("incremental vs full forward: max |Δlogit| %.3g%n", worst);
      assertTrue(worst <= 1e-5, "max abs diff " + worst);
    }
  }

  @Test
  void aBatchMixingPrefillAndDecodeGivesEachSequenceItsLogitsAlone() {
    MiniMindConfig c = gqa();
    InferenceWeights w = InferenceWeights.random(c, 9);
    int v = c.vocabSize();
    int[] a = tokens(7, v, 3); // 6 cached, then 1 new (decode)
    int[] b = tokens(4, v, 4); // nothing cached, 4 new (prefill)
    int[] d = tokens(5, v, 5); // 3 cached, then 2 new (prompt chunk)
    for (int threads : new int[] {1, 2}) {
      try (InferenceEngine engine = new InferenceEngine(w, 32, 4, threads)) {
        float[][] alone = {
            alone(engine, a, 6), alone(engine, b, 0), alone(engine, d, 3)};
        Sequence sa = engine.newSequence(16);
        Sequence sb = engine.newSequence(16);
        Sequence sd = engine.newSequence(16);
        engine.step(List.of(sa, sd), new int[][] {Arrays.copyOf(a, 6), Arrays.copyOf(d, 3)});
        float[] batch = engine.step(List.of(sa, sb, sd),
            new int[][] {{a[6]}, b, Arrays.copyOfRange(d, 3, 5)});
        float worst = 0;
        for (int i = 0; i < 3; i++) {
          worst = Math.max(worst, maxDiff(batch, i * v, alone[i], 0, v));
        }
        System.out.printf("batched vs alone (%d threads): max |Δlogit| %.3g%n", threads, worst);
        assertTrue(worst <= 1e-5, "max abs diff " + worst);
        assertEquals(7, sa.length());
        assertEquals(4, sb.length());
        assertEquals(5, sd.length());
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

  @Test
  void greedyGenerationMatchesTheDjlGenerator() throws Exception {
    for (MiniMindConfig c : List.of(gqa(), yarn())) {
      try (NDManager m = NDManager.newBaseManager("PyTorch")) {
        Path dir = tmp.resolve("greedy-" + c.vocabSize());
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
        assertArrayEquals(djl, java, "greedy tokens, vocab " + c.vocabSize());
      }
    }
  }

  @Test
  void invalidStepsChangeNothing() {
    MiniMindConfig c = gqa();
    try (InferenceEngine engine = new InferenceEngine(InferenceWeights.random(c, 1), 8, 2, 1)) {
      Sequence s = engine.newSequence(4);
      assertThrows(IllegalArgumentException.class, () -> engine.step(List.of(s), new int[][] {{1, 2, 3, 4, 5}}));
      assertThrows(IllegalArgumentException.class, () -> engine.step(List.of(s, s), new int[][] {{1}, {2}}));
      assertThrows(IllegalArgumentException.class, () -> engine.step(List.of(s), new int[][] {{c.vocabSize()}}));
      assertThrows(IllegalArgumentException.class, () -> engine.step(List.of(s), new int[][] {{}}));
      assertEquals(0, s.length());
      engine.step(List.of(s), new int[][] {{1, 2, 3, 4}});
      assertEquals(4, s.length());
      assertThrows(IllegalArgumentException.class, () -> engine.step(List.of(s), new int[][] {{1}}));
    }
  }
}
