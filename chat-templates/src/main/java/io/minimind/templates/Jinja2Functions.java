package io.minimind.templates;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Globals that transformers adds to its Jinja environment ({@code raise_exception}, {@code
 * strftime_now}) and the slice helper used by {@link StepSliceRewriter}. Static because Jinjava
 * binds functions to static methods; the clock of the current render is thread-local.
 */
public final class Jinja2Functions {
  static final ThreadLocal<Clock> CLOCK = ThreadLocal.withInitial(Clock::systemDefaultZone);

  private Jinja2Functions() {}

  /** Thrown by {@code raise_exception}; turned into {@link ChatTemplateException.Raised}. */
  static final class RaisedByTemplate extends RuntimeException {
    RaisedByTemplate(String message) {
      super(message);
    }
  }

  public static Object raiseException(Object message) {
    throw new RaisedByTemplate(String.valueOf(PyValues.unwrap(message)));
  }

  /** {@code datetime.now().strftime(format)} with the C-locale directives. */
  public static String strftimeNow(String format) {
    return strftime(LocalDateTime.now(CLOCK.get()), format);
  }

  static String strftime(LocalDateTime t, String format) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 == format.length()) {
        sb.append(c);
        continue;
      }
      char d = format.charAt(++i);
      switch (d) {
        case 'd' -> sb.append(String.format("%02d", t.getDayOfMonth()));
        case 'm' -> sb.append(String.format("%02d", t.getMonthValue()));
        case 'Y' -> sb.append(String.format("%04d", t.getYear()));
        case 'y' -> sb.append(String.format("%02d", t.getYear() % 100));
        case 'H' -> sb.append(String.format("%02d", t.getHour()));
        case 'I' -> sb.append(String.format("%02d", (t.getHour() + 11) % 12 + 1));
        case 'M' -> sb.append(String.format("%02d", t.getMinute()));
        case 'S' -> sb.append(String.format("%02d", t.getSecond()));
        case 'f' -> sb.append(String.format("%06d", t.getNano() / 1000));
        case 'p' -> sb.append(t.getHour() < 12 ? "AM" : "PM");
        case 'j' -> sb.append(String.format("%03d", t.getDayOfYear()));
        case 'b' -> sb.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US));
        case 'B' -> sb.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.US));
        case 'a' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US));
        case 'A' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US));
        case 'w' -> sb.append(t.getDayOfWeek().getValue() % 7);
        case 'u' -> sb.append(t.getDayOfWeek().getValue());
        case 'e' -> sb.append(String.format("%2d", t.getDayOfMonth()));
        case '-' -> i = unpadded(t, format, i, sb);
        case '%' -> sb.append('%');
        default -> sb.append('%').append(d);
      }
    }
    return sb.toString();
  }

  /** glibc's {@code %-d}, {@code %-m}, {@code %-H} ...: no zero padding. */
  private static int unpadded(LocalDateTime t, String format, int i, StringBuilder sb) {
    if (i + 1 >= format.length()) {
      sb.append("%-");
      return i;
    }
    char d = format.charAt(i + 1);
    String padded = strftime(t, "%" + d);
    sb.append(padded.matches("\\d+") ? String.valueOf(Integer.parseInt(padded)) : padded);
    return i + 1;
  }

  /** Python's {@code seq[start:stop:step]} for lists and strings. */
  public static Object slice(Object seq, Object start, Object stop, Object step) {
    seq = PyValues.unwrap(seq);
    int st = step == null ? 1 : ((Number) step).intValue();
    if (st == 0) {
      throw new IllegalArgumentException("slice step cannot be zero");
    }
    List<?> items;
    if (seq instanceof String s) {
      List<Object> chars = new ArrayList<>();
      s.codePoints().forEach(cp -> chars.add(new String(Character.toChars(cp))));
      items = chars;
    } else if (seq instanceof List<?> l) {
      items = l;
    } else if (seq instanceof Iterable<?> it) {
      List<Object> copy = new ArrayList<>();
      it.forEach(copy::add);
      items = copy;
    } else {
      throw new IllegalArgumentException("cannot slice " + (seq == null ? "None" : seq.getClass()));
    }
    int n = items.size();
    int lo = st > 0 ? 0 : -1;
    int hi = st > 0 ? n : n - 1;
    int b = start == null ? (st > 0 ? lo : hi) : clamp(((Number) start).intValue(), n, lo, hi);
    int e = stop == null ? (st > 0 ? hi : lo) : clamp(((Number) stop).intValue(), n, lo, hi);
    List<Object> out = new ArrayList<>();
    for (int i = b; st > 0 ? i < e : i > e; i += st) {
      out.add(items.get(i));
    }
    if (seq instanceof String) {
      StringBuilder sb = new StringBuilder();
      out.forEach(sb::append);
      return sb.toString();
    }
    return out;
  }

  private static int clamp(int i, int n, int lo, int hi) {
    if (i < 0) {
      i += n;
    }
    return Math.max(lo, Math.min(hi, i));
  }
}
