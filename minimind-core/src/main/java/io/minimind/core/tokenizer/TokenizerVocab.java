package io.minimind.core.tokenizer;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import io.minimind.core.io.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The id/token tables of a {@code tokenizer.json} (model vocabulary plus added tokens), which the
 * DJL binding does not expose, and the byte length of each token in the original text.
 */
final class TokenizerVocab {
  private final String[] tokens;
  private final boolean[] added;
  private final Map<String, Integer> ids;
  private final boolean byteLevel;

  private TokenizerVocab(String[] tokens, boolean[] added, Map<String, Integer> ids, boolean bl) {
    this.tokens = tokens;
    this.added = added;
    this.ids = ids;
    this.byteLevel = bl;
  }

  static TokenizerVocab parse(String json, String source) {
    JsonObject root;
    try {
      root = StrictJson.parse(json).getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new IllegalArgumentException(source + ": tokenizer.json is not a JSON object: "
          + e.getMessage(), e);
    }
    Map<String, Integer> ids = new HashMap<>();
    Map<Integer, String> addedTokens = new HashMap<>();
    JsonObject model = root.getAsJsonObject("model");
    if (model == null || !model.has("vocab") || !model.get("vocab").isJsonObject()) {
      throw new IllegalArgumentException(source + ": tokenizer.json has no model.vocab object");
    }
    for (Map.Entry<String, JsonElement> e : model.getAsJsonObject("vocab").entrySet()) {
      ids.put(e.getKey(), e.getValue().getAsInt());
    }
    if (root.has("added_tokens") && root.get("added_tokens").isJsonArray()) {
      for (JsonElement t : root.getAsJsonArray("added_tokens")) {
        JsonObject o = t.getAsJsonObject();
        String content = o.get("content").getAsString();
        ids.put(content, o.get("id").getAsInt());
        addedTokens.put(o.get("id").getAsInt(), content);
      }
    }
    int size = 0;
    for (int id : ids.values()) {
      size = Math.max(size, id + 1);
    }
    String[] tokens = new String[size];
    boolean[] added = new boolean[size];
    ids.forEach((token, id) -> tokens[id] = token);
    addedTokens.forEach((id, content) -> {
      tokens[id] = content;
      added[id] = true;
    });
    boolean byteLevel = isType(root, "pre_tokenizer", "ByteLevel") && isType(root, "decoder", "ByteLevel");
    return new TokenizerVocab(tokens, added, Map.copyOf(ids), byteLevel);
  }

  private static boolean isType(JsonObject root, String field, String type) {
    JsonElement e = root.get(field);
    return e != null && e.isJsonObject() && e.getAsJsonObject().has("type")
        && type.equals(e.getAsJsonObject().get("type").getAsString());
  }

  int size() {
    return tokens.length;
  }

  /** The id of a vocabulary or added token, or -1. */
  int id(String token) {
    Integer id = ids.get(token);
    return id == null ? -1 : id;
  }

  /** The token string (byte-level form, e.g. "Ġworld") or null for an unused id. */
  String token(int id) {
    return id >= 0 && id < tokens.length ? tokens[id] : null;
  }

  boolean isAdded(int id) {
    return id >= 0 && id < added.length && added[id];
  }

  /**
   * UTF-8 bytes of the original text that token {@code id} stands for. In byte-level BPE each
   * character of a vocabulary token encodes exactly one byte; an added token is its own text.
   */
  int byteLength(int id) {
    if (!byteLevel) {
      throw new IllegalArgumentException("SFT loss masks need a byte-level BPE tokenizer (as MiniMind's);"
          + " this tokenizer.json has no ByteLevel pre-tokenizer or decoder");
    }
    String t = token(id);
    if (t == null) {
      throw new IllegalArgumentException("token id " + id + " is not in the vocabulary");
    }
    return added[id] ? t.getBytes(StandardCharsets.UTF_8).length : t.length();
  }
}
