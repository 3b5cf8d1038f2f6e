package io.minimind.templates;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/**
 * Python's {@code json.dumps}, as transformers' {@code tojson} filter calls it: {@code
 * ensure_ascii=False} by default, optional {@code indent}, {@code separators} and {@code
 * sort_keys}. Default separators are {@code ", "} and {@code ": "} ({@code ","} between items when
 * indenting). Floats are written as Python's {@code repr} writes them.
 */
public final class PyJson {
  private final String indent;
  private final String itemSeparator;
  private final String keySeparator;
  private final boolean ensureAscii;
  private final boolean sortKeys;

  /**
   * @param indent null for one line; a number of spaces or a string as Python accepts it
   * @param itemSeparator null for Python's default
   * @param keySeparator null for Python's default
   */
  public PyJson(Object indent, String itemSeparator, String keySeparator, boolean ensureAscii,
      boolean sortKeys) {
    if (indent instanceof Number n) {
      this.indent = " ".repeat(Math.max(0, n.intValue()));
    } else {
      this.indent = indent == null ? null : indent.toString();
    }
    this.itemSeparator = itemSeparator != null ? itemSeparator : this.indent == null ? ", " : ",";
    this.keySeparator = keySeparator != null ? keySeparator : ": ";
    this.ensureAscii = ensureAscii;
    this.sortKeys = sortKeys;
  }

  /** {@code json.dumps(value, ensure_ascii=False)}. */
  public static String dumps(Object value) {
    return new PyJson(null, null, null, false, false).write(value);
  }

  public String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, 0);
    return sb.toString();
  }

  private void write(StringBuilder sb, Object v, int depth) {
    v = PyValues.unwrap(v);
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Boolean b) {
      sb.append(b ? "true" : "false");
    } else if (v instanceof CharSequence || v instanceof Character) {
      string(sb, v.toString());
    } else if (v instanceof Number n) {
      sb.append(number(n));
    } else if (v instanceof Map<?, ?> m) {
      map(sb, m, depth);
    } else if (v instanceof Iterable<?> || v instanceof Object[]) {
      Iterable<?> it = v instanceof Object[] arr ? java.util.Arrays.asList(arr) : (Iterable<?>) v;
      if (!it.iterator().hasNext()) {
        sb.append("[]");
        return;
      }
      sb.append('[');
      boolean first = true;
      for (Object item : it) {
        if (!first) {
          sb.append(itemSeparator);
        }
        first = false;
        newline(sb, depth + 1);
        write(sb, item, depth + 1);
      }
      newline(sb, depth);
      sb.append(']');
    } else {
      throw new IllegalArgumentException(
          "Object of type " + v.getClass().getSimpleName() + " is not JSON serializable");
    }
  }

  private void map(StringBuilder sb, Map<?, ?> m, int depth) {
    if (m.isEmpty()) {
      sb.append("{}");
      return;
    }
    Map<?, ?> entries = m;
    if (sortKeys) {
      TreeMap<String, Object> sorted = new TreeMap<>();
      m.forEach((k, val) -> sorted.put(key(k), val));
      entries = sorted;
    }
    sb.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : entries.entrySet()) {
      if (!first) {
        sb.append(itemSeparator);
      }
      first = false;
      newline(sb, depth + 1);
      string(sb, key(e.getKey()));
      sb.append(keySeparator);
      write(sb, e.getValue(), depth + 1);
    }
    newline(sb, depth);
    sb.append('}');
  }

  /** Python turns None/True/False/number keys into JSON strings. */
  private static String key(Object k) {
    if (k == null) {
      return "null";
    } else if (k instanceof Boolean b) {
      return b ? "true" : "false";
    } else if (k instanceof Number n) {
      return number(n);
    }
    return k.toString();
  }

  private void newline(StringBuilder sb, int depth) {
    if (indent != null) {
      sb.append('\n').append(indent.repeat(depth));
    }
  }

  private void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || (ensureAscii && c > 0x7e)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** An integer as digits, a float as Python's repr ({@code 1.0}, {@code 1e-05}, {@code inf}). */
  static String number(Number n) {
    if (n instanceof Double || n instanceof Float) {
      return floatRepr(n.doubleValue());
    }
    if (n instanceof BigDecimal bd) {
      return floatRepr(bd.doubleValue());
    }
    if (n instanceof BigInteger bi) {
      return bi.toString();
    }
    return Long.toString(n.longValue());
  }

  /** Python's {@code repr(float)}: shortest digits, exponent form outside [1e-4, 1e16). */
  static String floatRepr(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    } else if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    } else if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    String digits = bd.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - bd.scale(); // decimal exponent of the first digit
    String sign = d < 0 ? "-" : "";
    if (exp >= 16 || exp < -4) {
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }
    String plain = bd.abs().toPlainString();
    return sign + (plain.contains(".") ? plain : plain + ".0");
  }
}
