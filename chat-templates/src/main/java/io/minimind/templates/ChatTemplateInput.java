package io.minimind.templates;

import io.minimind.core.tokenizer.ChatMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The arguments of transformers' {@code apply_chat_template(messages, tools=...,
 * add_generation_prompt=..., **kwargs)}.
 *
 * @param messages the conversation
 * @param tools JSON-schema tool definitions ({@code {"type": "function", "function": {...}}}), or
 *     null (the template then sees {@code tools} as None)
 * @param addGenerationPrompt append the assistant turn header
 * @param enableThinking null leaves {@code enable_thinking} undefined
 * @param chatTemplateKwargs any further template variables (e.g. {@code reasoning_effort}); they
 *     override the ones above and the tokenizer's special tokens, as Python's kwargs do
 */
public record ChatTemplateInput(
    List<TemplateMessage> messages,
    List<Map<String, Object>> tools,
    boolean addGenerationPrompt,
    Boolean enableThinking,
    Map<String, Object> chatTemplateKwargs) {
  public ChatTemplateInput {
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    chatTemplateKwargs = chatTemplateKwargs == null ? Map.of() : chatTemplateKwargs;
  }

  public static ChatTemplateInput of(List<TemplateMessage> messages, boolean addGenerationPrompt) {
    return new ChatTemplateInput(messages, null, addGenerationPrompt, null, null);
  }

  /** From the core's plain messages (role + content). */
  public static ChatTemplateInput ofChat(
      List<ChatMessage> messages, boolean addGenerationPrompt, Boolean enableThinking) {
    return new ChatTemplateInput(
        messages.stream().map(TemplateMessage::of).toList(),
        null,
        addGenerationPrompt,
        enableThinking,
        null);
  }

  public ChatTemplateInput withTools(List<Map<String, Object>> tools) {
    return new ChatTemplateInput(
        messages, tools, addGenerationPrompt, enableThinking, chatTemplateKwargs);
  }

  public ChatTemplateInput withEnableThinking(Boolean enableThinking) {
    return new ChatTemplateInput(
        messages, tools, addGenerationPrompt, enableThinking, chatTemplateKwargs);
  }

  public ChatTemplateInput withKwargs(Map<String, Object> kwargs) {
    return new ChatTemplateInput(messages, tools, addGenerationPrompt, enableThinking, kwargs);
  }

  /** The template variables, before the tokenizer's special tokens are added. */
  Map<String, Object> variables() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("messages", messages.stream().map(TemplateMessage::toTemplateValue).toList());
    v.put("tools", tools);
    v.put("documents", null);
    v.put("add_generation_prompt", addGenerationPrompt);
    if (enableThinking != null) {
      v.put("enable_thinking", enableThinking);
    }
    v.putAll(chatTemplateKwargs);
    return v;
  }
}
