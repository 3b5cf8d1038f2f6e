package io.minimind.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.Presets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoeFeedForwardTest {
  static MoeFeedForward block(boolean seqAux) {
    MiniMindConfig base = Presets.builder("tiny")
        .override(List.of("hidden_size=8", "num_attention_heads=2", "num_key_value_heads=1", "use_moe=true"))
        .build();
    var moe = base.moe();
    var c = new MiniMindConfig(base.vocabSize(), 8, 1, 2, 1, 16, 64, 1e-5, 1e6, null, 0, 1, 2, true,
        new MiniMindConfig.MoeConfig(2, 4, 1, 0.1, seqAux, moe.normTopkProb()));
    return new MoeFeedForward(c);
  }

  @Test
  void topKWeightsSumToOne() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray probs = m.create(new float[] {0.1f, 0.5f, 0.3f, 0.1f, 0.25f, 0.25f, 0.4f, 0.1f}, new Shape(2, 4));
      var top = probs.topK(2, -1, true, true);
      NDArray routing = block(true).routingWeights(top.get(0), top.get(1), DataType.FLOAT32);
      float[] r = routing.toFloatArray();
      // row 0 picks experts 1 (0.5) and 2 (0.3): 0.625 / 0.375
      assertEquals(0.625f, r[1], 1e-6);
      assertEquals(0.375f, r[2], 1e-6);
      assertEquals(0f, r[0] + r[3], 0f);
      assertEquals(1f, r[4] + r[5] + r[6] + r[7], 1e-6);
      assertEquals(0.4f / 0.65f, r[6], 1e-6);
    }
  }

  @Test
  void sequenceAuxLossMatchesHandComputation() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      // B=1, T=2, E=4, k=2. Chosen: token 0 → {3, 2}, token 1 → {3, 0}.
      NDArray scores = m.create(new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.1f, 0.1f, 0.3f}, new Shape(2, 4));
      NDArray chosen = m.create(new long[] {3, 2, 3, 0}, new Shape(2, 2));
      // load = counts·E/(T·k) = [1, 0, 1, 2]; mean score = [0.3, 0.15, 0.2, 0.35]
      // aux = α · Σ load·mean = 0.1 · (0.3 + 0.2 + 0.7) = 0.12
      assertEquals(0.12f, block(true).auxLoss(scores, chosen, 1, 2).getFloat(), 1e-6);
    }
  }

  @Test
  void batchAuxLossMatchesHandComputation() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      // B=2, T=1: two sequences of one token each, so batch- and sequence-level differ.
      NDArray scores = m.create(new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.1f, 0.1f, 0.3f}, new Shape(2, 4));
      NDArray chosen = m.create(new long[] {3, 2, 3, 0}, new Shape(2, 2));
      // f = fraction of the 4 slots per expert = [1/4, 0, 1/4, 1/2]; P = mean score = [0.3, 0.15, 0.2, 0.35]
      // aux = α · E · Σ P·f = 0.1 · 4 · (0.075 + 0.05 + 0.175) = 0.12
      assertEquals(0.12f, block(false).auxLoss(scores, chosen, 2, 1).getFloat(), 1e-6);
      // sequence level, per row: row 0 load [0,0,2,2]·mean [.1,.2,.3,.4] = 1.4; row 1 load [2,0,0,2]·[.5,.1,.1,.3] = 1.6
      // aux = 0.1 · mean(1.4, 1.6) = 0.15
      assertEquals(0.15f, block(true).auxLoss(scores, chosen, 2, 1).getFloat(), 1e-6);
    }
  }
}
