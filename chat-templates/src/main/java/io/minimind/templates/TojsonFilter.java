package io.minimind.templates;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.List;
import java.util.Map;

/**
 * transformers' {@code tojson}: {@code json.dumps(x, ensure_ascii=False, indent=None,
 * separators=None, sort_keys=False)}, with no HTML escaping (Jinjava's own {@code tojson} uses
 * Jackson's compact form, {@code {"a":1}}, where Python writes {@code {"a": 1}}).
 */
final class TojsonFilter implements Filter {
  @Override
  public String getName() {
    return "tojson";
  }

  @Override
  public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
    return filter(var, interpreter, args, Map.of());
  }

  @Override
  public Object filter(
      Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
    Object indent = kwargs.containsKey("indent") ? kwargs.get("indent") : arg(args, 1);
    boolean ensureAscii = PyValues.truthy(kwargs.getOrDefault("ensure_ascii", arg(args, 0)));
    Object separators = kwargs.containsKey("separators") ? kwargs.get("separators") : arg(args, 2);
    boolean sortKeys = PyValues.truthy(kwargs.getOrDefault("sort_keys", arg(args, 3)));
    String item = null;
    String key = null;
    if (separators instanceof List<?> seps && seps.size() == 2) {
      item = String.valueOf(seps.get(0));
      key = String.valueOf(seps.get(1));
    }
    return new PyJson(indent, item, key, ensureAscii, sortKeys).write(var);
  }

  private static Object arg(Object[] args, int i) {
    return args != null && args.length > i ? PyValues.unwrap(args[i]) : null;
  }
}
