package io.minimind.core.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One GGUF metadata value: its GGUF type and a Java value. Integers of every width are held as
 * {@link Long}, FLOAT32 as {@link Float}, FLOAT64 as {@link Double}, BOOL as {@link Boolean},
 * STRING as {@link String}; an ARRAY holds an unmodifiable list of such elements, all of {@code
 * elementKind}.
 *
 * @param kind the value's type
 * @param elementKind the element type of an ARRAY, else null
 * @param value the Java value as described above
 */
public record GgufValue(Kind kind, Kind elementKind, Object value) {

  /** GGUF's {@code gguf_metadata_value_type}, with its numeric ids. */
  public enum Kind {
    UINT8(0), INT8(1), UINT16(2), INT16(3), UINT32(4), INT32(5), FLOAT32(6), BOOL(7), STRING(8),
    ARRAY(9), UINT64(10), INT64(11), FLOAT64(12);

    final int id;

    Kind(int id) {
      this.id = id;
    }

    static Kind fromId(int id) {
      for (Kind k : values()) {
        if (k.id == id) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown GGUF metadata value type " + id);
    }
  }

  public GgufValue {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    if ((kind == Kind.ARRAY) != (elementKind != null)) {
      throw new IllegalArgumentException("elementKind is required for, and only for, arrays");
    }
  }

  public static GgufValue string(String s) {
    return new GgufValue(Kind.STRING, null, s);
  }

  public static GgufValue uint32(long v) {
    if (v < 0 || v > 0xffffffffL) {
      throw new IllegalArgumentException(v + " does not fit in uint32");
    }
    return new GgufValue(Kind.UINT32, null, v);
  }

  public static GgufValue int32(int v) {
    return new GgufValue(Kind.INT32, null, (long) v);
  }

  public static GgufValue float32(double v) {
    return new GgufValue(Kind.FLOAT32, null, (float) v);
  }

  public static GgufValue bool(boolean v) {
    return new GgufValue(Kind.BOOL, null, v);
  }

  public static GgufValue stringArray(List<String> items) {
    return new GgufValue(Kind.ARRAY, Kind.STRING, List.copyOf(items));
  }

  public static GgufValue int32Array(int[] items) {
    List<Object> list = new ArrayList<>(items.length);
    for (int v : items) {
      list.add((long) v);
    }
    return new GgufValue(Kind.ARRAY, Kind.INT32, Collections.unmodifiableList(list));
  }

  public static GgufValue float32Array(float[] items) {
    List<Object> list = new ArrayList<>(items.length);
    for (float v : items) {
      list.add(v);
    }
    return new GgufValue(Kind.ARRAY, Kind.FLOAT32, Collections.unmodifiableList(list));
  }

  /** The value of a STRING. */
  public String asString() {
    return (String) value;
  }

  /** The value of any integer kind. */
  public long asLong() {
    return (Long) value;
  }

  /** The value of FLOAT32 or FLOAT64. */
  public double asDouble() {
    return ((Number) value).doubleValue();
  }

  public boolean asBool() {
    return (Boolean) value;
  }

  /** The elements of an ARRAY. */
  public List<?> asList() {
    return (List<?>) value;
  }

  @Override
  public String toString() {
    if (kind == Kind.ARRAY) {
      List<?> l = asList();
      String head = l.subList(0, Math.min(5, l.size())).toString();
      return "[" + elementKind + " x " + l.size() + "] " + head + (l.size() > 5 ? "..." : "");
    }
    return kind == Kind.STRING && asString().length() > 80
        ? "\"" + asString().substring(0, 77).replace("\n", "\\n") + "...\" (" + asString().length()
            + " chars)"
        : kind == Kind.STRING ? "\"" + asString().replace("\n", "\\n") + "\"" : value.toString();
  }
}
