package io.minimind.core.export;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.minimind.core.io.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * llama.cpp tokenizer metadata from an HF byte-level BPE {@code tokenizer.json} (MiniMind's
 * layout): {@code tokenizer.ggml.model = gpt2} with the vocabulary by id, token types, merges as
 * "left right" strings, and {@code tokenizer.ggml.pre = gpt-2}, whose pre-tokenizer regex is the
 * GPT-2 one MiniMind's ByteLevel pre-tokenizer uses (llama.cpp's "qwen2" would split digits apart).
 *
 * <p>Token types ({@code llama_token_type}): 1 normal, 3 control (added tokens marked special, e.g.
 * {@code <|im_start|>}), 4 user-defined (other added tokens), 5 unused (ids beyond the tokenizer
 * that pad the model's vocab_size, named {@code [PAD<id>]} as llama.cpp's converter names them).
 */
final class GgufVocab {
  static final int NORMAL = 1;
  static final int CONTROL = 3;
  static final int USER_DEFINED = 4;
  static final int UNUSED = 5;

  private GgufVocab() {}

  /** Adds the tokenizer.* keys to {@code meta}, padding the vocabulary to {@code vocabSize}. */
  static void addMetadata(Map<String, GgufValue> meta, byte[] tokenizerJson,
      byte[] tokenizerConfigJson, int vocabSize) {
    JsonObject root = object(tokenizerJson, "tokenizer.json");
    JsonObject model = root.getAsJsonObject("model");
    if (model == null || !"BPE".equals(str(model, "type")) || !model.has("vocab")) {
      throw new UnsupportedExportException("GGUF export needs a byte-level BPE tokenizer.json");
    }
    String[] tokens = new String[vocabSize];
    int[] types = new int[vocabSize];
    for (Map.Entry<String, JsonElement> e : model.getAsJsonObject("vocab").entrySet()) {
      put(tokens, types, e.getValue().getAsInt(), e.getKey(), NORMAL);
    }
    if (root.has("added_tokens") && root.get("added_tokens").isJsonArray()) {
      for (JsonElement t : root.getAsJsonArray("added_tokens")) {
        JsonObject o = t.getAsJsonObject();
        boolean special = o.has("special") && o.get("special").getAsBoolean();
        put(tokens, types, o.get("id").getAsInt(), o.get("content").getAsString(),
            special ? CONTROL : USER_DEFINED);
      }
    }
    for (int id = 0; id < vocabSize; id++) {
      if (tokens[id] == null) {
        tokens[id] = "[PAD" + id + "]";
        types[id] = UNUSED;
      }
    }
    JsonObject cfg = object(tokenizerConfigJson, "tokenizer_config.json");
    meta.put("tokenizer.ggml.model", GgufValue.string("gpt2"));
    meta.put("tokenizer.ggml.pre", GgufValue.string("gpt-2"));
    meta.put("tokenizer.ggml.tokens", GgufValue.stringArray(List.of(tokens)));
    meta.put("tokenizer.ggml.token_type", GgufValue.int32Array(types));
    meta.put("tokenizer.ggml.merges", GgufValue.stringArray(merges(model)));
    putId(meta, "tokenizer.ggml.bos_token_id", cfg, "bos_token", tokens);
    putId(meta, "tokenizer.ggml.eos_token_id", cfg, "eos_token", tokens);
    putId(meta, "tokenizer.ggml.padding_token_id", cfg, "pad_token", tokens);
    // MiniMind adds no BOS/EOS when encoding; llama.cpp must not either.
    meta.put("tokenizer.ggml.add_bos_token", GgufValue.bool(false));
    meta.put("tokenizer.ggml.add_eos_token", GgufValue.bool(false));
    if (cfg.has("chat_template") && cfg.get("chat_template").isJsonPrimitive()) {
      meta.put("tokenizer.chat_template", GgufValue.string(cfg.get("chat_template").getAsString()));
    }
  }

  /** Id of {@code token} in tokenizer.json (vocabulary or added tokens), or -1. */
  static int idOf(byte[] tokenizerJson, String token) {
    JsonObject root = object(tokenizerJson, "tokenizer.json");
    if (root.has("added_tokens") && root.get("added_tokens").isJsonArray()) {
      for (JsonElement t : root.getAsJsonArray("added_tokens")) {
        if (token.equals(t.getAsJsonObject().get("content").getAsString())) {
          return t.getAsJsonObject().get("id").getAsInt();
        }
      }
    }
    JsonObject vocab = root.getAsJsonObject("model").getAsJsonObject("vocab");
    return vocab != null && vocab.has(token) ? vocab.get(token).getAsInt() : -1;
  }

  private static void put(String[] tokens, int[] types, int id, String token, int type) {
    if (id < 0 || id >= tokens.length) {
      throw new UnsupportedExportException("tokenizer id " + id + " (" + token
          + ") is outside the model's vocab_size " + tokens.length);
    }
    tokens[id] = token;
    types[id] = type;
  }

  /** Merges as "left right"; tokenizer.json holds them as such strings or as [left, right]. */
  static List<String> merges(JsonObject model) {
    List<String> out = new ArrayList<>();
    JsonArray merges = model.has("merges") ? model.getAsJsonArray("merges") : new JsonArray();
    for (JsonElement m : merges) {
      if (m.isJsonArray()) {
        JsonArray pair = m.getAsJsonArray();
        String left = pair.get(0).getAsString();
        String right = pair.get(1).getAsString();
        if (left.contains(" ") || right.contains(" ")) {
          throw new UnsupportedExportException("merge [" + left + ", " + right + "] contains a "
              + "space, which GGUF's \"left right\" merge strings cannot express");
        }
        out.add(left + " " + right);
      } else {
        out.add(m.getAsString());
      }
    }
    return out;
  }

  private static void putId(Map<String, GgufValue> meta, String key, JsonObject cfg, String field,
      String[] tokens) {
    JsonElement e = cfg.get(field);
    String token = e == null || e.isJsonNull() ? null
        : e.isJsonObject() ? str(e.getAsJsonObject(), "content") : e.getAsString();
    if (token == null) {
      return;
    }
    for (int id = 0; id < tokens.length; id++) {
      if (token.equals(tokens[id])) {
        meta.put(key, GgufValue.uint32(id));
        return;
      }
    }
    throw new UnsupportedExportException(field + " '" + token + "' is not in the vocabulary");
  }

  private static String str(JsonObject o, String field) {
    JsonElement e = o.get(field);
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }

  static JsonObject object(byte[] json, String source) {
    JsonElement e = StrictJson.parse(new String(json, StandardCharsets.UTF_8));
    if (!e.isJsonObject()) {
      throw new UnsupportedExportException(source + " is not a JSON object");
    }
    return e.getAsJsonObject();
  }
}
