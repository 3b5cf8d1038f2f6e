package io.minimind.core.tokenizer.bpe;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;

/**
 * How a corpus file yields training texts. {@link #JSONL}: one JSON object a line, MiniMind's
 * pretrain {@code {"text": "..."}} (one text) or SFT {@code {"conversations": [{"role", "content"},
 * ...]}} (each content one text); blank lines are skipped. {@link #TEXT}: each line, with its line
 * ending, is one text (as HF's {@code train(files)} reads files).
 */
public enum CorpusFormat {
  JSONL,
  TEXT;

  /** {@code .jsonl} / {@code .json} files are JSONL, anything else plain text. */
  public static CorpusFormat forPath(Path p) {
    String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return n.endsWith(".jsonl") || n.endsWith(".json") ? JSONL : TEXT;
  }

  /**
   * Feeds the texts of one line (without its {@code \n} for JSONL) to {@code sink}.
   *
   * @return null when the line is fine, else why it is bad
   */
  String feed(String line, TextSink sink) {
    java.util.List<String> texts = new java.util.ArrayList<>(2);
    String bad = parse(line, texts);
    if (bad == null) {
      for (String t : texts) {
        sink.text(t);
      }
    }
    return bad;
  }

  private String parse(String line, java.util.List<String> sink) {
    if (this == TEXT) {
      sink.add(line);
      return null;
    }
    if (line.isBlank()) {
      return null;
    }
    try (JsonReader r = new JsonReader(new StringReader(line))) {
      if (r.peek() != JsonToken.BEGIN_OBJECT) {
        return "not a JSON object";
      }
      r.beginObject();
      boolean found = false;
      while (r.hasNext()) {
        String name = r.nextName();
        if (name.equals("text") && r.peek() == JsonToken.STRING) {
          sink.add(r.nextString());
          found = true;
        } else if (name.equals("conversations") && r.peek() == JsonToken.BEGIN_ARRAY) {
          found |= conversations(r, sink);
        } else {
          r.skipValue();
        }
      }
      r.endObject();
      if (r.peek() != JsonToken.END_DOCUMENT) {
        return "trailing data after the JSON object";
      }
      return found ? null : "no \"text\" string or \"conversations\" array";
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      String msg = String.valueOf(e.getMessage());
      int at = msg.indexOf(" at line ");
      int path = msg.indexOf(" path ", Math.max(at, 0));
      return "invalid JSON" + (at >= 0 && path > at ? msg.substring(at, path) : ": " + msg.lines().findFirst().orElse(""));
    }
  }

  private static boolean conversations(JsonReader r, java.util.List<String> sink) throws IOException {
    r.beginArray();
    while (r.hasNext()) {
      if (r.peek() != JsonToken.BEGIN_OBJECT) {
        throw new IllegalStateException("conversation turn is not an object");
      }
      r.beginObject();
      while (r.hasNext()) {
        if (r.nextName().equals("content") && r.peek() == JsonToken.STRING) {
          sink.add(r.nextString());
        } else {
          r.skipValue();
        }
      }
      r.endObject();
    }
    r.endArray();
    return true;
  }
}
