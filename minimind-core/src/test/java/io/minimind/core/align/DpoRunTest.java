package io.minimind.core.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.minimind.core.checkpoint.ModelDirectory;
import io.minimind.core.data.DataFormatException;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.model.Presets;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import io.minimind.core.train.ProgressListener;
import io.minimind.core.train.StepMetrics;
import io.minimind.core.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DPO from files, the path the CLI and trainer-service take. */
class DpoRunTest {
  static final String PAIR = "{\"chosen\": [{\"role\": \"user\", \"content\": \"%s\"},"
      + " {\"role\": \"assistant\", \"content\": \"%s\"}], \"rejected\": [{\"role\": \"user\","
      + " \"content\": \"%s\"}, {\"role\": \"assistant\", \"content\": \"%s\"}]}";

  static String pair(String q, String good, String bad) {
    return String.format(PAIR, q, good, q, bad);
  }

  /** A random tiny model with MiniMind's tokenizer, saved as a model directory. */
  static Path tinyModelDir(Path dir) throws Exception {
    try (NDManager m = NDManager.newBaseManager("PyTorch");
        MiniMindTokenizer tok = MiniMindTokenizer.defaultTokenizer()) {
      Engine.getInstance().setRandomSeed(3);
      MiniMindModel model = new MiniMindModel(Presets.builder("tiny").override(List.of(
          "hidden_size=32", "num_hidden_layers=1", "num_attention_heads=2",
          "num_key_value_heads=1")).build());
      model.initializeRandom(m, DataType.FLOAT32);
      ModelDirectory.save(model, tok, dir);
    }
    return dir;
  }

  static TrainConfig quick(long steps) {
    return new TrainConfig(1, 2, 1e-3, 64, 1, 1.0, 0.01, 0, 1, 7, true, steps, 0, 2);
  }

  @Test
  void trainsFromFilesAndWritesTheModel(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("dpo.jsonl");
    Files.write(data, List.of(
        pair("《静夜思》的作者是谁？", "李白。", "杜甫。"),
        pair("1+1等于几？", "2", "3"),
        pair("Say hi", "Hi!", "No."),
        pair("天空是什么颜色？", "蓝色。", "绿色。")));
    Path init = tinyModelDir(tmp.resolve("sft-model"));
    List<StepMetrics> steps = new ArrayList<>();
    ProgressListener record = new ProgressListener() {
      @Override
      public void onStep(StepMetrics s) {
        steps.add(s);
      }
    };
    var o = DpoRun.run(new DpoRun.Spec(data, tmp.resolve("out"), init, null, quick(3), 0.1, 0,
        false, false), record);
    System.out.println("DPO run: " + o.dataset() + "; steps " + steps);
    assertEquals(3, o.result().stepsDone());
    assertTrue(Files.isRegularFile(o.modelDir().resolve("model.safetensors")));
    assertTrue(Files.isRegularFile(o.modelDir().resolve("tokenizer.json")));
    assertTrue(Files.isDirectory(tmp.resolve("out/checkpoints/step-000003")));
    assertEquals(Math.log(2), steps.get(0).loss(), 1e-6);
    assertTrue(steps.get(2).metrics().keySet().containsAll(
        List.of("chosen_reward", "rejected_reward", "margin", "accuracy")));

    // The reference and β are part of the run: resuming with another β is refused.
    var other = new DpoRun.Spec(data, tmp.resolve("out"), init, null, quick(3), 0.2, 0, true, false);
    var e = assertThrows(IllegalArgumentException.class, () -> DpoRun.run(other, record));
    assertTrue(e.getMessage().contains("beta=0.1") && e.getMessage().contains("beta=0.2"),
        e.getMessage());
  }

