package io.minimind.core.lora;

import static io.minimind.core.lora.LoraFixtures.logits;
import static io.minimind.core.lora.LoraFixtures.model;
import static io.minimind.core.lora.LoraFixtures.tiny;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.minimind.core.checkpoint.Checkpoints;
import io.minimind.core.io.CheckpointFormatException;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.train.ProgressListener;
import io.minimind.core.train.RunIdentity;
import io.minimind.core.train.TrainConfig;
import io.minimind.core.train.TrainResult;
import io.minimind.core.train.Trainer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training only the adapters, and the adapter files. */
class LoraTrainingTest {
  static final RunIdentity ID = new RunIdentity("lora", "random", "tok", 0);
  static final LoraConfig CONFIG =
      new LoraConfig(4, 8, List.of(LoraTarget.Q, LoraTarget.V, LoraTarget.O, LoraTarget.DOWN));

  static TrainConfig steps(long n) {
    return new TrainConfig(100, 4, 1e-2, 32, 1, 1.0, 0.01, 0, 1, 11, true, n, 0, 2);
  }

  @Test
  void onlyTheAdaptersChange(@TempDir Path tmp) throws Exception {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = model(m, tiny(false), 7);
      Map<String, float[]> before = LoraFixtures.snapshot(model);
      LoraAdapters adapters = LoraAdapters.attach(model, CONFIG, m);
      Map<String, float[]> adaptersBefore = values(adapters.parameters());
      TrainResult r = new Trainer(model, LoraFixtures.randomData(16, 1), steps(8), ID,
          new Checkpoints(tmp), ProgressListener.NONE, adapters).run(m, false);
      Map<String, float[]> after = LoraFixtures.snapshot(model);
      int changedAdapters = 0;
      for (Map.Entry<String, float[]> e : values(adapters.parameters()).entrySet()) {
        if (!java.util.Arrays.equals(adaptersBefore.get(e.getKey()), e.getValue())) {
          changedAdapters++;
        }
      }
      for (Map.Entry<String, Parameter> e : model.parameters().entrySet()) {
        assertFalse(e.getValue().getArray().hasGradient(), e.getKey() + " records a gradient");
        assertArrayEquals(before.get(e.getKey()), after.get(e.getKey()), e.getKey() + " changed");
      }
      System.out.printf("lora training: loss %.4f -> %.4f over %d steps; %d/%d adapter tensors"
          + " changed, %d base tensors bit-for-bit unchanged%n", r.losses().get(0), r.finalLoss(),
          r.stepsDone(), changedAdapters, adapters.parameters().size(), before.size());
      assertEquals(adapters.parameters().size(), changedAdapters, "every A and B trains");
      assertTrue(r.finalLoss() < r.losses().get(0), "the adapters learn something");
    }
  }

  @Test
  void adaptersRoundTripThroughTheirDirectory(@TempDir Path tmp) throws Exception {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel trained = model(m, tiny(false), 8);
      LoraAdapters adapters = LoraAdapters.attach(trained, CONFIG, m);
      LoraFixtures.randomizeB(adapters, m);
      float[] expected = logits(trained, m);
      AdapterFiles.save(adapters, tmp.resolve("adapter"));
      for (String f : List.of("adapter_model.safetensors", "lora.json", "adapter_config.json")) {
        assertTrue(Files.isRegularFile(tmp.resolve("adapter").resolve(f)), f);
      }
      MiniMindModel fresh = model(m, tiny(false), 8); // the same base, no adapters
      LoraAdapters loaded = AdapterFiles.load(fresh, tmp.resolve("adapter"), m);
      assertEquals(CONFIG, loaded.config());
      assertArrayEquals(expected, logits(fresh, m));
      Map<String, float[]> a = values(adapters.parameters());
      values(loaded.parameters()).forEach((k, v) -> assertArrayEquals(a.get(k), v, k));
      System.out.println("lora round trip: " + loaded.parameters().size() + " tensors, logits equal;"
          + " lora.json: " + Files.readString(tmp.resolve("adapter/lora.json")).replaceAll("\\s+", " "));
    }
  }

  @Test
  void adaptersForAnotherBaseOrShapeAreRefused(@TempDir Path tmp) throws Exception {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      LoraAdapters adapters = LoraAdapters.attach(model(m, tiny(false), 9), CONFIG, m);
      Path dir = tmp.resolve("adapter");
      AdapterFiles.save(adapters, dir);

      MiniMindModel otherWeights = model(m, tiny(false), 10);
      var e1 = assertThrows(CheckpointFormatException.class, () -> AdapterFiles.load(otherWeights, dir, m));
      assertTrue(e1.getMessage().contains("were trained on a different base model"), e1.getMessage());
      assertTrue(otherWeights.adapters().isEmpty(), "a refused load leaves no adapters behind");
      assertTrue(otherWeights.parameters().values().stream().allMatch(Parameter::requiresGradient));

      // lora.json edited to rank 2: the tensors no longer fit the declared shape
      Path lora = dir.resolve("lora.json");
      Files.writeString(lora, Files.readString(lora).replace("\"rank\": 4", "\"rank\": 2"));
      MiniMindModel sameBase = model(m, tiny(false), 9);
      var e2 = assertThrows(CheckpointFormatException.class, () -> AdapterFiles.load(sameBase, dir, m));
      assertTrue(e2.getMessage().contains("q_proj.lora_A.weight' has shape [4, 64], expected [2, 64]"),
          e2.getMessage());

      // targets edited: the file lacks the tensors of k and has unexpected ones of down
      Files.writeString(lora, Files.readString(lora).replace("\"rank\": 2", "\"rank\": 4")
          .replace("\"down\"", "\"k\""));
      var e3 = assertThrows(CheckpointFormatException.class, () -> AdapterFiles.load(sameBase, dir, m));
      assertTrue(e3.getMessage().contains("missing tensors [base_model.model.model.layers.0.self_attn.k_proj.lora_A.weight"),
          e3.getMessage());
      assertTrue(e3.getMessage().contains("unexpected tensors [base_model.model.model.layers.0.mlp.down_proj"),
          e3.getMessage());

      Files.writeString(lora, "{\"format_version\": 1, \"rank\": 0, \"alpha\": 16, \"targets\": [\"q\"],"
          + " \"base_model\": {}}", StandardCharsets.UTF_8);
      var e4 = assertThrows(CheckpointFormatException.class, () -> AdapterFiles.load(sameBase, dir, m));
      assertTrue(e4.getMessage().contains("lora.json: LoRA rank must be >= 1"), e4.getMessage());
      var e5 = assertThrows(CheckpointFormatException.class, () -> AdapterFiles.load(sameBase, tmp, m));
      assertTrue(e5.getMessage().contains("is not a LoRA adapter directory"), e5.getMessage());
      System.out.println("lora refusals:\n  " + e1.getMessage() + "\n  " + e2.getMessage() + "\n  "
          + e3.getMessage() + "\n  " + e4.getMessage());
    }
  }

  static Map<String, float[]> values(Map<String, Parameter> params) {
    Map<String, float[]> out = new java.util.LinkedHashMap<>();
    params.forEach((k, p) -> out.put(k, p.getArray().toFloatArray()));
    return out;
  }
}
