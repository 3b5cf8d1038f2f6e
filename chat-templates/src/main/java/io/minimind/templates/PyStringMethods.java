package io.minimind.templates;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Python's {@code str} methods and integer indexing on strings, which Jinjava lacks (it only
 * offers Java's {@code String} methods, so {@code content.startswith('<tool_response>')} fails).
 * Placed before Jinjava's own resolvers; anything it does not know falls through to them.
 */
final class PyStringMethods extends ELResolver {

  @Override
  public Object invoke(
      ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    if (!(base instanceof String s) || method == null) {
      return null;
    }
    Object[] args = params == null ? new Object[0] : params;
    Object result = call(s, method.toString(), args);
    if (result != NO_SUCH_METHOD) {
      context.setPropertyResolved(true);
      return result;
    }
    return null;
  }

  private static final Object NO_SUCH_METHOD = new Object();

  static Object call(String s, String name, Object[] a) {
    return switch (name) {
      case "startswith" -> matchesAny(s, a[0], true);
      case "endswith" -> matchesAny(s, a[0], false);
      case "strip" -> strip(s, arg(a, 0), true, true);
      case "lstrip" -> strip(s, arg(a, 0), true, false);
      case "rstrip" -> strip(s, arg(a, 0), false, true);
      case "upper" -> s.toUpperCase(Locale.ROOT);
      case "lower" -> s.toLowerCase(Locale.ROOT);
      case "title" -> title(s);
      case "capitalize" -> s.isEmpty()
          ? s
          : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
      case "replace" -> replace(s, str(a[0]), str(a[1]), a.length > 2 ? toInt(a[2]) : -1);
      case "split" -> split(s, arg(a, 0), a.length > 1 ? toInt(a[1]) : -1);
      case "splitlines" -> new ArrayList<>(List.of(s.split("\r\n|\r|\n", -1)))
          .subList(0, lineCount(s));
      case "find" -> (long) s.indexOf(str(a[0]));
      case "rfind" -> (long) s.lastIndexOf(str(a[0]));
      case "count" -> count(s, str(a[0]));
      case "join" -> join(s, a[0]);
      case "isdigit" -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
      case "isspace" -> !s.isEmpty() && s.chars().allMatch(c -> PyValues.isSpace((char) c));
      default -> NO_SUCH_METHOD;
    };
  }

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    if (base instanceof com.hubspot.jinjava.objects.SafeString safe) {
      base = safe.toString();
    }
    // Jinjava's interpreter resolver hands the index on as a string ("0")
    if (base instanceof String s
        && (property instanceof Number
            || (property instanceof String p && p.matches("-?\\d{1,9}")))) {
      int i = property instanceof Number n ? n.intValue() : Integer.parseInt((String) property);
      if (i < 0) {
        i += s.length();
      }
      context.setPropertyResolved(true);
      return i >= 0 && i < s.length() ? String.valueOf(s.charAt(i)) : null;
    }
    return null;
  }

  private static Object arg(Object[] a, int i) {
    return a.length > i ? PyValues.unwrap(a[i]) : null;
  }

  private static String str(Object o) {
    return String.valueOf(PyValues.unwrap(o));
  }

  private static int toInt(Object o) {
    return ((Number) PyValues.unwrap(o)).intValue();
  }

  private static boolean matchesAny(String s, Object prefixes, boolean start) {
    prefixes = PyValues.unwrap(prefixes);
    if (prefixes instanceof Collection<?> c) {
      for (Object p : c) {
        if (start ? s.startsWith(str(p)) : s.endsWith(str(p))) {
          return true;
        }
      }
      return false;
    }
    return start ? s.startsWith(str(prefixes)) : s.endsWith(str(prefixes));
  }

  private static String strip(String s, Object chars, boolean left, boolean right) {
    String set = chars == null ? null : chars.toString();
    int b = 0;
    int e = s.length();
    while (left && b < e && stripped(s.charAt(b), set)) {
      b++;
    }
    while (right && e > b && stripped(s.charAt(e - 1), set)) {
      e--;
    }
    return s.substring(b, e);
  }

  private static boolean stripped(char c, String set) {
    return set == null ? PyValues.isSpace(c) : set.indexOf(c) >= 0;
  }

  private static String title(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean prevCased = false;
    for (char c : s.toCharArray()) {
      sb.append(prevCased ? Character.toLowerCase(c) : Character.toUpperCase(c));
      prevCased = Character.isLetter(c);
    }
    return sb.toString();
  }

  private static String replace(String s, String old, String repl, int count) {
    if (count < 0) {
      return s.replace(old, repl);
    }
    StringBuilder sb = new StringBuilder();
    int from = 0;
    for (int n = 0; n < count; n++) {
      int i = old.isEmpty() ? (from <= s.length() ? from : -1) : s.indexOf(old, from);
      if (i < 0) {
        break;
      }
      sb.append(s, from, i).append(repl);
      from = i + old.length();
      if (old.isEmpty() && i < s.length()) {
        sb.append(s.charAt(i));
        from++;
      }
    }
    return sb.append(s.substring(Math.min(from, s.length()))).toString();
  }

  /** {@code str.split(sep=None, maxsplit=-1)}. */
  private static List<String> split(String s, Object sep, int maxsplit) {
    List<String> out = new ArrayList<>();
    if (sep == null) {
      int i = 0;
      int n = s.length();
      while (true) {
        while (i < n && PyValues.isSpace(s.charAt(i))) {
          i++;
        }
        if (i >= n) {
          return out;
        }
        if (maxsplit >= 0 && out.size() == maxsplit) {
          out.add(strip(s.substring(i), null, false, true));
          return out;
        }
        int j = i;
        while (j < n && !PyValues.isSpace(s.charAt(j))) {
          j++;
        }
        out.add(s.substring(i, j));
        i = j;
      }
    }
    String d = sep.toString();
    if (d.isEmpty()) {
      throw new IllegalArgumentException("empty separator");
    }
    int from = 0;
    int i;
    while ((maxsplit < 0 || out.size() < maxsplit) && (i = s.indexOf(d, from)) >= 0) {
      out.add(s.substring(from, i));
      from = i + d.length();
    }
    out.add(s.substring(from));
    return out;
  }

  private static int lineCount(String s) {
    if (s.isEmpty()) {
      return 0;
    }
    int parts = s.split("\r\n|\r|\n", -1).length;
    return s.endsWith("\n") || s.endsWith("\r") ? parts - 1 : parts;
  }

  private static long count(String s, String sub) {
    if (sub.isEmpty()) {
      return s.length() + 1L;
    }
    long c = 0;
    for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
      c++;
    }
    return c;
  }

  private static String join(String sep, Object items) {
    StringBuilder sb = new StringBuilder();
    Iterator<?> it = ((Iterable<?>) PyValues.unwrap(items)).iterator();
    while (it.hasNext()) {
      sb.append(str(it.next()));
      if (it.hasNext()) {
        sb.append(sep);
      }
    }
    return sb.toString();
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {}

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return true;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return null;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return null;
  }
}
