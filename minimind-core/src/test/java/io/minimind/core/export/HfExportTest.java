package io.minimind.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.minimind.core.io.ConfigJson;
import io.minimind.core.io.SafeTensors;
import io.minimind.core.model.MiniMindConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfExportTest {
  @TempDir Path tmp;

  private static JsonObject json(Path file) throws IOException {
    return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
  }

  @Test
  void denseModelExportsAsLlamaAndReloadsWithIdenticalLogits() throws IOException {
    MiniMindConfig c = ExportFixtures.tinyConfig();
    Path model = ExportFixtures.saveRandom(c, tmp.resolve("model"), 5);
    Path out = tmp.resolve("hf");
    HfExport.write(model, out);

    for (String f : new String[] {"config.json", "model.safetensors", "generation_config.json",
        "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"}) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
    JsonObject cfg = json(out.resolve("config.json"));
    assertEquals("llama", cfg.get("model_type").getAsString());
    assertEquals("LlamaForCausalLM", cfg.getAsJsonArray("architectures").get(0).getAsString());
    assertEquals(16, cfg.get("head_dim").getAsInt());
    assertEquals(2, cfg.get("num_key_value_heads").getAsInt());
    assertEquals(1e-5, cfg.get("rms_norm_eps").getAsDouble());
    assertEquals(1e6, cfg.get("rope_theta").getAsDouble());
    assertTrue(cfg.get("tie_word_embeddings").getAsBoolean());
    assertTrue(cfg.get("rope_scaling").isJsonNull());
    assertEquals(c, ConfigJson.read(out.resolve("config.json")));
    assertTrue(json(out.resolve("tokenizer_config.json")).has("chat_template"));
    JsonObject special = json(out.resolve("special_tokens_map.json"));
    assertEquals("<|im_end|>", special.get("eos_token").getAsString());
    assertEquals(0, json(out.resolve("generation_config.json")).get("pad_token_id").getAsInt());
    var tensors = SafeTensors.read(out.resolve("model.safetensors"));
    assertTrue(tensors.containsKey("lm_head.weight"));
    assertTrue(tensors.containsKey("model.layers.1.self_attn.q_proj.weight"));
    assertTrue(tensors.containsKey("model.layers.1.mlp.gate_proj.weight"));

    long[] ids = {1, 20, 300, 4000, 55, 6, 2};
    float[] before = ExportFixtures.logits(model, ids);
    float[] after = ExportFixtures.logits(out, ids);
    assertEquals(before.length, after.length);
    for (int i = 0; i < before.length; i++) {
      assertEquals(before[i], after[i], 1e-6, "logit " + i);
    }
    assertFalse(Files.list(tmp).anyMatch(p -> p.getFileName().toString().startsWith(".hf.tmp")));
  }

  @Test
  void moeModelKeepsMiniMindsOwnFormat() throws IOException {
    MiniMindConfig c = ExportFixtures.tinyConfig("use_moe=true");
    Path model = ExportFixtures.saveRandom(c, tmp.resolve("moe"), 6);
    Path out = tmp.resolve("moe-hf");
    HfExport.write(model, out);
    JsonObject cfg = json(out.resolve("config.json"));
    assertEquals("minimind", cfg.get("model_type").getAsString());
    assertEquals("MiniMindForCausalLM", cfg.getAsJsonArray("architectures").get(0).getAsString());
    long[] ids = {1, 7, 8, 9};
    float[] before = ExportFixtures.logits(model, ids);
    float[] after = ExportFixtures.logits(out, ids);
    for (int i = 0; i < before.length; i++) {
      assertEquals(before[i], after[i], 1e-6);
    }
  }

  @Test
  void activeYarnIsRefusedButInactiveYarnExportsAsPlainRope() throws IOException {
    MiniMindConfig yarn = ExportFixtures.tinyConfig("yarn=true", "max_position_embeddings=256",
        "rope_scaling.original_max_position_embeddings=64");
    Path model = ExportFixtures.saveRandom(yarn, tmp.resolve("yarn"), 7);
    UnsupportedExportException e = assertThrows(UnsupportedExportException.class,
        () -> HfExport.write(model, tmp.resolve("yarn-hf")));
    assertTrue(e.getMessage().contains("YaRN"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("yarn-hf")));

    MiniMindConfig inactive = ExportFixtures.tinyConfig("yarn=true");
    Path model2 = ExportFixtures.saveRandom(inactive, tmp.resolve("yarn2"), 8);
    HfExport.write(model2, tmp.resolve("yarn2-hf"));
    long[] ids = {1, 2, 3};
    float[] before = ExportFixtures.logits(model2, ids);
    float[] after = ExportFixtures.logits(tmp.resolve("yarn2-hf"), ids);
    for (int i = 0; i < before.length; i++) {
      assertEquals(before[i], after[i], 1e-6);
    }
  }

  @Test
  void refusesMissingModelAndNonEmptyTarget() throws IOException {
    assertThrows(IOException.class, () -> HfExport.write(tmp.resolve("nope"), tmp.resolve("o")));
    Files.createDirectories(tmp.resolve("empty"));
    assertThrows(io.minimind.core.io.CheckpointFormatException.class,
        () -> HfExport.write(tmp.resolve("empty"), tmp.resolve("o")));
    Path model = ExportFixtures.saveRandom(ExportFixtures.tinyConfig(), tmp.resolve("m"), 9);
    Files.createDirectories(tmp.resolve("busy"));
    Files.writeString(tmp.resolve("busy/x"), "x");
    assertThrows(IOException.class, () -> HfExport.write(model, tmp.resolve("busy")));
  }
}
