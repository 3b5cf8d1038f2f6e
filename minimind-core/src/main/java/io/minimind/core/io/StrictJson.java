package io.minimind.core.io;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;

/**
 * RFC 8259 JSON parsing with Gson. {@code JsonParser.parseString} is lenient (it accepts unquoted
 * names, single quotes, comments, NaN); data and checkpoint files must not depend on that.
 */
public final class StrictJson {
  private static final TypeAdapter<JsonElement> ELEMENT = new Gson().getAdapter(JsonElement.class);

  private StrictJson() {}

  /**
   * Parses one complete JSON value.
   *
   * @throws JsonParseException with Gson's message (position included) when the text is not JSON
   */
  public static JsonElement parse(String text) {
    try {
      JsonReader reader = new JsonReader(new StringReader(text));
      reader.setStrictness(Strictness.STRICT);
      JsonElement element = ELEMENT.read(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new JsonParseException("unexpected data after the JSON value at " + reader.getPath());
      }
      return element;
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      throw new JsonParseException(clean(e.getMessage()), e);
    }
  }

  /** Gson's message without its advice to go lenient and its troubleshooting link. */
  private static String clean(String message) {
    String m = String.valueOf(message);
    int nl = m.indexOf('\n');
    m = nl >= 0 ? m.substring(0, nl) : m;
    return m.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON",
        "malformed JSON");
  }

  /** Parses a JSON object; errors become a {@link CheckpointFormatException} naming {@code source}. */
  static JsonObject parseObject(String text, String source) {
    JsonElement e;
    try {
      e = parse(text);
    } catch (JsonParseException ex) {
      throw new CheckpointFormatException(source + ": invalid JSON: " + ex.getMessage(), ex);
    }
    if (!e.isJsonObject()) {
      throw new CheckpointFormatException(source + ": expected a JSON object");
    }
    return e.getAsJsonObject();
  }

  /** The value as a non-negative integral long, or null if it is anything else. */
  static Long nonNegativeLong(JsonElement e) {
    Long v = integral(e);
    return v != null && v >= 0 ? v : null;
  }

  /** The value as an integral long (1e3 and 512.0 count), or null if it is anything else. */
  static Long integral(JsonElement e) {
    if (e == null || !e.isJsonPrimitive() || !((JsonPrimitive) e).isNumber()) {
      return null;
    }
    try {
      return new BigDecimal(e.getAsString()).longValueExact();
    } catch (ArithmeticException | NumberFormatException ex) {
      return null;
    }
  }
}
