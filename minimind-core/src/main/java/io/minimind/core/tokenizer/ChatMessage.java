package io.minimind.core.tokenizer;

import java.util.Objects;

/**
 * One turn of a conversation.
 *
 * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}; the chat template
 *     drops any other role
 * @param content the text; null is stored as "" (the template renders non-string content as "")
 */
public record ChatMessage(String role, String content) {
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    content = content == null ? "" : content;
  }

  public static ChatMessage system(String content) {
    return new ChatMessage("system", content);
  }

  public static ChatMessage user(String content) {
    return new ChatMessage("user", content);
  }

  public static ChatMessage assistant(String content) {
    return new ChatMessage("assistant", content);
  }

  public static ChatMessage tool(String content) {
    return new ChatMessage("tool", content);
  }
}
