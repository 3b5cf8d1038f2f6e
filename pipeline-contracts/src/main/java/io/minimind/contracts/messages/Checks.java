package io.minimind.contracts.messages;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Validation helpers shared by the compact constructors; messages name the record and field. */
final class Checks {
  private Checks() {}

  static void envelope(
      String type, String messageId, int schemaVersion, String pipelineId, String stageId,
      int attempt, long time, String timeField) {
    uuid(type, "messageId", messageId);
    if (schemaVersion < 1) {
      throw new IllegalArgumentException(
          type + ".schemaVersion must be >= 1 (current is " + Messages.SCHEMA_VERSION + "), got "
              + schemaVersion);
    }
    notBlank(type, "pipelineId", pipelineId);
    notBlank(type, "stageId", stageId);
    if (attempt < 1) {
      throw new IllegalArgumentException(
          type + ".attempt must be >= 1 (attempts are numbered from 1), got " + attempt);
    }
    nonNegative(type, timeField, time);
  }

  static String notBlank(String type, String field, String value) {
    if (value == null) {
      throw new IllegalArgumentException(type + "." + field + " must not be null");
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException(type + "." + field + " must not be blank");
    }
    return value;
  }

  static void uuid(String type, String field, String value) {
    notBlank(type, field, value);
    try {
      UUID parsed = UUID.fromString(value);
      if (!parsed.toString().equalsIgnoreCase(value)) {
        throw new IllegalArgumentException("non-canonical");
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          type + "." + field + " must be a UUID string, got '" + value + "'");
    }
  }

  /** A syntactically valid absolute URI (with a scheme). Whether it stays inside the artifact root
   *  is checked by the artifact store, not here. */
  static String uri(String type, String field, String value) {
    notBlank(type, field, value);
    try {
      URI u = new URI(value);
      if (u.getScheme() == null) {
        throw new IllegalArgumentException(
            type + "." + field + " must be an absolute URI with a scheme, got '" + value + "'");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          type + "." + field + " is not a valid URI: '" + value + "' (" + e.getReason() + ")");
    }
    return value;
  }

  static List<String> uris(String type, String field, List<String> values) {
    if (values == null) {
      return List.of();
    }
    for (int i = 0; i < values.size(); i++) {
      uri(type, field + "[" + i + "]", values.get(i));
    }
    return List.copyOf(values);
  }

  static long nonNegative(String type, String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(type + "." + field + " must be >= 0, got " + value);
    }
    return value;
  }

  static double finiteNonNegative(String type, String field, double value) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(
          type + "." + field + " must be a finite number >= 0, got " + value);
    }
    return value;
  }

  /** Copies a map keeping insertion order; null becomes empty; keys must be non-blank. Values may
   *  be null (JSON null) when {@code allowNullValues}. */
  static <V> Map<String, V> map(String type, String field, Map<String, V> values,
      boolean allowNullValues) {
    if (values == null) {
      return Map.of();
    }
    LinkedHashMap<String, V> copy = new LinkedHashMap<>();
    for (Map.Entry<String, V> e : values.entrySet()) {
      if (e.getKey() == null || e.getKey().isBlank()) {
        throw new IllegalArgumentException(type + "." + field + " has a null or blank key");
      }
      if (e.getValue() == null && !allowNullValues) {
        throw new IllegalArgumentException(
            type + "." + field + "['" + e.getKey() + "'] must not be null");
      }
      copy.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(copy);
  }

  static Map<String, Double> metrics(String type, String field, Map<String, Double> values) {
    Map<String, Double> copy = map(type, field, values, false);
    for (Map.Entry<String, Double> e : copy.entrySet()) {
      if (!Double.isFinite(e.getValue())) {
        throw new IllegalArgumentException(
            type + "." + field + "['" + e.getKey() + "'] must be finite, got " + e.getValue());
      }
    }
    return copy;
  }
}
