package io.minimind.templates;

import io.minimind.core.tokenizer.ChatMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One chat message with everything HF chat templates read. Fields that are null are left out of
 * the dict the template sees (so {@code message.tool_calls is defined} is false), except {@code
 * content}, which is always present (None when null), as in OpenAI-style messages.
 *
 * @param role system, user, assistant, tool, or anything the template knows
 * @param content a string, a list of content parts (maps), or null
 * @param reasoningContent the assistant's thinking, for templates that render {@code
 *     reasoning_content}
 * @param toolCalls assistant tool calls, or null
 * @param toolCallId for role tool: the call this answers
 * @param name for role tool (or a named participant), or null
 */
public record TemplateMessage(
    String role,
    Object content,
    String reasoningContent,
    List<ToolCall> toolCalls,
    String toolCallId,
    String name) {
  public TemplateMessage {
    Objects.requireNonNull(role, "role");
    toolCalls = toolCalls == null ? null : List.copyOf(toolCalls);
  }

  public static TemplateMessage of(String role, Object content) {
    return new TemplateMessage(role, content, null, null, null, null);
  }

  public static TemplateMessage of(ChatMessage m) {
    return of(m.role(), m.content());
  }

  public static TemplateMessage assistantToolCalls(String content, List<ToolCall> calls) {
    return new TemplateMessage("assistant", content, null, calls, null, null);
  }

  public static TemplateMessage toolResult(String toolCallId, String name, String content) {
    return new TemplateMessage("tool", content, null, null, toolCallId, name);
  }

  /** The dict a Python caller would pass. */
  public Map<String, Object> toTemplateValue() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("role", role);
    m.put("content", content);
    if (reasoningContent != null) {
      m.put("reasoning_content", reasoningContent);
    }
    if (toolCalls != null) {
      m.put("tool_calls", toolCalls.stream().map(ToolCall::toTemplateValue).toList());
    }
    if (toolCallId != null) {
      m.put("tool_call_id", toolCallId);
    }
    if (name != null) {
      m.put("name", name);
    }
    return m;
  }
}
