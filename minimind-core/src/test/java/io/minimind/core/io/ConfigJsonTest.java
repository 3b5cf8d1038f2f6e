package io.minimind.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.MiniMindConfig.MoeConfig;
import io.minimind.core.model.MiniMindConfig.RopeScaling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigJsonTest {
  @TempDir Path dir;

  private static MiniMindConfig dense() {
    return new MiniMindConfig(6400, 512, 8, 8, 2, 1408, 32768, 1e-5, 1e6, null, 0.0, 1, 2, true, null);
  }

  private static MiniMindConfig moeYarn() {
    return new MiniMindConfig(6400, 640, 8, 8, 2, 1728, 32768, 1e-5, 1e6,
        RopeScaling.minimindDefault(), 0.1, 1, 2, true, new MoeConfig(2, 4, 1, 0.1, true, true));
  }

  @Test
  void roundTripsThroughAFile() throws IOException {
    for (MiniMindConfig c : new MiniMindConfig[] {dense(), moeYarn()}) {
      Path file = dir.resolve("config.json");
      ConfigJson.write(file, c);
      assertEquals(c, ConfigJson.read(file));
    }
  }

  @Test
  void writesMiniMindFieldNames() {
    JsonObject o = StrictJson.parse(ConfigJson.toJson(moeYarn())).getAsJsonObject();
    assertEquals("[\"MiniMindForCausalLM\"]", o.get("architectures").toString());
    assertEquals("minimind", o.get("model_type").getAsString());
    assertEquals("float32", o.get("torch_dtype").getAsString());
    assertEquals("silu", o.get("hidden_act").getAsString());
    assertEquals("softmax", o.get("scoring_func").getAsString());
    assertTrue(o.get("flash_attn").getAsBoolean());
    assertTrue(o.get("inference_rope_scaling").getAsBoolean());
    assertEquals("{\"type\":\"yarn\",\"factor\":4.0,\"original_max_position_embeddings\":2048,"
        + "\"beta_fast\":4.0,\"beta_slow\":1.0}", o.get("rope_scaling").toString());
    JsonObject d = StrictJson.parse(ConfigJson.toJson(dense())).getAsJsonObject();
    assertTrue(d.get("rope_scaling").isJsonNull(), "rope_scaling written as null");
    assertEquals(false, d.get("use_moe").getAsBoolean());
    assertEquals(4, d.get("n_routed_experts").getAsInt());
  }

  /** Shaped like MiniMind's MiniMindConfig.to_dict() under transformers 4.x. */
  @Test
  void readsMiniMindToDictOutput() {
    String json = """
        {"return_dict": true, "output_hidden_states": false, "torchscript": false,
         "torch_dtype": "bfloat16", "use_bfloat16": false, "tf_legacy_loss": false,
         "pruned_heads": {}, "tie_word_embeddings": true, "chunk_size_feed_forward": 0,
         "is_encoder_decoder": false, "is_decoder": false, "cross_attention_hidden_size": null,
         "add_cross_attention": false, "tie_encoder_decoder": false, "max_length": 20,
         "min_length": 0, "do_sample": false, "early_stopping": false, "num_beams": 1,
         "temperature": 1.0, "top_k": 50, "top_p": 1.0, "bad_words_ids": null,
         "architectures": ["MiniMindForCausalLM"], "finetuning_task": null,
         "id2label": {"0": "LABEL_0", "1": "LABEL_1"}, "label2id": {"LABEL_0": 0, "LABEL_1": 1},
         "tokenizer_class": null, "prefix": null, "bos_token_id": 1, "pad_token_id": null,
         "eos_token_id": 2, "sep_token_id": null, "decoder_start_token_id": null,
         "task_specific_params": null, "problem_type": null, "_name_or_path": "",
         "transformers_version": "4.57.1", "model_type": "minimind",
         "dropout": 0.0, "hidden_act": "silu", "hidden_size": 512, "intermediate_size": null,
         "max_position_embeddings": 32768, "num_attention_heads": 8, "num_hidden_layers": 8,
         "num_key_value_heads": 2, "vocab_size": 6400, "rms_norm_eps": 1e-05,
         "rope_theta": 1000000.0, "inference_rope_scaling": false, "rope_scaling": null,
         "flash_attn": true, "use_moe": false, "num_experts_per_tok": 2, "n_routed_experts": 4,
         "n_shared_experts": 1, "scoring_func": "softmax", "aux_loss_alpha": 0.1,
         "seq_aux": true, "norm_topk_prob": true}""";
    assertEquals(dense(), ConfigJson.parse(json, "minimind/config.json"));
  }

  @Test
  void appliesDefaultsAndInferenceRopeScaling() {
    MiniMindConfig c = ConfigJson.parse("""
        {"vocab_size": 6400, "hidden_size": 512, "num_hidden_layers": 8,
         "num_attention_heads": 8, "inference_rope_scaling": true, "use_moe": true}""", "x");
    assertEquals(dense().intermediateSize(), c.intermediateSize());
    assertEquals(2, c.numKeyValueHeads());
    assertEquals(RopeScaling.minimindDefault(), c.ropeScaling());
    assertEquals(MoeConfig.minimindDefault(), c.moe());
  }

  @Test
  void readsHuggingFaceLlamaConfig() {
    MiniMindConfig c = ConfigJson.parse("""
        {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "vocab_size": 32000,
         "hidden_size": 256, "intermediate_size": 688, "num_hidden_layers": 2,
         "num_attention_heads": 4, "hidden_act": "silu", "attention_bias": false,
         "eos_token_id": [2, 3], "rope_scaling": {"rope_type": "yarn", "factor": 8.0,
         "original_max_position_embeddings": 4096, "beta_fast": 32, "beta_slow": 1}}""", "l");
    assertEquals(4, c.numKeyValueHeads(), "llama default: kv heads = heads");
    assertEquals(1e-6, c.rmsNormEps());
    assertEquals(10000.0, c.ropeTheta());
    assertEquals(false, c.tieWordEmbeddings());
    assertEquals(2, c.eosTokenId());
    assertEquals(new RopeScaling(8.0, 4096, 32, 1), c.ropeScaling());
  }

  @Test
  void errorsNameTheFieldAndTheFile() throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"hidden_size\": \"abc\", \"num_hidden_layers\": 8}");
    var e = assertThrows(CheckpointFormatException.class, () -> ConfigJson.read(file));
    assertEquals(file + ": field \"hidden_size\" must be an integer, got \"abc\"", e.getMessage());

    assertEquals("f: field \"num_attention_heads\" is required but missing",
        error("{\"vocab_size\": 10, \"hidden_size\": 64, \"num_hidden_layers\": 1}"));
    assertEquals("f: field \"use_moe\" must be true or false, got \"yes\"",
        error(base() + ", \"use_moe\": \"yes\"}"));
    assertEquals("f: field \"hidden_act\" is 'gelu'; only silu is supported",
        error(base() + ", \"hidden_act\": \"gelu\"}"));
    assertEquals("f: field \"rope_scaling.rope_type\" is 'llama3'; only yarn (or default) is "
        + "supported", error(base() + ", \"rope_scaling\": {\"rope_type\": \"llama3\"}}"));
    assertEquals("f: field \"intermediate_size\" must be an integer, got 1.5",
        error(base() + ", \"intermediate_size\": 1.5}"));
    assertEquals("f: invalid model config: hidden_size 64 must be divisible by "
        + "num_attention_heads 3", error(base() + ", \"num_attention_heads\": 3}"));
    assertTrue(error("{\"hidden_size\": 64,}").startsWith("f: invalid JSON"));
  }

  @Test
  void ignoresDefaultRopeType() {
    assertNull(ConfigJson.parse(base() + ", \"rope_scaling\": {\"type\": \"default\"}}", "f")
        .ropeScaling());
  }

  private static String base() {
    return "{\"vocab_size\": 10, \"hidden_size\": 64, \"num_hidden_layers\": 1, "
        + "\"num_attention_heads\": 4";
  }

  private static String error(String json) {
    return assertThrows(CheckpointFormatException.class, () -> ConfigJson.parse(json, "f"))
        .getMessage();
  }
}
