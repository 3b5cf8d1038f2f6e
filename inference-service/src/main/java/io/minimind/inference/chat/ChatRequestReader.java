package io.minimind.inference.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minimind.core.serving.InvalidParameterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an OpenAI chat-completions body into a {@link ChatRequest}, checking every field OpenAI
 * (and vLLM's extensions: {@code top_k}, {@code repetition_penalty}, {@code chat_template_kwargs})
 * defines; a wrong one is an {@link InvalidParameterException} naming it, which the API returns
 * as a 400 error with {@code param}. Unknown fields are ignored, as OpenAI's SDKs send new ones.
 */
public final class ChatRequestReader {
  private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");
  private static final int MAX_N = 8;
  private static final int MAX_STOPS = 4;
  private final ObjectMapper json;

  public ChatRequestReader(ObjectMapper json) {
    this.json = json;
  }

  public ChatRequest read(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidParameterException("body", "the request body must be a JSON object");
    }
    String model = text(body, "model", true);
    List<Map<String, Object>> messages = messages(body.get("messages"));
    List<Map<String, Object>> declared = tools(body.get("tools"));
    ToolChoice toolChoice = toolChoice(body.get("tool_choice"), declared);
    List<Map<String, Object>> tools = toolChoice.mode() == ToolChoice.Mode.NONE ? List.of() : declared;
    Map<String, Object> kwargs = body.has("chat_template_kwargs") && !body.get("chat_template_kwargs").isNull()
        ? object(body.get("chat_template_kwargs"), "chat_template_kwargs") : Map.of();
    boolean stream = bool(body, "stream", false);
    JsonNode opts = body.get("stream_options");
    boolean includeUsage = opts != null && opts.isObject() && opts.path("include_usage").asBoolean(false);
    int n = integer(body, "n", 1);
    if (n < 1 || n > MAX_N) {
      throw new InvalidParameterException("n", "n must be in [1, " + MAX_N + "], got " + n);
    }
    Integer maxTokens = body.hasNonNull("max_completion_tokens") ? (Integer) integer(body, "max_completion_tokens", 0)
        : body.hasNonNull("max_tokens") ? (Integer) integer(body, "max_tokens", 0) : null;
    if (maxTokens != null && maxTokens < 1) {
      String p = body.hasNonNull("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
      throw new InvalidParameterException(p, p + " must be >= 1, got " + maxTokens);
    }
    boolean logprobs = bool(body, "logprobs", false);
    ChatRequest.Sampling sampling = new ChatRequest.Sampling(number(body, "temperature", 1.0),
        number(body, "top_p", 1.0), integer(body, "top_k", 0), number(body, "repetition_penalty", 1.0),
        number(body, "presence_penalty", 0), number(body, "frequency_penalty", 0), logprobs,
        integer(body, "top_logprobs", 0));
    Long seed = body.hasNonNull("seed") ? (Long) longValue(body, "seed") : null;
    return new ChatRequest(model, messages, tools, toolChoice, kwargs, stream, includeUsage, n, sampling, maxTokens,
        stops(body.get("stop")), seed);
  }

  private List<Map<String, Object>> messages(JsonNode node) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw new InvalidParameterException("messages", "messages must be a non-empty array");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode m = node.get(i);
      String where = "messages[" + i + "]";
      if (!m.isObject()) {
        throw new InvalidParameterException(where, where + " must be an object");
      }
      String role = m.path("role").asText(null);
      if (role == null || !ROLES.contains(role)) {
        throw new InvalidParameterException(where + ".role", where + ".role must be one of " + ROLES
            + ", got " + m.get("role"));
      }
      Map<String, Object> msg = new LinkedHashMap<>();
      msg.put("role", role);
      msg.put("content", content(m.get("content"), where + ".content"));
      if (m.hasNonNull("tool_calls")) {
        msg.put("tool_calls", json.convertValue(m.get("tool_calls"), List.class));
      }
      if (m.hasNonNull("tool_call_id")) {
        msg.put("tool_call_id", m.get("tool_call_id").asText());
      }
      if (m.hasNonNull("name")) {
        msg.put("name", m.get("name").asText());
      }
      out.add(msg);
    }
    return out;
  }

  /** A string, null, or OpenAI's array of parts (only text parts: this is a text model). */
  private static String content(JsonNode c, String where) {
    if (c == null || c.isNull()) {
      return "";
    }
    if (c.isTextual()) {
      return c.asText();
    }
    if (c.isArray()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode part : c) {
        if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
          throw new InvalidParameterException(where, where + ": only text parts are supported, got " + part);
        }
        sb.append(part.get("text").asText());
      }
      return sb.toString();
    }
    throw new InvalidParameterException(where, where + " must be a string or an array of text parts");
  }

  private List<Map<String, Object>> tools(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new InvalidParameterException("tools", "tools must be an array");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode t = node.get(i);
      if (!"function".equals(t.path("type").asText()) || !t.path("function").path("name").isTextual()) {
        throw new InvalidParameterException("tools[" + i + "]",
            "tools[" + i + "] must be {\"type\": \"function\", \"function\": {\"name\": ...}}");
      }
      out.add(object(t, "tools[" + i + "]"));
    }
    return out;
  }

  /**
   * none, auto, required or {"type": "function", "function": {"name": X}} with X one of the tools.
   * As in OpenAI's API, a tool_choice (even none or auto) needs tools: sent without them it is
   * most likely a client bug, which silently ignoring it would hide.
   */
  private static ToolChoice toolChoice(JsonNode node, List<Map<String, Object>> tools) {
    if (node == null || node.isNull()) {
      return ToolChoice.AUTO;
    }
    ToolChoice choice;
    if (node.isTextual() && Set.of("none", "auto", "required").contains(node.asText())) {
      choice = switch (node.asText()) {
        case "none" -> ToolChoice.NONE;
        case "required" -> ToolChoice.REQUIRED;
        default -> ToolChoice.AUTO;
      };
    } else if (node.isObject() && "function".equals(node.path("type").asText())
        && node.path("function").path("name").isTextual()) {
      choice = ToolChoice.function(node.get("function").get("name").asText());
    } else {
      throw new InvalidParameterException("tool_choice", "tool_choice must be none, auto, required or "
          + "{\"type\": \"function\", \"function\": {\"name\": ...}}, got " + node);
    }
    if (tools.isEmpty()) {
      throw new InvalidParameterException("tool_choice", "tool_choice is only allowed when tools are given");
    }
    if (choice.mode() == ToolChoice.Mode.FUNCTION && tools.stream()
        .noneMatch(t -> choice.function().equals(functionName(t)))) {
      throw new InvalidParameterException("tool_choice", "tool_choice names the function "
          + choice.function() + ", which is not among the tools");
    }
    return choice;
  }

  private static Object functionName(Map<String, Object> tool) {
    return tool.get("function") instanceof Map<?, ?> f ? f.get("name") : null;
  }

  private static List<String> stops(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (node.isTextual()) {
      out.add(node.asText());
    } else if (node.isArray() && node.size() <= MAX_STOPS) {
      for (JsonNode s : node) {
        if (!s.isTextual() || s.asText().isEmpty()) {
          throw new InvalidParameterException("stop", "stop must hold non-empty strings");
        }
        out.add(s.asText());
      }
    } else {
      throw new InvalidParameterException("stop", "stop must be a string or an array of at most "
          + MAX_STOPS + " strings");
    }
    return out;
  }

  private Map<String, Object> object(JsonNode node, String name) {
    if (!node.isObject()) {
      throw new InvalidParameterException(name, name + " must be an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = json.convertValue(node, LinkedHashMap.class);
    return m;
  }

  private static String text(JsonNode body, String name, boolean required) {
    JsonNode v = body.get(name);
    if (v == null || v.isNull()) {
      if (required) {
        throw new InvalidParameterException(name, name + " is required");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidParameterException(name, name + " must be a string");
    }
    return v.asText();
  }

  private static boolean bool(JsonNode body, String name, boolean fallback) {
    JsonNode v = body.get(name);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw new InvalidParameterException(name, name + " must be true or false, got " + v);
    }
    return v.asBoolean();
  }

  private static double number(JsonNode body, String name, double fallback) {
    JsonNode v = body.get(name);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isNumber()) {
      throw new InvalidParameterException(name, name + " must be a number, got " + v);
    }
    return v.asDouble();
  }

  private static int integer(JsonNode body, String name, int fallback) {
    JsonNode v = body.get(name);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new InvalidParameterException(name, name + " must be an integer, got " + v);
    }
    return v.asInt();
  }

  private static long longValue(JsonNode body, String name) {
    JsonNode v = body.get(name);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new InvalidParameterException(name, name + " must be an integer, got " + v);
    }
    return v.asLong();
  }
}
