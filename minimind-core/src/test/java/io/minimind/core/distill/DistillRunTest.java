package io.minimind.core.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.minimind.core.checkpoint.ModelDirectory;
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

/** Distillation from files, the path the CLI and trainer-service take. */
class DistillRunTest {
  static final List<String> STUDENT = List.of("hidden_size=32", "num_hidden_layers=1",
      "num_attention_heads=2", "num_key_value_heads=1");

  static Path modelDir(Path dir, List<String> overrides) throws Exception {
    try (NDManager m = NDManager.newBaseManager("PyTorch");
        MiniMindTokenizer tok = MiniMindTokenizer.defaultTokenizer()) {
      Engine.getInstance().setRandomSeed(3);
      MiniMindModel model = new MiniMindModel(Presets.builder("tiny").override(overrides).build());
      model.initializeRandom(m, DataType.FLOAT32);
      ModelDirectory.save(model, tok, dir);
    }
    return dir;
  }

  static Path sft(Path tmp) throws Exception {
    Path data = tmp.resolve("sft.jsonl");
    Files.write(data, List.of(
        "{\"conversations\": [{\"role\": \"user\", \"content\": \"你好\"}, {\"role\": \"assistant\", \"content\": \"你好！\"}]}",
        "{\"conversations\": [{\"role\": \"user\", \"content\": \"静夜思的作者是谁？\"}, {\"role\": \"assistant\", \"content\": \"李白。\"}]}",
        "{\"conversations\": [{\"role\": \"user\", \"content\": \"Say hi\"}, {\"role\": \"assistant\", \"content\": \"Hi!\"}]}"));
    return data;
  }

  static TrainConfig quick(long steps) {
    return new TrainConfig(1, 2, 1e-3, 64, 1, 1.0, 0.01, 0, 1, 7, true, steps, 0, 2);
  }

  @Test
  void aFreshSmallerStudentLearnsFromATeacherDirectory(@TempDir Path tmp) throws Exception {
    Path teacher = modelDir(tmp.resolve("teacher"), List.of("hidden_size=48",
        "num_hidden_layers=2", "num_attention_heads=2", "num_key_value_heads=1"));
    List<StepMetrics> steps = new ArrayList<>();
    ProgressListener record = new ProgressListener() {
      @Override
      public void onStep(StepMetrics s) {
        steps.add(s);
      }
    };
    var o = DistillRun.run(new DistillRun.Spec(sft(tmp), tmp.resolve("out"), teacher, null,
        "tiny", STUDENT, null, quick(2), 0.5, 1.5, 0, false), record);
    System.out.println("distill run: " + o.parameters() + " student parameters; " + o.dataset()
        + "; last step " + steps.get(steps.size() - 1).metrics());
    assertEquals(2, o.result().stepsDone());
    assertEquals(32, o.config().hiddenSize());
    assertTrue(Files.isRegularFile(o.modelDir().resolve("model.safetensors")));
    assertTrue(steps.get(1).metrics().keySet().containsAll(List.of("ce", "kl", "total")));
  }

  @Test
  void aTeacherWithAnotherVocabularyIsRefused(@TempDir Path tmp) throws Exception {
    Path teacher = modelDir(tmp.resolve("teacher"), List.of("hidden_size=32",
        "num_hidden_layers=1", "num_attention_heads=2", "num_key_value_heads=1",
        "vocab_size=6500"));
    var spec = new DistillRun.Spec(sft(tmp), tmp.resolve("out"), teacher, null, "tiny", STUDENT,
        null, quick(1), 0.5, 1.5, 0, false);
    var e = assertThrows(IllegalArgumentException.class, () -> DistillRun.run(spec,
        ProgressListener.NONE));
    System.out.println("vocab mismatch: " + e.getMessage());
    assertTrue(e.getMessage().contains("6500") && e.getMessage().contains("6400"), e.getMessage());
  }

  @Test
  void theTeacherIsRequiredAndMustBeAModelDirectory(@TempDir Path tmp) throws Exception {
    assertThrows(IllegalArgumentException.class, () -> new DistillRun.Spec(tmp.resolve("d"), tmp,
        null, null, "tiny", STUDENT, null, quick(1), 0.5, 1.5, 0, false));
    var spec = new DistillRun.Spec(sft(tmp), tmp.resolve("out"), tmp.resolve("nothing"), null,
        "tiny", STUDENT, null, quick(1), 0.5, 1.5, 0, false);
    var e = assertThrows(IllegalArgumentException.class, () -> DistillRun.run(spec,
        ProgressListener.NONE));
    assertTrue(e.getMessage().startsWith("teacher "), e.getMessage());
  }
}
