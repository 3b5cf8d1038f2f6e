package io.minimind.contracts.spec;

import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Small helpers shared by the spec readers: describing a found value in an error message, checking
 * artifact-root-relative paths, suggesting the key a user probably meant.
 */
final class Values {
  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

  private Values() {}

  /**
   * A found value as an error message shows it: strings JSON-quoted (so {@code "5"} and {@code 5}
   * differ visibly), numbers and booleans as written, containers by their kind.
   */
  static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      String q = s.length() > 60 ? s.substring(0, 57) + "..." : s;
      return '"' + q.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "a list";
    }
    return String.valueOf(v);
  }

  /** True for JSON integers (Long, Integer, BigInteger from the parser), false for decimals. */
  static boolean isInteger(Object v) {
    return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
        || v instanceof BigInteger;
  }

  /**
   * Why {@code path} is not an acceptable artifact-root-relative path, or null when it is. Paths in
   * specs must stay inside the artifact root, and must mean the same on every worker (hence no
   * backslashes or drive letters); the orchestrator checks that they exist.
   */
  static String pathProblem(Object path) {
    if (!(path instanceof String p)) {
      return "must be a path relative to the artifact root (a string), got " + describe(path);
    }
    if (p.isBlank()) {
      return "must be a non-empty path relative to the artifact root, got " + describe(p);
    }
    if (p.startsWith("/") || DRIVE.matcher(p).matches()) {
      return "must be relative to the artifact root (no leading '/' or drive letter), got "
          + describe(p);
    }
    if (p.contains("\\")) {
      return "must use '/' as separator (no backslashes), got " + describe(p);
    }
    for (String segment : p.split("/")) {
      if (segment.equals("..")) {
        return "must not contain '..' segments (paths stay inside the artifact root), got "
            + describe(p);
      }
    }
    return null;
  }

  /** {@code a, b, c} for a message listing allowed values. */
  static String list(Collection<?> values) {
    StringBuilder sb = new StringBuilder();
    for (Object v : values) {
      sb.append(sb.length() == 0 ? "" : ", ").append(v);
    }
    return sb.toString();
  }

  /**
   * The message for an unknown key: lists the allowed keys and, for a likely typo (edit distance
   * at most 2, or a case difference), suggests the intended one.
   */
  static String unknownKey(String what, String key, Collection<String> allowed) {
    String best = null;
    int bestDistance = 3;
    for (String a : allowed) {
      int d = a.equalsIgnoreCase(key) ? 0 : distance(a.toLowerCase(), key.toLowerCase());
      if (d < bestDistance) {
        best = a;
        bestDistance = d;
      }
    }
    String hint = best == null ? "" : " (did you mean '" + best + "'?)";
    return "unknown " + what + " '" + key + "'" + hint + "; allowed: " + list(allowed);
  }

  /** Levenshtein distance; only used on short keys. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
