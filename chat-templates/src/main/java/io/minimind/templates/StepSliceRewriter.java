package io.minimind.templates;

/**
 * Rewrites keyword arguments ({@code f(a=x - 1)} becomes {@code f(a=(x - 1))}, see {@link
 * #parenthesizeKeywordValues}) and Python slices with a step, which Jinjava's expression parser rejects, into a call of
 * the {@code mm_slice} function: {@code messages[::-1]} becomes {@code mm_slice(messages,
 * none, none, -1)}. Only the inside of {@code {{ }}} and {@code {% %}} is touched (not text,
 * comments, string literals or {@code raw} blocks); newlines are kept, so line numbers in errors
 * still point at the user's template. Two-part slices ({@code [1:]}) are left to Jinjava.
 */
final class StepSliceRewriter {
  static final String FUNCTION = "mm_slice";

  private StepSliceRewriter() {}

  static String rewrite(String template) {
    StringBuilder out = new StringBuilder(template.length());
    int i = 0;
    int n = template.length();
    while (i < n) {
      int open = nextTag(template, i);
      if (open < 0) {
        out.append(template, i, n);
        break;
      }
      out.append(template, i, open);
      char kind = template.charAt(open + 1);
      if (kind == '#') {
        int end = template.indexOf("#}", open + 2);
        end = end < 0 ? n : end + 2;
        out.append(template, open, end);
        i = end;
        continue;
      }
      String close = kind == '{' ? "}}" : "%}";
      int end = tagEnd(template, open + 2, close);
      String body = template.substring(open + 2, end);
      boolean macro = kind == '%' && body.replaceFirst("^[-+]?\\s*", "").startsWith("macro ");
      out.append(template, open, open + 2)
          .append(macro ? rewriteSlices(body) : rewriteExpression(body));
      i = Math.min(n, end + 2);
      out.append(template, end, i);
      if (kind == '%' && body.replace("-", "").replace("+", "").trim().equals("raw")) {
        int endRaw = findEndRaw(template, i);
        out.append(template, i, endRaw);
        i = endRaw;
      }
    }
    return out.toString();
  }

  private static int nextTag(String t, int from) {
    for (int i = t.indexOf('{', from); i >= 0 && i + 1 < t.length(); i = t.indexOf('{', i + 1)) {
      char c = t.charAt(i + 1);
      if (c == '{' || c == '%' || c == '#') {
        return i;
      }
    }
    return -1;
  }

  /** Index of the closing delimiter, skipping string literals. */
  private static int tagEnd(String t, int from, String close) {
    char quote = 0;
    for (int i = from; i < t.length(); i++) {
      char c = t.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (t.startsWith(close, i)) {
        return i;
      }
    }
    return t.length();
  }

