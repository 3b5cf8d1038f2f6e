package io.minimind.templates;

/**
 * Rewrites keyword arguments ({@code f(a=x - 1)} becomes {@code f(a=(x - 1))}, see {@link
 * #parenthesizeKeywordValues}) and Python slices with a step, which Jinjava's expression parser rejects, into a call of
 * the {@code mm_slice} function: {@code messages[::-1]} becomes {@code mm_slice(messages,
 * none, none, -1)}. Only the inside of {@code {{ }}} and {@code {% %}} is touched (not text,
 * comments, string literals or {@code raw} blocks); newlines are kept, so line numbers in errors
 * still point at the user's template. Two-part slices ({@code [1:]}) are left to Jinjava. It also
 * puts the operand of a unary {@code not} in parentheses ({@link #parenthesizeNotOperands}),
 * applies jinja2's {@code lstrip_blocks} to the text before block and comment tags, and {@link
 * #checkFilters} refuses unknown filters.
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
      char kind = template.charAt(open + 1);
      out.append(kind == '{' ? template.substring(i, open) : lstrip(template.substring(i, open), i == 0, template, open));
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

  /**
   * jinja2 refuses a template that uses a filter it does not know (at compile time, {@code
   * TemplateAssertionError: No filter named 'x'}); Jinjava renders it as an empty string. Every
   * {@code |name} inside {@code {{ }}} and {@code {% %}} (outside string literals, comments and
   * {@code raw} blocks) is checked against {@code known}.
   *
   * @throws ChatTemplateException naming the first unknown filter and its line
   */
  static void checkFilters(String template, java.util.function.Predicate<String> known) {
    int i = 0;
    int n = template.length();
    while (i < n) {
      int open = nextTag(template, i);
      if (open < 0) {
        return;
      }
      char kind = template.charAt(open + 1);
      if (kind == '#') {
        int end = template.indexOf("#}", open + 2);
        i = end < 0 ? n : end + 2;
        continue;
      }
      String close = kind == '{' ? "}}" : "%}";
      int end = tagEnd(template, open + 2, close);
      String body = template.substring(open + 2, end);
      i = Math.min(n, end + 2);
      if (kind == '%' && body.replace("-", "").replace("+", "").trim().equals("raw")) {
        i = findEndRaw(template, i);
        continue;
      }
      java.util.regex.Matcher tag =
          java.util.regex.Pattern.compile("^[-+]?\\s*filter\\s+([A-Za-z_]\\w*)").matcher(body);
      if (kind == '%' && tag.find()) {
        checkFilter(template, open + 2 + tag.start(1), tag.group(1), known);
      }
      char quote = 0;
      for (int k = 0; k < body.length(); k++) {
        char c = body.charAt(k);
        if (quote != 0) {
          if (c == '\\') {
            k++;
          } else if (c == quote) {
            quote = 0;
          }
        } else if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == '|' && k + 1 < body.length() && body.charAt(k + 1) == '|') {
          k++;
        } else if (c == '|') {
          int s = k + 1;
          while (s < body.length() && Character.isWhitespace(body.charAt(s))) {
            s++;
          }
          int e = s;
          while (e < body.length() && (Character.isLetterOrDigit(body.charAt(e)) || body.charAt(e) == '_')) {
            e++;
          }
          if (e > s) {
            checkFilter(template, open + 2 + s, body.substring(s, e), known);
          }
        }
      }
    }
  }

  private static void checkFilter(
      String template, int at, String name, java.util.function.Predicate<String> known) {
    if (!known.test(name)) {
      int line = 1;
      for (int k = 0; k < at; k++) {
        if (template.charAt(k) == '\n') {
          line++;
        }
      }
      throw new ChatTemplateException("No filter named '" + name + "'.", name, line, null);
    }
  }

  /**
   * jinja2's {@code lstrip_blocks}: spaces and tabs between the start of a line and a block or
   * comment tag are dropped, but only when nothing else precedes the tag on its line (Jinjava
   * also strips the space in {@code e {% if %}}), and not for {@code {%+}.
   */
  private static String lstrip(String text, boolean templateStart, String template, int open) {
    if (open + 2 < template.length() && template.charAt(open + 2) == '+') {
      return text;
    }
    int lineStart = text.lastIndexOf('\n') + 1;
    if (lineStart == 0 && !templateStart) {
      return text;
    }
    for (int k = lineStart; k < text.length(); k++) {
      if (!Character.isWhitespace(text.charAt(k))) {
        return text;
      }
    }
    return text.substring(0, lineStart);
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
    return rewriteSlices(parenthesizeKeywordValues(parenthesizeNotOperands(e)));
  }

  private static final java.util.Set<String> BEFORE_UNARY =
      java.util.Set.of("if", "elif", "and", "or", "not", "else", "in", "set", "return");
  private static final java.util.Set<String> OPERAND_END = java.util.Set.of("and", "or", "if", "else");

  /**
   * jinja2's {@code not} binds looser than comparisons, tests, filters and {@code in}: {@code not
   * x|length == 1} is {@code not ((x|length) == 1)}, {@code not x is defined} is {@code not (x is
   * defined)}. Jinjava binds {@code not} to the next operand only, so the operand of every unary
   * {@code not} (up to the next {@code and}/{@code or}/{@code if}/{@code else}, comma, colon,
   * closing bracket or the end) is put in parentheses. {@code x not in y} and {@code x is not y}
   * are left alone.
   */
  static String parenthesizeNotOperands(String e) {
    int from = 0;
    while (true) {
      int not = nextUnaryNot(e, from);
      if (not < 0) {
        return e;
      }
      int start = not + 3;
      int end = operandEnd(e, start);
      String operand = e.substring(start, end);
      if (operand.isBlank()) {
        from = start;
        continue;
      }
      int lead = 0;
      while (lead < operand.length() && Character.isWhitespace(operand.charAt(lead))) {
        lead++;
      }
      int trail = operand.length();
      while (trail > lead && Character.isWhitespace(operand.charAt(trail - 1))) {
        trail--;
      }
      e = e.substring(0, start) + operand.substring(0, lead) + "(" + operand.substring(lead, trail)
          + ")" + operand.substring(trail) + e.substring(end);
      from = start;
    }
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** Index of the next {@code not} keyword in unary position at or after {@code from}, or -1. */
  private static int nextUnaryNot(String e, int from) {
    char quote = 0;
    for (int i = 0; i < e.length(); i++) {
      char c = e.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      } else if (c == '\'' || c == '"') {
        quote = c;
        continue;
      }
      if (i < from || !e.startsWith("not", i)
          || (i > 0 && (isWordChar(e.charAt(i - 1)) || e.charAt(i - 1) == '.'))
          || (i + 3 < e.length() && isWordChar(e.charAt(i + 3)))) {
        continue;
      }
      int j = i - 1;
      while (j >= 0 && Character.isWhitespace(e.charAt(j))) {
        j--;
      }
      if (j < 0) {
        return i;
      }
      char p = e.charAt(j);
      if (isWordChar(p)) {
        int k = j;
        while (k >= 0 && isWordChar(e.charAt(k))) {
          k--;
        }
        if (BEFORE_UNARY.contains(e.substring(k + 1, j + 1))) {
          return i;
        }
      } else if (p != ')' && p != ']' && p != '}' && p != '\'' && p != '"') {
        return i;
      }
    }
    return -1;
  }

  /** End of the operand of a unary {@code not} starting at {@code from}. */
  private static int operandEnd(String e, int from) {
    int depth = 0;
    char quote = 0;
    int n = e.length();
    // whitespace control of the tag ({{ not x -}}) is not part of the expression
    int limit = n;
    int t = n - 1;
    while (t >= from && Character.isWhitespace(e.charAt(t))) {
      t--;
    }
    if (t >= from && (e.charAt(t) == '-' || e.charAt(t) == '+')) {
      limit = t;
    }
    for (int i = from; i < limit; i++) {
      char c = e.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        if (depth == 0) {
          return i;
        }
        depth--;
      } else if (depth == 0 && (c == ',' || c == ':')) {
        return i;
      } else if (depth == 0 && isWordChar(c) && (i == 0 || !isWordChar(e.charAt(i - 1)))
          && e.charAt(Math.max(0, i - 1)) != '.') {
        int k = i;
        while (k < n && isWordChar(e.charAt(k))) {
          k++;
        }
        if (OPERAND_END.contains(e.substring(i, k))) {
          return i;
        }
        i = k - 1;
      }
    }
    return limit;
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
