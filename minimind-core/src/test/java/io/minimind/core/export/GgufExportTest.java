package io.minimind.core.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minimind.core.io.SafeTensors;
import io.minimind.core.io.TensorData;
import io.minimind.core.model.MiniMindConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufExportTest {
  @TempDir static Path tmp;
  static Path model;
  static MiniMindConfig config;
  static Map<String, TensorData> weights;

  @BeforeAll
  static void saveModel() throws IOException {
    config = ExportFixtures.tinyConfig();
    model = ExportFixtures.saveRandom(config, tmp.resolve("model"), 3);
    weights = SafeTensors.read(model.resolve("model.safetensors"));
  }

  @Test
  void f32ExportHasLlamaMetadataAndPermutedQk() throws IOException {
    Path file = tmp.resolve("m-f32.gguf");
    GgufExport.write(model, file, GgufType.F32);
    GgufReader r = GgufReader.open(file);
    Map<String, GgufValue> m = r.metadata();
    assertEquals("llama", m.get("general.architecture").asString());
    assertEquals(0, m.get("general.file_type").asLong());
    assertEquals(64, m.get("llama.embedding_length").asLong());
    assertEquals(2, m.get("llama.block_count").asLong());
    assertEquals(config.intermediateSize(), m.get("llama.feed_forward_length").asLong());
    assertEquals(4, m.get("llama.attention.head_count").asLong());
    assertEquals(2, m.get("llama.attention.head_count_kv").asLong());
    assertEquals(16, m.get("llama.rope.dimension_count").asLong());
    assertEquals(1e6, m.get("llama.rope.freq_base").asDouble());
    assertEquals(1e-5f, (float) m.get("llama.attention.layer_norm_rms_epsilon").asDouble());
    assertEquals(128, m.get("llama.context_length").asLong());
    assertEquals("gpt2", m.get("tokenizer.ggml.model").asString());
    assertEquals("gpt-2", m.get("tokenizer.ggml.pre").asString());
    assertEquals(6400, m.get("tokenizer.ggml.tokens").asList().size());
    assertEquals("<|im_start|>", m.get("tokenizer.ggml.tokens").asList().get(1));
    assertEquals(3L, m.get("tokenizer.ggml.token_type").asList().get(2));
    assertEquals(1L, m.get("tokenizer.ggml.token_type").asList().get(300));
    assertEquals("Ġ t", m.get("tokenizer.ggml.merges").asList().get(0));
    assertEquals(1, m.get("tokenizer.ggml.bos_token_id").asLong());
    assertEquals(2, m.get("tokenizer.ggml.eos_token_id").asLong());
    assertEquals(0, m.get("tokenizer.ggml.padding_token_id").asLong());
    assertFalse(m.get("tokenizer.ggml.add_bos_token").asBool());
    assertTrue(m.get("tokenizer.chat_template").asString().contains("<|im_start|>"));

    assertEquals(1 + 2 * 9 + 1, r.tensors().size());
    assertFalse(r.tensors().containsKey("output.weight"), "tied embeddings: no output.weight");
    assertArrayEquals(new long[] {6400, 64}, r.tensors().get("token_embd.weight").shape());
    assertArrayEquals(floats("model.embed_tokens.weight"), r.floats("token_embd.weight"));
    assertArrayEquals(floats("model.layers.1.self_attn.v_proj.weight"),
        r.floats("blk.1.attn_v.weight"));
    assertArrayEquals(floats("model.layers.0.mlp.down_proj.weight"),
        r.floats("blk.0.ffn_down.weight"));
    assertArrayEquals(floats("model.norm.weight"), r.floats("output_norm.weight"));
    float[] q = r.floats("blk.0.attn_q.weight");
    float[] k = r.floats("blk.0.attn_k.weight");
    assertArrayEquals(floats("model.layers.0.self_attn.q_proj.weight"),
        QkPermutation.unpermute(q, 4, 64));
    assertArrayEquals(floats("model.layers.0.self_attn.k_proj.weight"),
        QkPermutation.unpermute(k, 2, 64));
    assertArrayEquals(QkPermutation.permute(floats("model.layers.0.self_attn.k_proj.weight"), 2, 64), k);
  }

  @Test
  void q80AndF16KeepNormsInF32() throws IOException {
    for (GgufType type : new GgufType[] {GgufType.F16, GgufType.Q8_0}) {
      Path file = tmp.resolve("m-" + type + ".gguf");
      GgufExport.write(model, file, type);
      GgufReader r = GgufReader.open(file);
      assertEquals(type.fileType(), r.metadata().get("general.file_type").asLong());
      assertEquals(GgmlType.F32, r.tensors().get("blk.0.attn_norm.weight").type());
      assertEquals(GgmlType.F32, r.tensors().get("output_norm.weight").type());
      assertEquals(type.matrixType(), r.tensors().get("blk.1.ffn_up.weight").type());
      assertEquals(type.matrixType(), r.tensors().get("token_embd.weight").type());
      float[] want = floats("model.layers.1.mlp.up_proj.weight");
      float[] got = r.floats("blk.1.ffn_up.weight");
      double maxErr = 0;
      for (int i = 0; i < want.length; i++) {
        maxErr = Math.max(maxErr, Math.abs(want[i] - got[i]));
      }
      assertTrue(maxErr < (type == GgufType.F16 ? 1e-3 : 2e-3), type + ": " + maxErr);
    }
  }

  @Test
  void refusesMoeAndActiveYarn() throws IOException {
    Path moe = ExportFixtures.saveRandom(ExportFixtures.tinyConfig("use_moe=true"),
        tmp.resolve("moe"), 4);
    UnsupportedExportException e = assertThrows(UnsupportedExportException.class,
        () -> GgufExport.write(moe, tmp.resolve("moe.gguf"), GgufType.F32));
    assertTrue(e.getMessage().contains("dense"), e.getMessage());
    Path yarn = ExportFixtures.saveRandom(ExportFixtures.tinyConfig("yarn=true",
        "max_position_embeddings=256", "rope_scaling.original_max_position_embeddings=64"),
        tmp.resolve("yarn"), 5);
    assertThrows(UnsupportedExportException.class,
        () -> GgufExport.write(yarn, tmp.resolve("yarn.gguf"), GgufType.F32));
    assertFalse(Files.exists(tmp.resolve("moe.gguf")));
  }

  private static float[] floats(String name) {
    return weights.get(name).toFloats();
  }
}
