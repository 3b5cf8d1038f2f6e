package io.minimind.templates;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One assistant tool call, as OpenAI-style messages carry it: {@code {"id", "type": "function",
 * "function": {"name", "arguments"}}}.
 *
 * @param id optional call id (null: left out)
 * @param type usually {@code function}
 * @param name the function name
 * @param arguments a JSON string, or an object (maps, lists, strings, numbers, booleans) that the
 *     template may render with {@code tojson}
 */
public record ToolCall(String id, String type, String name, Object arguments) {
  public ToolCall {
    Objects.requireNonNull(name, "name");
    type = type == null ? "function" : type;
  }

  public static ToolCall function(String name, Object arguments) {
    return new ToolCall(null, "function", name, arguments);
  }

  /** The dict a Python caller would pass. */
  public Map<String, Object> toTemplateValue() {
    Map<String, Object> function = new LinkedHashMap<>();
    function.put("name", name);
    function.put("arguments", arguments);
    Map<String, Object> m = new LinkedHashMap<>();
    if (id != null) {
      m.put("id", id);
    }
    m.put("type", type);
    m.put("function", function);
    return m;
  }
}