  @Test
  void precomputedReferenceTrainsLikePerBatchAndResumesExactly(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("dpo.jsonl");
    Files.write(data, List.of(pair("a", "b", "c"), pair("1+1?", "2", "3"), pair("hi", "Hi!", "No."),
        pair("x", "y", "z")));
    Path init = tinyModelDir(tmp.resolve("m"));
    TrainConfig full = new TrainConfig(1, 2, 1e-3, 64, 1, 1.0, 0.01, 2, 1, 7, true, 4, 0, 2);
    TrainConfig firstHalf = new TrainConfig(1, 2, 1e-3, 64, 1, 1.0, 0.01, 2, 1, 7, true, 4, 2, 2);
    var perBatch = DpoRun.run(new DpoRun.Spec(data, tmp.resolve("a"), init, null, full, 0.1, 0,
        false, false), ProgressListener.NONE).result().losses();
    var straight = DpoRun.run(new DpoRun.Spec(data, tmp.resolve("b"), init, null, full, 0.1, 0,
        false, true), ProgressListener.NONE).result().losses();
    assertTrue(Files.isRegularFile(tmp.resolve("b").resolve(DpoRun.REFERENCE_FILE)));
    List<Double> resumed = new ArrayList<>(DpoRun.run(new DpoRun.Spec(data, tmp.resolve("c"), init,
        null, firstHalf, 0.1, 0, false, true), ProgressListener.NONE).result().losses());
    resumed.addAll(DpoRun.run(new DpoRun.Spec(data, tmp.resolve("c"), init, null, full, 0.1, 0,
        true, true), ProgressListener.NONE).result().losses());
    System.out.println("DPO losses per-batch reference " + perBatch + "\n           precomputed "
        + straight + "\n           precomputed, stopped and resumed " + resumed);
    assertEquals(4, resumed.size());
    for (int i = 0; i < 4; i++) {
      assertEquals(perBatch.get(i), straight.get(i), 1e-5, "step " + (i + 1));
      assertEquals(straight.get(i), resumed.get(i), 1e-6, "step " + (i + 1));
    }
  }

  @Test
  void anEditedDatasetOfTheSameSizeDoesNotReuseTheReferenceCache(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("dpo.jsonl");
    Files.write(data, List.of(pair("a", "b", "c"), pair("1+1?", "2", "3")));
    Path init = tinyModelDir(tmp.resolve("m"));
    TrainConfig cfg = new TrainConfig(1, 2, 1e-3, 64, 1, 1.0, 0.01, 0, 1, 7, false, 1, 0, 2);
    DpoRun.run(new DpoRun.Spec(data, tmp.resolve("old"), init, null, cfg, 0.1, 0, false, true),
        ProgressListener.NONE);
    // same byte size and line counts, different replies: a size-based key would match
    Files.write(data, List.of(pair("a", "d", "c"), pair("1+1?", "5", "3")));
    Path out = Files.createDirectories(tmp.resolve("new"));
    Files.copy(tmp.resolve("old").resolve(DpoRun.REFERENCE_FILE), out.resolve(DpoRun.REFERENCE_FILE));
    double cached = DpoRun.run(new DpoRun.Spec(data, out, init, null, cfg, 0.1, 0, false, true),
        ProgressListener.NONE).result().losses().get(0);
    double perBatch = DpoRun.run(new DpoRun.Spec(data, tmp.resolve("per-batch"), init, null, cfg, 0.1,
        0, false, false), ProgressListener.NONE).result().losses().get(0);
    System.out.println("DPO first loss with the old cache file present " + cached + ", per-batch " + perBatch);
    assertEquals(perBatch, cached, 1e-6, "the stale reference log-probs were recomputed");
    assertEquals(Math.log(2), cached, 1e-6, "policy = reference at step 1");
  }

  @Test
  void badLinesNameTheirFileAndLine(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("dpo.jsonl");
    Files.write(data, List.of(pair("q", "a", "b"),
        "{\"chosen\": [{\"role\": \"user\", \"content\": \"q\"}], \"rejected\": []}"));
    Path init = tinyModelDir(tmp.resolve("m"));
    var spec = new DpoRun.Spec(data, tmp.resolve("out"), init, null, quick(1), 0.1, 0, false, false);
    var e = assertThrows(DataFormatException.class, () -> DpoRun.run(spec, ProgressListener.NONE));
    System.out.println("bad line: " + e.getMessage());
    assertTrue(e.getMessage().contains("dpo.jsonl:2: field \"chosen\" has no assistant message"),
        e.getMessage());
  }

  @Test
  void initFromIsRequired(@TempDir Path tmp) {
    var e = assertThrows(IllegalArgumentException.class, () -> new DpoRun.Spec(
        tmp.resolve("d.jsonl"), tmp, null, null, quick(1), 0.1, 0, false, false));
    assertTrue(e.getMessage().contains("initFrom"), e.getMessage());
  }
}
