package io.minimind.core.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.minimind.core.io.StrictJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * MiniMind's tokenizer: a Hugging Face {@code tokenizer.json} run by DJL's binding of the Rust
 * {@code tokenizers} library, configured as MiniMind uses it: no special tokens added by encode (no
 * automatic BOS), no truncation, no padding. Special-token text such as {@code <|im_start|>} in the
 * input still maps to its single id. Thread-safe; close it to free the native tokenizer.
 */
public final class MiniMindTokenizer implements AutoCloseable {
  private static final String RESOURCE_DIR = "/io/minimind/core/tokenizer/minimind/";
  private static final Map<String, String> OPTIONS =
      Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");

  private final HuggingFaceTokenizer hf;
  private final TokenizerVocab vocab;
  private final String sha256;
  private final String chatTemplate;
  private final int bosId;
  private final int eosId;
  private final int padId;
  private final byte[] tokenizerJson;
  private final byte[] configJson;

  private MiniMindTokenizer(byte[] tokenizerJson, byte[] configJson, String source)
      throws IOException {
    this.tokenizerJson = tokenizerJson.clone();
    this.configJson = configJson == null ? null : configJson.clone();
    this.vocab = TokenizerVocab.parse(new String(tokenizerJson, StandardCharsets.UTF_8), source);
    this.sha256 = sha256(tokenizerJson);
    JsonObject cfg = configJson == null ? new JsonObject()
        : StrictJson.parse(new String(configJson, StandardCharsets.UTF_8)).getAsJsonObject();
    this.chatTemplate = cfg.has("chat_template") && cfg.get("chat_template").isJsonPrimitive()
        ? cfg.get("chat_template").getAsString() : null;
    this.bosId = specialId(cfg, "bos_token", "<|im_start|>", source);
    this.eosId = specialId(cfg, "eos_token", "<|im_end|>", source);
    this.padId = specialId(cfg, "pad_token", "<|endoftext|>", source);
    this.hf = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson), OPTIONS);
  }

  /** Loads {@code dir/tokenizer.json} and, if present, {@code dir/tokenizer_config.json}. */
  public static MiniMindTokenizer load(Path dir) throws IOException {
    Path json = dir.resolve("tokenizer.json");
    if (!Files.isRegularFile(json)) {
      throw new IOException("no tokenizer.json in " + dir);
    }
    Path cfg = dir.resolve("tokenizer_config.json");
    return new MiniMindTokenizer(
        Files.readAllBytes(json), Files.isRegularFile(cfg) ? Files.readAllBytes(cfg) : null,
        dir.toString());
  }

  /** MiniMind's own tokenizer, shipped in this jar (see SOURCE.md next to it). */
  public static MiniMindTokenizer defaultTokenizer() {
    try {
      return new MiniMindTokenizer(resource("tokenizer.json"), resource("tokenizer_config.json"),
          "classpath:" + RESOURCE_DIR);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the bundled MiniMind tokenizer", e);
    }
  }

  /**
   * Writes {@code tokenizer.json} (and {@code tokenizer_config.json} when known) into {@code dir},
   * each atomically, so a model directory carries the exact tokenizer it was trained with.
   */
  public void saveTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    io.minimind.core.io.AtomicFiles.write(dir.resolve("tokenizer.json"), tokenizerJson);
    if (configJson != null) {
      io.minimind.core.io.AtomicFiles.write(dir.resolve("tokenizer_config.json"), configJson);
    }
  }

  /** Token ids of {@code text}; nothing is added (no BOS/EOS). */
  public int[] encode(String text) {
    long[] ids = hf.encode(text, false, false).getIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = (int) ids[i];
    }
    return out;
  }

  /** Decodes, keeping special tokens. Incomplete UTF-8 at either end becomes U+FFFD. */
  public String decode(int[] ids) {
    return decode(ids, false);
  }

  public String decode(int[] ids, boolean skipSpecialTokens) {
    long[] l = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      l[i] = ids[i];
    }
    return hf.decode(l, skipSpecialTokens);
  }

  /** Id of {@code <|im_start|>} (bos_token of tokenizer_config.json). */
  public int bosId() {
    return bosId;
  }

  /** Id of {@code <|im_end|>} (eos_token). */
  public int eosId() {
    return eosId;
  }

  /** Id of {@code <|endoftext|>} (pad_token). */
  public int padId() {
    return padId;
  }

  /** Number of ids: highest id + 1 (6400 for MiniMind). */
  public int vocabSize() {
    return vocab.size();
  }

  /** The Jinja chat template of tokenizer_config.json, or null. */
  public String chatTemplate() {
    return chatTemplate;
  }

  /** Hex SHA-256 of tokenizer.json's bytes: identifies the tokenizer in checkpoints. */
  public String sha256() {
    return sha256;
  }

  /** Id of a vocabulary token in its stored form (e.g. "Ġworld", "<|im_end|>"), or -1. */
  public int tokenToId(String token) {
    return vocab.id(token);
  }

  /** The stored form of token {@code id}, or null. */
  public String idToToken(int id) {
    return vocab.token(id);
  }

  /** UTF-8 length in the original text of token {@code id} (byte-level BPE only). */
  public int tokenByteLength(int id) {
    return vocab.byteLength(id);
  }

  @Override
  public void close() {
    hf.close();
  }

  private int specialId(JsonObject cfg, String field, String dflt, String source) {
    String token = dflt;
    JsonElement e = cfg.get(field);
    if (e != null && e.isJsonPrimitive()) {
      token = e.getAsString();
    } else if (e != null && e.isJsonObject() && e.getAsJsonObject().has("content")) {
      token = e.getAsJsonObject().get("content").getAsString(); // AddedToken dict
    }
    int id = vocab.id(token);
    if (id < 0) {
      throw new IllegalArgumentException(
          source + ": " + field + " '" + token + "' is not in the vocabulary of tokenizer.json");
    }
    return id;
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = MiniMindTokenizer.class.getResourceAsStream(RESOURCE_DIR + name)) {
      if (in == null) {
        throw new IOException("missing resource " + RESOURCE_DIR + name);
      }
      return in.readAllBytes();
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
