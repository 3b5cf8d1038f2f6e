package io.minimind.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.minimind.core.nn.KvCache;
import java.util.List;
import org.junit.jupiter.api.Test;

class MiniMindModelTest {
  static MiniMindConfig small() {
    return Presets.builder("tiny")
        .override(List.of("hidden_size=32", "num_hidden_layers=2", "vocab_size=50"))
        .build();
  }

  @Test
  void presetParameterCountsMatchMiniMind() {
    // 6400·512 + 8·(655,360 attention + 2,162,688 SwiGLU + 1,024 norms) + 512
    assertEquals(25_829_888, countOf("minimind2-small"));
    assertEquals(104_000_000, countOf("minimind2"), 1_500_000);
    assertEquals(145_000_000, countOf("minimind2-moe"), 1_500_000);
  }

  private static long countOf(String preset) {
    // Shapes only: no arrays are allocated.
    return new MiniMindModel(Presets.get(preset)).parameterCount();
  }

  @Test
  void stateDictNamesAreMiniMinds() {
    var names = new MiniMindModel(small()).parameters().keySet();
    assertTrue(names.contains("model.embed_tokens.weight"));
    assertTrue(names.contains("model.layers.1.self_attn.k_proj.weight"));
    assertTrue(names.contains("model.layers.0.mlp.down_proj.weight"));
    assertTrue(names.contains("model.layers.0.post_attention_layernorm.weight"));
    assertTrue(names.contains("model.norm.weight"));
    var moe = Presets.builder("tiny").set("use_moe", "true").build();
    var moeNames = new MiniMindModel(moe).parameters().keySet();
    assertTrue(moeNames.contains("model.layers.0.mlp.gate.weight"));
    assertTrue(moeNames.contains("model.layers.0.mlp.experts.3.up_proj.weight"));
    assertTrue(moeNames.contains("model.layers.0.mlp.shared_experts.0.gate_proj.weight"));
  }

  @Test
  void kvCacheDecodingMatchesFullForward() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Engine.getInstance().setRandomSeed(7);
      MiniMindModel model = new MiniMindModel(small());
      model.initializeRandom(m, DataType.FLOAT32);
      long[] ids = {3, 17, 5, 9, 22, 41, 8, 2};
      NDArray full = model.forward(m.create(ids, new Shape(1, ids.length)), null, null, 0, false).logits();
      try (KvCache cache = new KvCache(m, 2)) {
        NDArray prefix = m.create(new long[] {3, 17, 5}, new Shape(1, 3));
        NDArray out = model.forward(prefix, null, cache, 0, false).logits();
        assertClose(full.get(":, 0:3, :"), out, 1e-4);
        for (int i = 3; i < ids.length; i++) {
          NDArray step = model.forward(m.create(new long[] {ids[i]}, new Shape(1, 1)), null, cache, 0, false).logits();
          assertClose(full.get(":, " + i + ":" + (i + 1) + ", :"), step, 1e-4);
        }
      }
    }
  }

  @Test
  void blockwiseAttentionOfLongInputsMatchesTokenByTokenDecoding() {
    // 300 tokens take the blocked causal path (blocks of 64 queries) in one forward; decoding
    // one token at a time never does.
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Engine.getInstance().setRandomSeed(9);
      MiniMindModel model = new MiniMindModel(small());
      model.initializeRandom(m, DataType.FLOAT32);
      int n = 300;
      long[] ids = new long[n];
      for (int i = 0; i < n; i++) {
        ids[i] = (i * 13 + 5) % 50;
      }
      NDArray full = model.forward(m.create(ids, new Shape(1, n)), null, null, 0, false).logits();
      try (KvCache cache = new KvCache(m, 2)) {
        for (int i = 0; i < n; i++) {
          NDArray step = model.forward(m.create(new long[] {ids[i]}, new Shape(1, 1)), null, cache, 0, false).logits();
          if (i % 37 == 0 || i == n - 1) {
            assertClose(full.get(":, " + i + ":" + (i + 1) + ", :"), step, 1e-4);
          }
        }
      }
    }
  }

  @Test
  void leftPaddedRowMatchesUnpaddedRow() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Engine.getInstance().setRandomSeed(11);
      MiniMindModel model = new MiniMindModel(small());
      model.initializeRandom(m, DataType.FLOAT32);
      NDArray alone = model.forward(m.create(new long[] {4, 5, 6}, new Shape(1, 3)), null, null, 0, false).logits();
      NDArray batch = m.create(new long[] {0, 0, 4, 5, 6, 7, 8, 9, 10, 11}, new Shape(2, 5));
      NDArray mask = m.create(new long[] {0, 0, 1, 1, 1, 1, 1, 1, 1, 1}, new Shape(2, 5));
      NDArray padded = model.forward(batch, mask, null, 0, false).logits();
      assertClose(alone.get("0, :, :"), padded.get("0, 2:, :"), 1e-4);
    }
  }

  static void assertClose(NDArray expected, NDArray actual, double tol) {
    assertEquals(expected.getShape(), actual.getShape());
    double diff = expected.toType(DataType.FLOAT64, false).sub(actual.toType(DataType.FLOAT64, false)).abs().max().getDouble();
    assertTrue(diff < tol, "max abs diff " + diff + " >= " + tol);
  }
}
