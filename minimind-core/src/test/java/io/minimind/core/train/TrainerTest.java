package io.minimind.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.minimind.core.checkpoint.Checkpoints;
import io.minimind.core.data.TokenizedSample;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.model.Presets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
  static final RunIdentity ID = new RunIdentity("pretrain", "test-data", "tok", 0);

  static MiniMindConfig tiny(int vocab) {
    return Presets.builder("tiny")
        .override(List.of("hidden_size=64", "num_hidden_layers=2", "vocab_size=" + vocab))
        .build();
  }

  static TrainConfig config(int batch, double lr, int accumulation, int saveInterval, long maxSteps, long stopAfter) {
    return new TrainConfig(100, batch, lr, 64, accumulation, 1.0, 0.01, saveInterval, 1, 1234, true,
        maxSteps, stopAfter, 5);
  }

  static MiniMindModel newModel(NDManager m, MiniMindConfig c, long seed) {
    Engine.getInstance().setRandomSeed((int) seed);
    MiniMindModel model = new MiniMindModel(c);
    model.initializeRandom(m, DataType.FLOAT32);
    return model;
  }

  @Test
  void overfitsA64TokenText() throws Exception {
    int[] ids = new int[65];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = (i * 7 + 3) % 50 + 1; // a fixed 64-token text (plus the first token)
    }
    boolean[] mask = new boolean[ids.length];
    Arrays.fill(mask, 1, mask.length, true);
    var data = new InMemoryDataset(List.of(new TokenizedSample(ids, mask)));
    Path dir = Files.createTempDirectory("overfit");
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = newModel(m, tiny(64), 1);
      TrainConfig cfg = config(1, 3e-3, 1, 0, 200, 0);
      TrainResult r = new Trainer(model, data, cfg, ID, new Checkpoints(dir), ProgressListener.NONE).run(m, false);
      System.out.printf("overfit: first loss %.4f, final loss %.5f after %d steps%n",
          r.losses().get(0), r.finalLoss(), r.stepsDone());
      assertTrue(r.finalLoss() < 0.05, "final loss " + r.finalLoss());
    }
  }

  @Test
  void resumeContinuesExactly(@TempDir Path tmp) throws Exception {
    var data = InMemoryDataset.random(40, 8, 24, 64, 99);
    int n = 4;
    List<Double> straight;
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = newModel(m, tiny(64), 5);
      TrainConfig cfg = config(4, 2e-3, 2, 0, 2 * n, 0);
      straight = new Trainer(model, data, cfg, ID, new Checkpoints(tmp.resolve("a")), ProgressListener.NONE)
          .run(m, false).losses();
    }
    List<Double> resumed = new ArrayList<>();
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = newModel(m, tiny(64), 5);
      TrainConfig cfg = config(4, 2e-3, 2, n, 2 * n, n);
      TrainResult first = new Trainer(model, data, cfg, ID, new Checkpoints(tmp.resolve("b")), ProgressListener.NONE)
          .run(m, false);
      assertFalse(first.completed());
      resumed.addAll(first.losses());
    }
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      // A different init seed: everything must come from the checkpoint.
      MiniMindModel model = newModel(m, tiny(64), 777);
      TrainConfig cfg = config(4, 2e-3, 2, n, 2 * n, 0);
      TrainResult second = new Trainer(model, data, cfg, ID, new Checkpoints(tmp.resolve("b")), ProgressListener.NONE)
          .run(m, true);
      assertTrue(second.completed());
      assertEquals(n, second.losses().size());
      resumed.addAll(second.losses());
    }
    assertEquals(2 * n, straight.size());
    for (int i = 0; i < straight.size(); i++) {
      assertEquals(straight.get(i), resumed.get(i), 1e-5, "loss at step " + (i + 1));
    }
  }

  @Test
  void trainingStepsDoNotLeakNativeArrays(@TempDir Path tmp) throws Exception {
    var data = InMemoryDataset.random(16, 8, 20, 64, 3);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = newModel(m, tiny(64), 5);
      // the optimizer state exists after the first run; later runs must not add arrays
      new Trainer(model, data, config(4, 1e-3, 2, 0, 2, 0), ID, new Checkpoints(tmp.resolve("a")),
          ProgressListener.NONE).run(m, false);
      int before = m.getManagedArrays().size();
      new Trainer(model, data, config(4, 1e-3, 2, 0, 12, 0), ID, new Checkpoints(tmp.resolve("b")),
          ProgressListener.NONE).run(m, false);
      assertEquals(before, m.getManagedArrays().size(), "arrays alive after 12 more steps");
    }
  }

  @Test
  void refusesToResumeADifferentRun(@TempDir Path tmp) throws Exception {
    var data = InMemoryDataset.random(8, 8, 12, 64, 1);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = newModel(m, tiny(64), 5);
      new Trainer(model, data, config(4, 1e-3, 1, 1, 2, 1), ID, new Checkpoints(tmp), ProgressListener.NONE).run(m, false);
      TrainConfig otherBatch = config(2, 1e-3, 1, 1, 2, 0);
      var e = assertThrows(IllegalArgumentException.class, () ->
          new Trainer(model, data, otherBatch, ID, new Checkpoints(tmp), ProgressListener.NONE).run(m, true));
      assertTrue(e.getMessage().contains("batch size was 4, now 2"), e.getMessage());
    }
  }

  @Test
  void scheduleMatchesMiniMindFormula() {
    assertEquals(1.1e-3, LrSchedule.minimind(0, 100, 1e-3), 1e-12);
    assertEquals(1e-4 + 0.5e-3, LrSchedule.minimind(50, 100, 1e-3), 1e-12);
    assertEquals(1e-4, LrSchedule.minimind(100, 100, 1e-3), 1e-12);
  }
}
