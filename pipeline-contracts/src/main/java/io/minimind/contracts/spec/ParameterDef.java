package io.minimind.contracts.spec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One parameter a stage kind accepts: its type, range and default. {@link StageParameters} holds
 * the table; the JSON Schema is generated from the same table (a test keeps them in step), so the
 * rules live in one place.
 *
 * @param name the key in a stage's {@code parameters}
 * @param type the value type
 * @param description one line for people (used in the JSON Schema)
 * @param defaultValue the normalised default (Long, Double, Boolean, String, List or Map), or null
 *     when there is none (then the parameter is {@code required})
 * @param required whether a stage must set it
 * @param min lower bound for INTEGER / NUMBER, or null
 * @param minExclusive whether {@code min} itself is excluded
 * @param max upper bound for INTEGER / NUMBER, or null
 * @param maxExclusive whether {@code max} itself is excluded
 * @param allowed the allowed values of a CHOICE or CHOICE_LIST; empty otherwise
 * @param pattern the regular expression a STRING must match fully, or null
 */
public record ParameterDef(
    String name, Type type, String description, Object defaultValue, boolean required,
    Double min, boolean minExclusive, Double max, boolean maxExclusive,
    List<String> allowed, String pattern) {

  /** Value types. Values are normalised: integers to Long, numbers to Double. */
  public enum Type {
    INTEGER, NUMBER, BOOLEAN, STRING, CHOICE, PATH, CHOICE_LIST, STRING_LIST, NUMBER_MAP
  }

  public ParameterDef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    allowed = allowed == null ? List.of() : List.copyOf(allowed);
  }

  static ParameterDef integer(String name, Long min, Long max, Long def, String description) {
    Double lo = min == null ? null : min.doubleValue();
    Double hi = max == null ? null : max.doubleValue();
    return new ParameterDef(name, Type.INTEGER, description, def, def == null,
        lo, false, hi, false, null, null);
  }

  static ParameterDef number(String name, Double min, boolean minExclusive, Double max,
      boolean maxExclusive, Double def, String description) {
    return new ParameterDef(name, Type.NUMBER, description, def, def == null,
        min, minExclusive, max, maxExclusive, null, null);
  }

  static ParameterDef bool(String name, boolean def, String description) {
    return new ParameterDef(name, Type.BOOLEAN, description, def, false,
        null, false, null, false, null, null);
  }

  static ParameterDef choice(String name, List<String> allowed, String def, String description) {
    return new ParameterDef(name, Type.CHOICE, description, def, def == null,
        null, false, null, false, allowed, null);
  }

  static ParameterDef text(String name, String pattern, String def, String description) {
    return new ParameterDef(name, Type.STRING, description, def, def == null,
        null, false, null, false, null, pattern);
  }

  static ParameterDef path(String name, String description) {
    return new ParameterDef(name, Type.PATH, description, null, true,
        null, false, null, false, null, null);
  }

  static ParameterDef choiceList(String name, List<String> allowed, List<String> def,
      String description) {
    return new ParameterDef(name, Type.CHOICE_LIST, description, def, false,
        null, false, null, false, allowed, null);
  }

  static ParameterDef stringList(String name, String description) {
    return new ParameterDef(name, Type.STRING_LIST, description, List.of(), false,
        null, false, null, false, null, null);
  }

  static ParameterDef numberMap(String name, String description) {
    return new ParameterDef(name, Type.NUMBER_MAP, description, Map.of(), false,
        null, false, null, false, null, null);
  }

  /** What a valid value looks like, for error messages: {@code a number in (0, 1)}. */
  public String expected() {
    return switch (type) {
      case INTEGER -> "an integer" + range();
      case NUMBER -> "a number" + range();
      case BOOLEAN -> "true or false";
      case STRING -> pattern == null ? "a string" : "a string matching " + pattern;
      case CHOICE -> "one of " + Values.list(allowed);
      case PATH -> "a path relative to the artifact root";
      case CHOICE_LIST -> "a list of distinct values from: " + Values.list(allowed);
      case STRING_LIST -> "a list of strings";
      case NUMBER_MAP -> "an object mapping names to numbers";
    };
  }

  private String range() {
    if (min != null && max != null) {
      return " in " + (minExclusive ? "(" : "[") + bound(min) + ", " + bound(max)
          + (maxExclusive ? ")" : "]");
    }
    if (min != null) {
      return (minExclusive ? " > " : " >= ") + bound(min);
    }
    if (max != null) {
      return (maxExclusive ? " < " : " <= ") + bound(max);
    }
    return "";
  }

  private static String bound(double b) {
    return b == Math.rint(b) && Math.abs(b) < 1e15 ? Long.toString((long) b) : Double.toString(b);
  }

  /**
   * Checks one value and returns it normalised, or null after adding an error at {@code pointer}.
   */
  Object check(Object v, String pointer, List<SpecError> errors) {
    Object result = switch (type) {
      case INTEGER -> checkInteger(v);
      case NUMBER -> checkNumber(v);
      case BOOLEAN -> v instanceof Boolean ? v : null;
      case STRING -> v instanceof String s && (pattern == null || Pattern.matches(pattern, s))
          ? s : null;
      case CHOICE -> v instanceof String s && allowed.contains(s) ? s : null;
      case PATH -> Values.pathProblem(v) == null ? v : null;
      case CHOICE_LIST, STRING_LIST -> checkList(v, pointer, errors);
      case NUMBER_MAP -> checkMap(v, pointer, errors);
    };
    if (result == null && !(type == Type.CHOICE_LIST || type == Type.STRING_LIST
        || type == Type.NUMBER_MAP)) {
      String why = type == Type.PATH ? Values.pathProblem(v)
          : "must be " + expected() + ", got " + Values.describe(v);
      errors.add(new SpecError(pointer, why));
    }
    return result;
  }

  private Object checkInteger(Object v) {
    if (!Values.isInteger(v)) {
      return null;
    }
    BigInteger big = v instanceof BigInteger b ? b : BigInteger.valueOf(((Number) v).longValue());
    if (big.bitLength() > 63) {
      return null;
    }
    long n = big.longValue();
    return inRange(n) ? (Object) n : null;
  }

  private Object checkNumber(Object v) {
    if (!(v instanceof Number num)) {
      return null;
    }
    double d = num.doubleValue();
    return Double.isFinite(d) && inRange(d) ? (Object) d : null;
  }

  private boolean inRange(double d) {
    boolean aboveMin = min == null || (minExclusive ? d > min : d >= min);
    boolean belowMax = max == null || (maxExclusive ? d < max : d <= max);
    return aboveMin && belowMax;
  }

  /** Lists report each bad item at its own index, so one list can yield several errors. */
  private Object checkList(Object v, String pointer, List<SpecError> errors) {
    if (!(v instanceof List<?> items)) {
      errors.add(new SpecError(pointer, "must be " + expected() + ", got " + Values.describe(v)));
      return null;
    }
    List<String> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < items.size(); i++) {
      Object item = items.get(i);
      String at = SpecError.child(pointer, i);
      if (!(item instanceof String s) || (type == Type.CHOICE_LIST && !allowed.contains(s))) {
        String what = type == Type.CHOICE_LIST ? "one of " + Values.list(allowed) : "a string";
        errors.add(new SpecError(at, "must be " + what + ", got " + Values.describe(item)));
        ok = false;
      } else if (type == Type.CHOICE_LIST && out.contains(s)) {
        errors.add(new SpecError(at, "duplicate value " + Values.describe(s)));
        ok = false;
      } else {
        out.add(s);
      }
    }
    return ok ? List.copyOf(out) : null;
  }

  private Object checkMap(Object v, String pointer, List<SpecError> errors) {
    if (!(v instanceof Map<?, ?> entries)) {
      errors.add(new SpecError(pointer, "must be " + expected() + ", got " + Values.describe(v)));
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    boolean ok = true;
    for (Map.Entry<?, ?> e : entries.entrySet()) {
      String key = String.valueOf(e.getKey());
      Object value = e.getValue();
      if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
        errors.add(new SpecError(SpecError.child(pointer, key),
            "must be a finite number, got " + Values.describe(value)));
        ok = false;
      } else {
        out.put(key, n.doubleValue());
      }
    }
    return ok ? Map.copyOf(out) : null;
  }
}
