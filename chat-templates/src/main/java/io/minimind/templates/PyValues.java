package io.minimind.templates;

import com.hubspot.jinjava.objects.SafeString;

/** Small helpers for values seen inside Jinjava. */
final class PyValues {
  private PyValues() {}

  /** Jinjava's safe strings become plain strings; everything else is returned as is. */
  static Object unwrap(Object v) {
    if (v instanceof SafeString s) {
      return s.toString();
    }
    return v;
  }

  /** Python's {@code str.isspace} for one character. */
  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
  }

  /** Python truthiness of a value handed to a template function. */
  static boolean truthy(Object v) {
    v = unwrap(v);
    if (v == null) {
      return false;
    } else if (v instanceof Boolean b) {
      return b;
    } else if (v instanceof Number n) {
      return n.doubleValue() != 0;
    } else if (v instanceof CharSequence s) {
      return s.length() > 0;
    } else if (v instanceof java.util.Collection<?> c) {
      return !c.isEmpty();
    } else if (v instanceof java.util.Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }
}
