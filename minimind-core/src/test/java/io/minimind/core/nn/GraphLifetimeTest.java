package io.minimind.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.model.Presets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Everything the autograd graph keeps must be owned by libtorch (see {@link GraphConstants}).
 * Between forward and backward we collect garbage and refill freed native memory with NaN bytes:
 * a tensor over a freed Java buffer would then poison the gradients.
 */
class GraphLifetimeTest {
  @Test
  void gradientsSurviveGarbageCollectionBetweenForwardAndBackward() {
    for (boolean moe : new boolean[] {false, true}) {
      float[] calm = gradients(moe, false);
      float[] stressed = gradients(moe, true);
      assertArrayEquals(calm, stressed, "moe=" + moe);
    }
  }

  private static float[] gradients(boolean moe, boolean stress) {
    var config = Presets.builder("tiny")
        .override(List.of("hidden_size=32", "num_hidden_layers=2", "vocab_size=50", "use_moe=" + moe))
        .build();
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Engine.getInstance().setRandomSeed(12);
      MiniMindModel model = new MiniMindModel(config);
      model.initializeRandom(m, DataType.FLOAT32);
      long[] ids = new long[2 * 40];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = (i * 7) % 50;
      }
      List<ByteBuffer> poison = new ArrayList<>();
      try (NDManager scope = m.newSubManager();
          GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        var out = model.forward(scope.create(ids, new Shape(2, 40)), null, null, 0, true);
        NDArray loss = out.logits().logSoftmax(-1).mean();
        if (out.auxLoss() != null) {
          loss = loss.add(out.auxLoss());
        }
        if (stress) {
          for (int round = 0; round < 3; round++) {
            System.gc();
            sleep();
            for (int i = 0; i < 3000; i++) {
              ByteBuffer b = ByteBuffer.allocateDirect(4 + i % 32);
              while (b.hasRemaining()) {
                b.put((byte) 0xFF);
              }
              poison.add(b);
            }
          }
        }
        gc.backward(loss);
      }
      List<Float> all = new ArrayList<>();
      for (var p : model.parameters().values()) {
        for (float f : p.getArray().getGradient().toFloatArray()) {
          all.add(f);
        }
      }
      float[] out = new float[all.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = all.get(i);
      }
      poison.clear();
      return out;
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(30);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
