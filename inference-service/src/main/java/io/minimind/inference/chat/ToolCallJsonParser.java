package io.minimind.inference.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a {@code <tool_call>} body: a JSON object with a string {@code name} and {@code arguments}. */
public final class ToolCallJsonParser implements ReplyParser.ToolCallJson {
  private final ObjectMapper json;

  public ToolCallJsonParser(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public ReplyParser.ToolCall parse(String body) {
    try {
      JsonNode n = json.readTree(body);
      if (n == null || !n.isObject() || !n.path("name").isTextual()) {
        return null;
      }
      JsonNode args = n.path("arguments");
      String argsJson = args.isTextual() ? args.asText() : json.writeValueAsString(
          args.isMissingNode() ? json.createObjectNode() : args);
      return new ReplyParser.ToolCall(n.get("name").asText(), argsJson);
    } catch (Exception e) {
      return null; // not JSON: the block stays content
    }
  }
}
