package io.minimind.inference.chat;

import java.util.List;
import java.util.Map;

/**
 * A validated {@code POST /v1/chat/completions} request.
 *
 * @param model the requested model name
 * @param messages messages as chat-template values ({@code role}, {@code content}, {@code tool_calls},
 *     {@code tool_call_id}, {@code name})
 * @param tools tool definitions as template values (empty when none, or when tool_choice is none)
 * @param toolChoice what the reply may or must do with the tools ({@link ToolChoice#AUTO} by default)
 * @param templateKwargs extra chat-template variables ({@code chat_template_kwargs}, e.g. enable_thinking)
 * @param stream answer with server-sent events
 * @param includeUsage with {@code stream}: a final chunk with usage
 * @param n choices to generate
 * @param sampling sampling settings (temperature, penalties, logprobs, ...)
 * @param maxTokens tokens to generate at most, or null for "until the context is full"
 * @param stop stop strings (at most 4)
 * @param seed the seed of choice 0 (choice i uses seed + i), or null for a random one
 */
public record ChatRequest(String model, List<Map<String, Object>> messages,
    List<Map<String, Object>> tools, ToolChoice toolChoice, Map<String, Object> templateKwargs, boolean stream,
    boolean includeUsage, int n, Sampling sampling, Integer maxTokens, List<String> stop, Long seed) {

  /** The sampling parameters that do not depend on the prompt. */
  public record Sampling(double temperature, double topP, int topK, double repetitionPenalty,
      double presencePenalty, double frequencyPenalty, boolean logprobs, int topLogprobs) {}
}
