package io.minimind.core.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Typed access to the fields of one JSON object, with errors that name the field and the source
 * file. A field that is absent or JSON {@code null} takes the default; a present field of the wrong
 * type is always an error (never silently defaulted).
 */
final class JsonFields {
  private final JsonObject object;
  private final String source;
  private final String prefix;

  JsonFields(JsonObject object, String source, String prefix) {
    this.object = object;
    this.source = source;
    this.prefix = prefix;
  }

  boolean has(String field) {
    JsonElement e = object.get(field);
    return e != null && !e.isJsonNull();
  }

  int requiredInt(String field) {
    if (!has(field)) {
      throw error(field, "is required but missing");
    }
    return optInt(field, 0);
  }

  int optInt(String field, int dflt) {
    if (!has(field)) {
      return dflt;
    }
    Long v = StrictJson.integral(object.get(field));
    if (v == null || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw error(field, "must be an integer, got " + object.get(field));
    }
    return v.intValue();
  }

  double optDouble(String field, double dflt) {
    if (!has(field)) {
      return dflt;
    }
    JsonElement e = object.get(field);
    if (!e.isJsonPrimitive() || !((JsonPrimitive) e).isNumber()) {
      throw error(field, "must be a number, got " + e);
    }
    return e.getAsDouble();
  }

  boolean optBool(String field, boolean dflt) {
    if (!has(field)) {
      return dflt;
    }
    JsonElement e = object.get(field);
    if (!e.isJsonPrimitive() || !((JsonPrimitive) e).isBoolean()) {
      throw error(field, "must be true or false, got " + e);
    }
    return e.getAsBoolean();
  }

  String optString(String field, String dflt) {
    if (!has(field)) {
      return dflt;
    }
    JsonElement e = object.get(field);
    if (!e.isJsonPrimitive() || !((JsonPrimitive) e).isString()) {
      throw error(field, "must be a string, got " + e);
    }
    return e.getAsString();
  }

  /** The nested object, or null when absent or JSON null. */
  JsonFields optObject(String field) {
    if (!has(field)) {
      return null;
    }
    JsonElement e = object.get(field);
    if (!e.isJsonObject()) {
      throw error(field, "must be an object or null, got " + e);
    }
    return new JsonFields(e.getAsJsonObject(), source, prefix + field + ".");
  }

  /** An int field that may also be a list of ints (HF allows eos_token_id: [a, b]): the first. */
  int optIntOrFirst(String field, int dflt) {
    if (has(field) && object.get(field).isJsonArray()) {
      var a = object.get(field).getAsJsonArray();
      Long v = a.isEmpty() ? null : StrictJson.integral(a.get(0));
      if (v == null) {
        throw error(field, "must be an integer or a list of integers, got " + a);
      }
      return v.intValue();
    }
    return optInt(field, dflt);
  }

  JsonObject object() {
    return object;
  }

  CheckpointFormatException error(String field, String what) {
    return new CheckpointFormatException(source + ": field \"" + prefix + field + "\" " + what);
  }
}
