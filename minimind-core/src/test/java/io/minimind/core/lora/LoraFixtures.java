package io.minimind.core.lora;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.minimind.core.data.TokenDataset;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.model.Presets;
import io.minimind.core.train.InMemoryDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Tiny models and helpers shared by the LoRA tests. */
final class LoraFixtures {
  static final int VOCAB = 64;

  private LoraFixtures() {}

  static MiniMindConfig tiny(boolean moe) {
    List<String> o = new ArrayList<>(List.of("hidden_size=64", "num_hidden_layers=2",
        "vocab_size=" + VOCAB));
    if (moe) {
      o.addAll(List.of("use_moe=true", "n_routed_experts=3", "num_experts_per_tok=2",
          "n_shared_experts=1"));
    }
    return Presets.builder("tiny").override(o).build();
  }

  static MiniMindModel model(NDManager m, MiniMindConfig c, long seed) {
    Engine.getInstance().setRandomSeed((int) seed);
    MiniMindModel model = new MiniMindModel(c);
    model.initializeRandom(m, DataType.FLOAT32);
    return model;
  }

  /** (2, 10) token ids. */
  static NDArray ids(NDManager m) {
    long[] ids = new long[20];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = (i * 13 + 5) % VOCAB;
    }
    return m.create(ids, new Shape(2, 10));
  }

  static float[] logits(MiniMindModel model, NDManager m) {
    try (NDManager scope = m.newSubManager()) {
      return model.forward(ids(scope), null, null, 0, false).logits().toFloatArray();
    }
  }

  /** Gives every B matrix N(0, 0.05²) values, so the adapters change the output. */
  static void randomizeB(LoraAdapters adapters, NDManager m) {
    for (Map.Entry<String, Parameter> e : adapters.parameters().entrySet()) {
      if (e.getKey().endsWith("lora_B.weight")) {
        NDArray b = e.getValue().getArray();
        try (NDManager scope = m.newSubManager()) {
          scope.randomNormal(0, 0.05f, b.getShape(), b.getDataType()).copyTo(b);
        }
      }
    }
  }

  static double maxDiff(float[] a, float[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d = Math.max(d, Math.abs(a[i] - b[i]));
    }
    return d;
  }

  /** {@code count} random sequences of 8..16 tokens with every target counted. */
  static TokenDataset randomData(int count, long seed) {
    return InMemoryDataset.random(count, 8, 16, VOCAB, seed);
  }

  /** Copies of every base tensor's values, by name. */
  static Map<String, float[]> snapshot(MiniMindModel model) {
    Map<String, float[]> out = new java.util.LinkedHashMap<>();
    model.parameters().forEach((k, p) -> out.put(k, p.getArray().toFloatArray()));
    return out;
  }
}
