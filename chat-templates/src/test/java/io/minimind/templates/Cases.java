package io.minimind.templates;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the golden jsonl files under src/test/resources/chat-template/. */
final class Cases {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Cases() {}

  static String resource(String name) {
    try (InputStream in = Cases.class.getResourceAsStream("/chat-template/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Map<String, Object>> jsonl(String name) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String line : resource(name).split("\n")) {
      if (!line.isBlank()) {
        try {
          out.add(JSON.readValue(line, new TypeReference<Map<String, Object>>() {}));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return out;
  }
}
