package io.minimind.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The chat templates and special tokens of a {@code tokenizer_config.json}. {@code chat_template}
 * is either one string or a list of {@code {"name", "template"}} (e.g. "default", "tool_use",
 * "rag"); as in transformers, the "default" one is used unless a name is asked for.
 *
 * @param templates by name; a single template is stored as "default"
 * @param specialTokens bos_token, eos_token, unk_token, pad_token... as strings
 */
public record TokenizerConfigTemplates(
    Map<String, String> templates, Map<String, Object> specialTokens) {
  private static final String[] TOKEN_KEYS = {
    "bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"
  };

  public static TokenizerConfigTemplates parse(String json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("tokenizer_config.json is not valid JSON", e);
    }
    Map<String, String> templates = new LinkedHashMap<>();
    JsonNode t = root.path("chat_template");
    if (t.isTextual()) {
      templates.put("default", t.asText());
    } else if (t.isArray()) {
      for (JsonNode entry : t) {
        templates.put(entry.path("name").asText(), entry.path("template").asText());
      }
    }
    Map<String, Object> tokens = new LinkedHashMap<>();
    for (String key : TOKEN_KEYS) {
      JsonNode v = root.path(key);
      if (v.isTextual()) {
        tokens.put(key, v.asText());
      } else if (v.isObject() && v.path("content").isTextual()) {
        tokens.put(key, v.path("content").asText()); // an AddedToken dict
      }
    }
    return new TokenizerConfigTemplates(Map.copyOf(templates), tokens);
  }

  /**
   * @param name null for "default"
   * @throws IllegalArgumentException when there is no such template
   */
  public String template(String name) {
    String key = name == null ? "default" : name;
    String t = templates.get(key);
    if (t == null) {
      throw new IllegalArgumentException(
          "tokenizer_config.json has no chat template "
              + (name == null ? "(no 'chat_template', or no template named 'default')" : "'" + name + "'")
              + "; available: "
              + templates.keySet());
    }
    return t;
  }
}
