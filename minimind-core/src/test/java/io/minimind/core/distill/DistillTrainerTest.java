package io.minimind.core.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.minimind.core.checkpoint.Checkpoints;
import io.minimind.core.data.TokenDataset;
import io.minimind.core.data.TokenizedSample;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.model.Presets;
import io.minimind.core.train.Batch;
import io.minimind.core.train.InMemoryDataset;
import io.minimind.core.train.ProgressListener;
import io.minimind.core.train.RunIdentity;
import io.minimind.core.train.StepMetrics;
import io.minimind.core.train.TrainConfig;
import io.minimind.core.train.TrainResult;
import io.minimind.core.train.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistillTrainerTest {
  static final int VOCAB = 64;
  static final double T = 1.5;

  /** Sequences following a fixed random successor map (a bigram language), loss on every target. */
  static TokenDataset bigrams(int count, long seed) {
    Random map = new Random(42);
    int[] next = new int[VOCAB];
    for (int v = 0; v < VOCAB; v++) {
      next[v] = 1 + map.nextInt(VOCAB - 1);
    }
    Random r = new Random(seed);
    List<TokenizedSample> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int[] ids = new int[12 + r.nextInt(8)];
      boolean[] mask = new boolean[ids.length];
      ids[0] = 1 + r.nextInt(VOCAB - 1);
      for (int t = 1; t < ids.length; t++) {
        ids[t] = r.nextInt(5) == 0 ? 1 + r.nextInt(VOCAB - 1) : next[ids[t - 1]]; // 20 % noise
        mask[t] = true;
      }
      out.add(new TokenizedSample(ids, mask));
    }
    return new InMemoryDataset(out, "bigrams");
  }

  static MiniMindConfig config(int hidden, int layers, int vocab) {
    return Presets.builder("tiny").override(List.of("hidden_size=" + hidden,
        "num_hidden_layers=" + layers, "vocab_size=" + vocab)).build();
  }

  static MiniMindModel model(NDManager m, MiniMindConfig c, long seed) {
    Engine.getInstance().setRandomSeed((int) seed);
    MiniMindModel model = new MiniMindModel(c);
    model.initializeRandom(m, DataType.FLOAT32);
    return model;
  }

  static TrainConfig train(long steps, double lr) {
    return new TrainConfig(100, 8, lr, 64, 1, 1.0, 0.01, 0, 1, 5, true, steps, 0, 2);
  }

  /** Mean KL(p_teacher,T ‖ p_student,T) over every target position of {@code data}. */
  static double klToTeacher(MiniMindModel student, MiniMindModel teacher, TokenDataset data,
      NDManager m) {
    List<TokenizedSample> all = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      all.add(data.get(i));
    }
    Batch b = Batch.of(all, 0);
    try (NDManager scope = m.newSubManager()) {
      NDArray x = b.inputArray(scope);
      return DistillationLoss.kl(student.forward(x, null, null, 0, false).logits(),
          teacher.forward(x, null, null, 0, false).logits(), b.weightArray(scope), T).getFloat();
    }
  }

  @Test
  void distillationBringsASmallerStudentCloserToTheTeacher(@TempDir Path tmp) throws Exception {
    TokenDataset data = bigrams(48, 1);
    TokenDataset heldOut = bigrams(16, 2);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel teacher = model(m, config(64, 2, VOCAB), 1);
      new Trainer(teacher, data, train(40, 3e-3), new RunIdentity("sft", "bigrams", "tok", 0),
          new Checkpoints(tmp.resolve("teacher")), ProgressListener.NONE).run(m, false);
      float[] teacherWeights = teacher.parameters().get(MiniMindModel.EMBED).getArray().toFloatArray();

      MiniMindModel student = model(m, config(32, 1, VOCAB), 2);
      double before = klToTeacher(student, teacher, heldOut, m);
      List<Map<String, Double>> logged = new ArrayList<>();
      ProgressListener record = new ProgressListener() {
        @Override
        public void onStep(StepMetrics s) {
          logged.add(s.metrics());
        }
      };
      RunIdentity id = new RunIdentity("distill", "bigrams", "tok", 0, Map.of("alpha", "0.5"));
      TrainResult r = new DistillTrainer(student, teacher, data, train(30, 3e-3), 0.5, T, id,
          new Checkpoints(tmp.resolve("student")), record).run(m, false);
      double after = klToTeacher(student, teacher, heldOut, m);
      System.out.printf("distillation: held-out KL(teacher || student) at T=%.1f: before %.4f,"
          + " after %.4f; loss %.4f -> %.4f; first %s; last %s%n", T, before, after,
          r.losses().get(0), r.finalLoss(), logged.get(0), logged.get(logged.size() - 1));
      assertTrue(after < 0.5 * before, "KL before " + before + ", after " + after);
      Map<String, Double> last = logged.get(logged.size() - 1);
      assertEquals(0.5 * last.get("ce") + 0.5 * last.get("distill_loss"), last.get("total"), 1e-5);
      assertEquals(T * T * last.get("kl"), last.get("distill_loss"), 1e-9);
      assertArrayEquals(teacherWeights,
          teacher.parameters().get(MiniMindModel.EMBED).getArray().toFloatArray(),
          "the teacher is frozen");
    }
  }

  @Test
  void aResumedRunMatchesAnUninterruptedOneAndStepsDoNotLeak(@TempDir Path tmp) throws Exception {
    TokenDataset data = bigrams(24, 3);
    RunIdentity id = new RunIdentity("distill", "bigrams", "tok", 0, Map.of("alpha", "0.5"));
    TrainConfig full = new TrainConfig(100, 4, 3e-3, 64, 2, 1.0, 0.01, 3, 1, 5, true, 6, 0, 2);
    TrainConfig half = new TrainConfig(100, 4, 3e-3, 64, 2, 1.0, 0.01, 3, 1, 5, true, 6, 3, 2);
    List<Double> straight;
    List<Double> resumed = new ArrayList<>();
    float[] straightEmbed;
    float[] resumedEmbed;
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel teacher = model(m, config(48, 1, VOCAB), 1);
      MiniMindModel student = model(m, config(32, 1, VOCAB), 2);
      straight = new DistillTrainer(student, teacher, data, full, 0.5, T, id,
          new Checkpoints(tmp.resolve("a")), ProgressListener.NONE).run(m, false).losses();
      straightEmbed = student.parameters().get(MiniMindModel.EMBED).getArray().toFloatArray();
      int arrays = m.getManagedArrays().size();
      new DistillTrainer(student, teacher, data, full, 0.5, T, id,
          new Checkpoints(tmp.resolve("leak")), ProgressListener.NONE).run(m, false);
      assertEquals(arrays, m.getManagedArrays().size(), "arrays alive after 6 more steps");
    }
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel teacher = model(m, config(48, 1, VOCAB), 1);
      MiniMindModel student = model(m, config(32, 1, VOCAB), 2);
      resumed.addAll(new DistillTrainer(student, teacher, data, half, 0.5, T, id,
          new Checkpoints(tmp.resolve("b")), ProgressListener.NONE).run(m, false).losses());
    }
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel teacher = model(m, config(48, 1, VOCAB), 1);
      MiniMindModel student = model(m, config(32, 1, VOCAB), 77); // weights come from the checkpoint
      resumed.addAll(new DistillTrainer(student, teacher, data, full, 0.5, T, id,
          new Checkpoints(tmp.resolve("b")), ProgressListener.NONE).run(m, true).losses());
      resumedEmbed = student.parameters().get(MiniMindModel.EMBED).getArray().toFloatArray();
    }
    System.out.println("distillation resume: straight " + straight + "\n                     resumed  "
        + resumed);
    assertEquals(straight, resumed);
    assertArrayEquals(straightEmbed, resumedEmbed, 1e-6f);
  }

  @Test
  void aTeacherWithAnotherVocabularyIsRefusedNamingBothSizes(@TempDir Path tmp) {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel teacher = model(m, config(32, 1, 80), 1);
      MiniMindModel student = model(m, config(32, 1, VOCAB), 2);
      var e = assertThrows(IllegalArgumentException.class, () -> new DistillTrainer(student,
          teacher, bigrams(4, 1), train(1, 1e-3), 0.5, T,
          new RunIdentity("distill", "d", "tok", 0), new Checkpoints(tmp), ProgressListener.NONE));
      System.out.println("vocab mismatch: " + e.getMessage());
      assertTrue(e.getMessage().contains("teacher's vocab_size 80")
          && e.getMessage().contains("student's vocab_size 64"), e.getMessage());
    }
  }
}
