package io.minimind.core.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.minimind.core.checkpoint.ModelDirectory;
import io.minimind.core.export.GgufExport;
import io.minimind.core.export.GgufType;
import io.minimind.core.export.HfExport;
import io.minimind.core.io.SafeTensors;
import io.minimind.core.io.TensorData;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.model.Presets;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import io.minimind.core.train.ProgressListener;
import io.minimind.core.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A LoRA run from files: base model directory + SFT JSONL → adapter/ and merged model/. */
class LoraRunTest {
  static final LoraConfig LORA = new LoraConfig(4, 16, List.of(LoraTarget.Q, LoraTarget.K,
      LoraTarget.V, LoraTarget.O, LoraTarget.GATE));

  static TrainConfig cfg(int saveInterval, long stopAfter) {
    return new TrainConfig(1, 2, 5e-3, 48, 1, 1.0, 0.01, saveInterval, 1, 21, true, 6, stopAfter, 3);
  }

  static Path baseModel(Path dir) throws Exception {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Engine.getInstance().setRandomSeed(3);
      MiniMindModel model = new MiniMindModel(Presets.builder("tiny").override(List.of(
          "hidden_size=32", "num_hidden_layers=1", "num_attention_heads=2",
          "num_key_value_heads=1")).build());
      model.initializeRandom(m, DataType.FLOAT32);
      ModelDirectory.save(model, MiniMindTokenizer.defaultTokenizer(), dir);
    }
    return dir;
  }

  static Path sftData(Path file) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      lines.add("{\"conversations\": [{\"role\": \"user\", \"content\": \"问题" + i + "\"},"
          + " {\"role\": \"assistant\", \"content\": \"回答" + i + "：你好！\"}]}");
    }
    Files.write(file, lines);
    return file;
  }

  @Test
  void resumedRunEqualsUninterruptedAndMergedModelExports(@TempDir Path tmp) throws Exception {
    Path base = baseModel(tmp.resolve("base"));
    Path data = sftData(tmp.resolve("sft.jsonl"));
    var straight = LoraRun.run(new LoraRun.Spec(data, tmp.resolve("a"), base, LORA, cfg(0, 0), 0,
        false), ProgressListener.NONE);
    var first = LoraRun.run(new LoraRun.Spec(data, tmp.resolve("b"), base, LORA, cfg(3, 3), 0,
        false), ProgressListener.NONE);
    assertFalse(first.result().completed());
    assertFalse(Files.exists(tmp.resolve("b/adapter")), "nothing final before the run completes");
    Path ckpt = tmp.resolve("b/checkpoints/step-000003");
    for (String f : List.of("adapter_model.safetensors", "optimizer.safetensors", "lora.json",
        "config.json", "trainer_state.json")) {
      assertTrue(Files.isRegularFile(ckpt.resolve(f)), f);
    }
    assertFalse(Files.exists(ckpt.resolve("model.safetensors")), "checkpoints hold no base weights");
    // the optimizer only ever saw the adapters: moments for each A and B, nothing else
    var moments = SafeTensors.read(ckpt.resolve("optimizer.safetensors")).keySet();
    var adapterNames = SafeTensors.read(ckpt.resolve(AdapterFiles.WEIGHTS_FILE)).keySet();
    assertEquals(2 * adapterNames.size(), moments.size());
    for (String name : adapterNames) {
      assertTrue(moments.contains("exp_avg." + name) && moments.contains("exp_avg_sq." + name), name);
    }
    var resumed = LoraRun.run(new LoraRun.Spec(data, tmp.resolve("b"), base, LORA, cfg(3, 0), 0,
        true), ProgressListener.NONE);
    assertTrue(resumed.result().completed());
    assertEquals(3, resumed.result().stepsDone() - 3);

    Map<String, TensorData> a = SafeTensors.read(straight.adapterDir().resolve(AdapterFiles.WEIGHTS_FILE));
    Map<String, TensorData> b = SafeTensors.read(resumed.adapterDir().resolve(AdapterFiles.WEIGHTS_FILE));
    assertEquals(a.keySet(), b.keySet());
    a.forEach((k, t) -> assertArrayEquals(t.toFloats(), b.get(k).toFloats(), k));
    System.out.printf("lora run: %d adapter / %d base parameters; losses straight %s, resumed %s +"
        + " %s; %d adapter tensors equal bit-for-bit%n", straight.adapterParameters(),
        straight.baseParameters(), straight.result().losses(), first.result().losses(),
        resumed.result().losses(), a.size());

    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel adapted = ModelDirectory.load(base, m).model();
      AdapterFiles.load(adapted, straight.adapterDir(), m);
      MiniMindModel merged = ModelDirectory.load(straight.modelDir(), m).model();
      MiniMindModel plain = ModelDirectory.load(base, m).model();
      float[] expected = logitsOf(adapted, m);
      double mergeError = LoraFixtures.maxDiff(expected, logitsOf(merged, m));
      double moved = LoraFixtures.maxDiff(expected, logitsOf(plain, m));
      System.out.printf("lora run: merged model vs base+adapter max |diff| %.2e (training moved"
          + " logits by %.3f)%n", mergeError, moved);
      assertTrue(mergeError < 1e-5, "merged model differs by " + mergeError);
      assertTrue(moved > 1e-3, "training changed nothing: " + moved);
    }
    // merging the saved adapter into the base again gives the run's merged weights exactly
    LoraMerge.write(base, straight.adapterDir(), tmp.resolve("remerged"));
    Map<String, TensorData> runMerged = SafeTensors.read(straight.modelDir().resolve("model.safetensors"));
    Map<String, TensorData> remerged = SafeTensors.read(tmp.resolve("remerged/model.safetensors"));
    assertEquals(runMerged.keySet(), remerged.keySet());
    runMerged.forEach((k, t) -> assertArrayEquals(t.toFloats(), remerged.get(k).toFloats(), k));
    HfExport.write(straight.modelDir(), tmp.resolve("hf"));
    GgufExport.write(straight.modelDir(), tmp.resolve("merged.gguf"), GgufType.F32);
    assertTrue(Files.isRegularFile(tmp.resolve("hf/model.safetensors")));
    assertTrue(Files.size(tmp.resolve("merged.gguf")) > 0);
  }

  @Test
  void resumeWithOtherLoraSettingsOrWithoutBaseIsRefused(@TempDir Path tmp) throws Exception {
    Path base = baseModel(tmp.resolve("base"));
    Path data = sftData(tmp.resolve("sft.jsonl"));
    LoraRun.run(new LoraRun.Spec(data, tmp.resolve("out"), base, LORA, cfg(2, 2), 0, false),
        ProgressListener.NONE);
    LoraConfig otherRank = new LoraConfig(2, 16, LORA.targets());
    var e = assertThrows(IllegalArgumentException.class, () -> LoraRun.run(new LoraRun.Spec(data,
        tmp.resolve("out"), base, otherRank, cfg(2, 0), 0, true), ProgressListener.NONE));
    assertTrue(e.getMessage().contains("rank=4") && e.getMessage().contains("rank=2"), e.getMessage());
    var noBase = assertThrows(IllegalArgumentException.class, () -> new LoraRun.Spec(data,
        tmp.resolve("x"), null, LORA, cfg(0, 0), 0, false));
    assertTrue(noBase.getMessage().contains("LoRA needs a base model"), noBase.getMessage());
    System.out.println("lora run refusals: " + e.getMessage() + " | " + noBase.getMessage());
  }

  private static float[] logitsOf(MiniMindModel model, NDManager m) {
    long[] ids = {1, 300, 25, 4000, 17, 2, 88, 5000};
    try (NDManager scope = m.newSubManager()) {
      return model.forward(scope.create(ids, new ai.djl.ndarray.types.Shape(1, 8)), null, null, 0,
          false).logits().toFloatArray();
    }
  }
}