  private static int findEndRaw(String t, int from) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\{%[-+]?\\s*endraw\\s*[-+]?%\\}").matcher(t);
    return m.find(from) ? m.start() : t.length();
  }

  /** Keyword-argument values in parentheses, then every step slice rewritten. */
  static String rewriteExpression(String e) {
    return rewriteSlices(parenthesizeKeywordValues(e));
  }

  private static final java.util.regex.Pattern KEYWORD =
      java.util.regex.Pattern.compile("^(\\s*[A-Za-z_]\\w*\\s*=)(?!=)(.*)$", java.util.regex.Pattern.DOTALL);

  /**
   * {@code f(a=x|length - 1)}: Jinjava binds {@code a=x|length} before the {@code - 1}; jinja2
   * takes the whole expression as the value. Values of keyword arguments in calls are wrapped in
   * parentheses.
   */
  static String parenthesizeKeywordValues(String e) {
    StringBuilder out = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < e.length(); i++) {
      char c = e.charAt(i);
      out.append(c);
      if (quote != 0) {
        if (c == '\\' && i + 1 < e.length()) {
          out.append(e.charAt(++i));
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(' && i > 0 && (Character.isLetterOrDigit(e.charAt(i - 1)) || e.charAt(i - 1) == '_')) {
        int close = matching(e, i);
        if (close < 0) {
          continue;
        }
        String[] args = splitTopLevel(e.substring(i + 1, close), ',');
        for (int k = 0; k < args.length; k++) {
          java.util.regex.Matcher m = KEYWORD.matcher(args[k]);
          String arg = m.matches() && !m.group(2).isBlank()
              ? m.group(1) + "(" + parenthesizeKeywordValues(m.group(2)) + ")"
              : parenthesizeKeywordValues(args[k]);
          out.append(k > 0 ? "," : "").append(arg);
        }
        out.append(')');
        i = close;
      }
    }
    return out.toString();
  }

  /** Rewrites every step slice in one expression, innermost last, until none is left. */
  private static String rewriteSlices(String e) {
    while (true) {
      int[] slice = findStepSlice(e);
      if (slice == null) {
        return e;
      }
      int open = slice[0];
      int close = slice[1];
      int start = primaryStart(e, open);
      String target = e.substring(start, open);
      String[] parts = splitTopLevel(e.substring(open + 1, close), ':');
      StringBuilder call = new StringBuilder(FUNCTION).append('(').append(target);
      for (String p : parts) {
        call.append(", ").append(p.isBlank() ? "none" : p.strip());
      }
      call.append(')');
      e = e.substring(0, start) + call + e.substring(close + 1);
    }
  }

  /** {open, close} of the first {@code [a:b:c]} subscript, or null. */
  private static int[] findStepSlice(String e) {
    char quote = 0;
    for (int i = 0; i < e.length(); i++) {
      char c = e.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[' && i > 0 && isSubscriptTarget(e, i)) {
        int close = matching(e, i);
        if (close > 0 && splitTopLevel(e.substring(i + 1, close), ':').length == 3) {
          return new int[] {i, close};
        }
      }
    }
    return null;
  }

  /** A '[' right after a name, ')' , ']' or string: a subscript, not a list literal. */
  private static boolean isSubscriptTarget(String e, int open) {
    char p = e.charAt(open - 1);
    return Character.isLetterOrDigit(p) || p == '_' || p == ')' || p == ']' || p == '\''
        || p == '"';
  }

  private static int matching(String e, int open) {
    int depth = 0;
    char quote = 0;
    for (int i = open; i < e.length(); i++) {
      char c = e.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[' || c == '(' || c == '{') {
        depth++;
      } else if (c == ']' || c == ')' || c == '}') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }

  /** Splits on {@code sep} outside brackets and strings. */
  private static String[] splitTopLevel(String s, char sep) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    int depth = 0;
    char quote = 0;
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[' || c == '(' || c == '{') {
        depth++;
      } else if (c == ']' || c == ')' || c == '}') {
        depth--;
      } else if (c == sep && depth == 0) {
        parts.add(s.substring(from, i));
        from = i + 1;
      }
    }
    parts.add(s.substring(from));
    return parts.toArray(new String[0]);
  }

  /** Start of the primary expression (name, attribute chain, call, subscript, literal) before '['. */
  private static int primaryStart(String e, int open) {
    int j = open - 1;
    while (j >= 0) {
      char c = e.charAt(j);
      if (c == ')' || c == ']') {
        j = matchingBackward(e, j) - 1;
      } else if (c == '\'' || c == '"') {
        int k = j - 1;
        while (k >= 0 && !(e.charAt(k) == c && (k == 0 || e.charAt(k - 1) != '\\'))) {
          k--;
        }
        j = k - 1;
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
        j--;
      } else {
        break;
      }
    }
    return j + 1;
  }

  private static int matchingBackward(String e, int close) {
    int depth = 0;
    for (int i = close; i >= 0; i--) {
      char c = e.charAt(i);
      if (c == ')' || c == ']') {
        depth++;
      } else if (c == '(' || c == '[') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return 0;
  }
}
