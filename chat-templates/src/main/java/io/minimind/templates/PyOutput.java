package io.minimind.templates;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.expression.ExpressionStrategy;
import com.hubspot.jinjava.tree.ExpressionNode;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.output.RenderedOutputNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import com.hubspot.jinjava.util.ScopeMap;
import java.util.ListIterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{ expr }}} printed like jinja2's {@code str(value)}: {@code True}/{@code False} for
 * booleans and {@code None} for a None value (a {@code none} literal or a variable/attribute that
 * exists with a null value), while an undefined variable still prints as the empty string. Jinjava
 * prints {@code true} and {@code ""}; its parsed tree is rewritten to use this strategy for every
 * expression node.
 */
final class PyOutput implements ExpressionStrategy {
  private static final long serialVersionUID = 1L;
  static final PyOutput INSTANCE = new PyOutput();

  /** name, then .attr or ['key'] / ["key"] parts. */
  private static final Pattern PATH =
      Pattern.compile("[A-Za-z_]\\w*(?:\\s*\\.\\s*[A-Za-z_]\\w*|\\s*\\[\\s*(?:'[^'\\\\]*'|\"[^\"\\\\]*\")\\s*\\])*");
  private static final Pattern PART =
      Pattern.compile("\\.\\s*([A-Za-z_]\\w*)|\\[\\s*(?:'([^'\\\\]*)'|\"([^\"\\\\]*)\")\\s*\\]");

  private PyOutput() {}

  /** Replaces every expression node under {@code node} with one using this strategy. */
  static void install(Node node) {
    if (node.getChildren() == null) {
      return;
    }
    ListIterator<Node> it = node.getChildren().listIterator();
    while (it.hasNext()) {
      Node child = it.next();
      if (child instanceof ExpressionNode && child.getMaster() instanceof ExpressionToken token) {
        ExpressionNode replacement = new ExpressionNode(INSTANCE, token);
        replacement.setParent(node);
        it.set(replacement);
      } else {
        install(child);
      }
    }
  }

  @Override
  public RenderedOutputNode interpretOutput(ExpressionToken master, JinjavaInterpreter interpreter) {
    Object var = interpreter.resolveELExpression(master.getExpr(), interpreter.getLineNumber());
    return new RenderedOutputNode(str(var, master.getExpr(), interpreter));
  }

  static String str(Object var, String expr, JinjavaInterpreter interpreter) {
    var = PyValues.unwrap(var);
    if (var instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (var == null) {
      return isDefinedNone(expr.strip(), interpreter.getContext()) ? "None" : "";
    }
    if ((var instanceof Iterable<?> || var instanceof Map<?, ?>) && holdsBooleanOrNone(var, 0)) {
      StringBuilder sb = new StringBuilder();
      repr(var, sb, 0);
      return sb.toString();
    }
    return interpreter.getAsString(var);
  }

  private static boolean holdsBooleanOrNone(Object v, int depth) {
    v = PyValues.unwrap(v);
    if (v == null || v instanceof Boolean) {
      return true;
    } else if (depth > 50) {
      return false;
    } else if (v instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (holdsBooleanOrNone(e.getKey(), depth + 1) || holdsBooleanOrNone(e.getValue(), depth + 1)) {
          return true;
        }
      }
    } else if (v instanceof Iterable<?> it) {
      for (Object o : it) {
        if (holdsBooleanOrNone(o, depth + 1)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Python's {@code repr} of template values (lists, dicts, strings, numbers, True/None). */
  static void repr(Object v, StringBuilder sb, int depth) {
    v = PyValues.unwrap(v);
    if (depth > 100) {
      sb.append("...");
    } else if (v == null) {
      sb.append("None");
    } else if (v instanceof Boolean b) {
      sb.append(b ? "True" : "False");
    } else if (v instanceof Number n) {
      sb.append(PyJson.number(n));
    } else if (v instanceof CharSequence cs) {
      reprString(cs.toString(), sb);
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sb.append(first ? "" : ", ");
        first = false;
        repr(e.getKey(), sb, depth + 1);
        sb.append(": ");
        repr(e.getValue(), sb, depth + 1);
      }
      sb.append('}');
    } else if (v instanceof Iterable<?> it) {
      sb.append('[');
      boolean first = true;
      for (Object o : it) {
        sb.append(first ? "" : ", ");
        first = false;
        repr(o, sb, depth + 1);
      }
      sb.append(']');
    } else {
      sb.append(v);
    }
  }

  private static void reprString(String s, StringBuilder sb) {
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    sb.append(q);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == q || c == '\\') {
        sb.append('\\').append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\x%02x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append(q);
  }

  /** Whether a null result is jinja2's None rather than an undefined value. */
  private static boolean isDefinedNone(String expr, Context context) {
    if (expr.equals("none") || expr.equals("None")) {
      return true;
    }
    if (!PATH.matcher(expr).matches()) {
      return false;
    }
    int nameEnd = 0;
    while (nameEnd < expr.length()
        && (Character.isLetterOrDigit(expr.charAt(nameEnd)) || expr.charAt(nameEnd) == '_')) {
      nameEnd++;
    }
    String name = expr.substring(0, nameEnd);
    Object current = null;
    boolean found = false;
    for (ScopeMap<String, Object> scope = context; scope != null && !found; scope = scope.getParent()) {
      if (scope.getScope().containsKey(name)) {
        found = true;
        current = scope.getScope().get(name);
      }
    }
    if (!found) {
      return false;
    }
    Matcher m = PART.matcher(expr);
    int from = nameEnd;
    while (from < expr.length() && m.find(from)) {
      String key = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
        return false;
      }
      current = map.get(key);
      from = m.end();
      while (from < expr.length() && Character.isWhitespace(expr.charAt(from))) {
        from++;
      }
    }
    return current == null;
  }
}
