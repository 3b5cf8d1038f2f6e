package io.minimind.cli;

import ai.djl.ndarray.NDManager;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.minimind.core.checkpoint.ModelDirectory;
import io.minimind.core.export.GreedyTrace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Our side of the llama.cpp comparison: for each prompt of {@code {"prompts": [{"name", "text"
 * [, "ids"]}]}} (ids default to our tokenization of text), greedy-decode {@code steps} tokens with
 * the model the GGUF was exported from and write ids, tokens, all logits of the prompt's last
 * position and the top-10 logits of every step as JSON, the format tools/llama-cpp/compare.mjs
 * reads as its reference.
 */
final class LlamaCppReference {
  private LlamaCppReference() {}

  static void write(Path modelDir, Path promptsFile, int steps, Path out) throws IOException {
    JsonObject prompts = JsonParser.parseString(
        Files.readString(promptsFile, StandardCharsets.UTF_8)).getAsJsonObject();
    JsonArray results = new JsonArray();
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ModelDirectory.Loaded loaded = ModelDirectory.load(modelDir, manager);
      try (var model = loaded.model(); var tok = loaded.tokenizer()) {
        for (JsonElement e : prompts.getAsJsonArray("prompts")) {
          JsonObject p = e.getAsJsonObject();
          String text = p.get("text").getAsString();
          int[] ids = p.has("ids") ? ints(p.getAsJsonArray("ids")) : tok.encode(text);
          GreedyTrace t = GreedyTrace.run(model, manager, ids, steps, 10);
          JsonObject r = new JsonObject();
          r.addProperty("name", p.has("name") ? p.get("name").getAsString() : text);
          r.addProperty("text", text);
          r.add("ids", array(ids));
          r.add("tokens", array(t.tokens()));
          r.addProperty("continuation", tok.decode(t.tokens()));
          r.add("first_logits", array(t.firstLogits()));
          JsonArray top = new JsonArray();
          for (GreedyTrace.Top s : t.top()) {
            JsonObject o = new JsonObject();
            o.add("ids", array(s.ids()));
            o.add("logits", array(s.logits()));
            top.add(o);
          }
          r.add("top", top);
          results.add(r);
        }
      }
    }
    JsonObject root = new JsonObject();
    root.addProperty("model", modelDir.toString());
    root.addProperty("steps", steps);
    root.add("prompts", results);
    String json = new GsonBuilder().disableHtmlEscaping().create().toJson(root) + "\n";
    if (out == null) {
      System.out.print(json);
    } else {
      Files.writeString(out, json, StandardCharsets.UTF_8);
      System.err.println("reference: " + results.size() + " prompts -> " + out);
    }
  }

  private static int[] ints(JsonArray a) {
    int[] v = new int[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).getAsInt();
    }
    return v;
  }

  private static JsonArray array(int[] v) {
    JsonArray a = new JsonArray();
    for (int x : v) {
      a.add(x);
    }
    return a;
  }

  private static JsonArray array(float[] v) {
    JsonArray a = new JsonArray();
    for (float x : v) {
      a.add(x);
    }
    return a;
  }
}
