package io.minimind.core.export;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.minimind.core.checkpoint.Checkpoints;
import io.minimind.core.io.AtomicFiles;
import io.minimind.core.io.ConfigJson;
import io.minimind.core.io.SafeTensors;
import io.minimind.core.model.MiniMindConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports a model directory as a Hugging Face Transformers directory: {@code config.json}, {@code
 * model.safetensors} (float32), {@code generation_config.json}, {@code tokenizer.json}, {@code
 * tokenizer_config.json} (with the chat template) and {@code special_tokens_map.json}.
 *
 * <p>Dense models become {@code LlamaForCausalLM} (see {@link HfConfig}) and load with plain
 * {@code AutoModelForCausalLM.from_pretrained}. MiniMind's state-dict names already are HF Llama's
 * ({@code model.embed_tokens.weight}, {@code model.layers.N.self_attn.q_proj.weight}, ..., {@code
 * model.norm.weight}), so tensors are written unchanged; {@code lm_head.weight} is written even
 * when tied, as HF checkpoints carry it. No q/k permutation: HF Llama uses rotate-half RoPE too.
 *
 * <p>MoE models do not map onto Llama (router + routed and shared experts), so they are exported
 * in MiniMind's own format ({@code MiniMindForCausalLM}, {@code model_type: minimind}); loading
 * them in Transformers needs MiniMind's {@code model_minimind.py} and {@code
 * trust_remote_code=True}. Models with active YaRN are refused for Llama (see {@link
 * RopeCompatibility}).
 *
 * <p>The directory is written to a temporary sibling and renamed into place, so {@code outDir}
 * either does not exist or is complete. An existing non-empty {@code outDir} is refused.
 */
public final class HfExport {
  private static final Logger LOG = LoggerFactory.getLogger(HfExport.class);

  private HfExport() {}

  /** Reads {@code modelDir} and writes the HF directory {@code outDir}. */
  public static void write(Path modelDir, Path outDir) throws IOException {
    Path out = outDir.toAbsolutePath().normalize();
    requireFree(out);
    ExportSource src = ExportSource.load(modelDir);
    MiniMindConfig c = src.config();
    if (!c.useMoe()) {
      RopeCompatibility.requirePlainRope(c, "Hugging Face Llama");
    }
    Files.createDirectories(out.getParent());
    Path tmp = out.resolveSibling("." + out.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      Files.createDirectories(tmp);
      writeFiles(src, tmp);
      Files.deleteIfExists(out); // an empty directory only (checked above)
      Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      if (Files.exists(tmp)) {
        deleteTree(tmp);
      }
    }
    LOG.info("exported {} to {} ({})", modelDir, out,
        c.useMoe() ? "MiniMindForCausalLM: MoE has no Llama equivalent; load with "
            + "trust_remote_code=True and MiniMind's model_minimind.py" : "LlamaForCausalLM");
  }

  private static void writeFiles(ExportSource src, Path dir) throws IOException {
    MiniMindConfig c = src.config();
    JsonObject tokCfg = GgufVocab.object(src.tokenizerConfigJson(), "tokenizer_config.json");
    int pad = tokenId(src, tokCfg.get("pad_token"));
    String config = c.useMoe() ? ConfigJson.toJson(c) : HfConfig.llamaJson(c, pad);
    utf8(dir.resolve(Checkpoints.CONFIG_FILE), config);
    SafeTensors.write(dir.resolve(Checkpoints.MODEL_FILE), new ArrayList<>(src.weights().values()),
        Map.of("format", "pt"));
    utf8(dir.resolve("generation_config.json"), HfConfig.generationJson(c, pad));
    AtomicFiles.write(dir.resolve("tokenizer.json"), src.tokenizerJson());
    AtomicFiles.write(dir.resolve("tokenizer_config.json"), src.tokenizerConfigJson());
    if (!tokCfg.has("chat_template")) {
      LOG.warn("tokenizer_config.json has no chat_template; chat UIs will need one");
    }
    utf8(dir.resolve("special_tokens_map.json"), HfConfig.pretty(specialTokensMap(tokCfg)));
  }

  /** bos/eos/pad/unk and additional special tokens, as tokenizer_config.json names them. */
  static JsonObject specialTokensMap(JsonObject tokCfg) {
    JsonObject o = new JsonObject();
    for (String k : new String[] {"bos_token", "eos_token", "pad_token", "unk_token"}) {
      JsonElement e = tokCfg.get(k);
      if (e != null && !e.isJsonNull()) {
        o.add(k, e.isJsonObject() ? e.getAsJsonObject().get("content") : e);
      }
    }
    JsonElement extra = tokCfg.get("additional_special_tokens");
    if (extra != null && extra.isJsonArray() && extra.getAsJsonArray().size() > 0) {
      o.add("additional_special_tokens", extra.deepCopy());
    } else {
      o.add("additional_special_tokens", new JsonArray());
    }
    return o;
  }

  private static int tokenId(ExportSource src, JsonElement token) {
    if (token == null || token.isJsonNull()) {
      return -1;
    }
    String t = token.isJsonObject() ? token.getAsJsonObject().get("content").getAsString()
        : token.getAsString();
    return GgufVocab.idOf(src.tokenizerJson(), t);
  }

  private static void requireFree(Path out) throws IOException {
    if (Files.isRegularFile(out)) {
      throw new IOException(out + " is a file; --out must be a new directory");
    }
    if (Files.isDirectory(out)) {
      try (Stream<Path> s = Files.list(out)) {
        if (s.findAny().isPresent()) {
          throw new IOException(out + " already exists and is not empty; choose a new --out");
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void utf8(Path file, String text) throws IOException {
    AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
  }
}
