package io.minimind.core.tokenizer.bpe;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.minimind.core.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a {@link BpeModel} as HF files, each atomically: {@code tokenizer.json} laid out like
 * MiniMind's (specials as {@code added_tokens} with {@code special=true}, no normalizer, ByteLevel
 * pre-tokenizer without prefix space, ByteLevel decoder, no post-processor, model {@code BPE} with
 * {@code vocab} and {@code merges} as {@code [left, right]} pairs) and {@code
 * tokenizer_config.json} (MiniMind's chat template and bos/eos/pad/unk settings, with {@code
 * added_tokens_decoder} for this model's specials).
 */
public final class TokenizerFiles {
  private static final String MINIMIND_CONFIG = "/io/minimind/core/tokenizer/minimind/tokenizer_config.json";
  private static final Gson GSON =
      new GsonBuilder().serializeNulls().disableHtmlEscaping().setPrettyPrinting().create();

  private TokenizerFiles() {}

  /** Writes both files into {@code dir} (created if missing). */
  public static void write(BpeModel model, Path dir) throws IOException {
    AtomicFiles.write(dir.resolve("tokenizer.json"), bytes(tokenizerJson(model)));
    AtomicFiles.write(dir.resolve("tokenizer_config.json"), bytes(tokenizerConfig(model)));
  }

  static JsonObject tokenizerJson(BpeModel model) {
    JsonObject root = new JsonObject();
    root.addProperty("version", "1.0");
    root.add("truncation", JsonNull.INSTANCE);
    root.add("padding", JsonNull.INSTANCE);
    JsonArray added = new JsonArray();
    for (int id = 0; id < model.specialCount(); id++) {
      JsonObject t = new JsonObject();
      t.addProperty("id", id);
      t.addProperty("content", model.vocab().get(id));
      t.addProperty("single_word", false);
      t.addProperty("lstrip", false);
      t.addProperty("rstrip", false);
      t.addProperty("normalized", false);
      t.addProperty("special", true);
      added.add(t);
    }
    root.add("added_tokens", added);
    root.add("normalizer", JsonNull.INSTANCE);
    root.add("pre_tokenizer", byteLevel(false));
    root.add("post_processor", JsonNull.INSTANCE);
    root.add("decoder", byteLevel(true));
    JsonObject m = new JsonObject();
    m.addProperty("type", "BPE");
    m.add("dropout", JsonNull.INSTANCE);
    m.add("unk_token", JsonNull.INSTANCE);
    m.add("continuing_subword_prefix", JsonNull.INSTANCE);
    m.add("end_of_word_suffix", JsonNull.INSTANCE);
    m.addProperty("fuse_unk", false);
    m.addProperty("byte_fallback", false);
    m.addProperty("ignore_merges", false);
    JsonObject vocab = new JsonObject();
    for (int id = 0; id < model.vocab().size(); id++) {
      vocab.addProperty(model.vocab().get(id), id);
    }
    m.add("vocab", vocab);
    JsonArray merges = new JsonArray();
    for (BpeModel.Merge mg : model.merges()) {
      JsonArray pair = new JsonArray();
      pair.add(mg.left());
      pair.add(mg.right());
      merges.add(pair);
    }
    m.add("merges", merges);
    root.add("model", m);
    return root;
  }

  private static JsonObject byteLevel(boolean addPrefixSpace) {
    // MiniMind's decoder says add_prefix_space=true (HF's default, ignored when decoding).
    JsonObject o = new JsonObject();
    o.addProperty("type", "ByteLevel");
    o.addProperty("add_prefix_space", addPrefixSpace);
    o.addProperty("trim_offsets", true);
    o.addProperty("use_regex", true);
    return o;
  }

  static JsonObject tokenizerConfig(BpeModel model) throws IOException {
    JsonObject cfg;
    try (InputStream in = TokenizerFiles.class.getResourceAsStream(MINIMIND_CONFIG)) {
      if (in == null) {
        throw new IOException("missing resource " + MINIMIND_CONFIG);
      }
      cfg = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .getAsJsonObject();
    }
    JsonObject decoder = new JsonObject();
    JsonArray extra = new JsonArray();
    for (int id = 0; id < model.specialCount(); id++) {
      String content = model.vocab().get(id);
      JsonObject t = new JsonObject();
      t.addProperty("content", content);
      t.addProperty("lstrip", false);
      t.addProperty("normalized", false);
      t.addProperty("rstrip", false);
      t.addProperty("single_word", false);
      t.addProperty("special", true);
      decoder.add(Integer.toString(id), t);
      if (!BpeTrainerConfig.MINIMIND_SPECIALS.contains(content)) {
        extra.add(content);
      }
    }
    JsonObject out = new JsonObject();
    for (var e : cfg.entrySet()) {
      JsonElement v = e.getValue();
      switch (e.getKey()) {
        case "added_tokens_decoder" -> out.add(e.getKey(), decoder);
        case "additional_special_tokens" -> out.add(e.getKey(), extra);
        default -> out.add(e.getKey(), v);
      }
    }
    return out;
  }

  private static byte[] bytes(JsonObject o) {
    return (GSON.toJson(o) + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
