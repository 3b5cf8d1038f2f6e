package io.minimind.core.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * MiniMind's chat template ({@code tokenizer_config.json}) in Java, for conversations without tool
 * definitions and without assistant {@code tool_calls} (those need a Jinja engine). Output is
 * byte-for-byte what transformers' {@code apply_chat_template} renders:
 *
 * <pre>
 * &lt;|im_start|&gt;system\n{first message if system, else "You are a helpful assistant"}&lt;|im_end|&gt;\n
 * user, or system not first:  &lt;|im_start|&gt;{role}\n{content}&lt;|im_end|&gt;\n
 * assistant:                  &lt;|im_start|&gt;assistant\n{content}&lt;|im_end|&gt;\n
 * run of tool messages:       &lt;|im_start|&gt;user{\n&lt;tool_response&gt;\n{content}\n&lt;/tool_response&gt;}...&lt;|im_end|&gt;\n
 * other roles:                nothing
 * generation prompt:          &lt;|im_start|&gt;assistant\n  (+ "&lt;think&gt;\n\n&lt;/think&gt;\n\n" if enable_thinking is false)
 * </pre>
 */
public final class ChatMlRenderer {
  public static final String IM_START = "<|im_start|>";
  public static final String IM_END = "<|im_end|>";
  public static final String DEFAULT_SYSTEM_PROMPT = "You are a helpful assistant";

  /**
   * A piece of the rendered text.
   *
   * @param text the characters
   * @param target true for an assistant reply and its closing {@code <|im_end|>}: the part SFT trains
   */
  public record Segment(String text, boolean target) {}

  private ChatMlRenderer() {}

  /** Renders with {@code enable_thinking} undefined. */
  public static String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
    return render(messages, addGenerationPrompt, null);
  }

  /**
   * @param enableThinking null means undefined; only {@code false} changes the output
   * @throws IllegalArgumentException when {@code messages} is empty (the template needs one)
   */
  public static String render(
      List<ChatMessage> messages, boolean addGenerationPrompt, Boolean enableThinking) {
    StringBuilder sb = new StringBuilder();
    for (Segment s : segments(messages, addGenerationPrompt, enableThinking)) {
      sb.append(s.text());
    }
    return sb.toString();
  }

  /** The rendering split so that assistant replies (+ {@code <|im_end|>}) are separate segments. */
  public static List<Segment> segments(
      List<ChatMessage> messages, boolean addGenerationPrompt, Boolean enableThinking) {
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("chat template needs at least one message");
    }
    List<Segment> out = new ArrayList<>();
    ChatMessage first = messages.get(0);
    String system = first.role().equals("system") ? first.content() : DEFAULT_SYSTEM_PROMPT;
    out.add(plain(IM_START + "system\n" + system + IM_END + "\n"));
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage m = messages.get(i);
      switch (m.role()) {
        case "user" -> out.add(plain(IM_START + "user\n" + m.content() + IM_END + "\n"));
        case "system" -> {
          if (i > 0) {
            out.add(plain(IM_START + "system\n" + m.content() + IM_END + "\n"));
          }
        }
        case "assistant" -> {
          out.add(plain(IM_START + "assistant\n"));
          out.add(new Segment(m.content() + IM_END, true));
          out.add(plain("\n"));
        }
        case "tool" -> out.add(plain(toolResponse(messages, i)));
        default -> {} // the template renders nothing for other roles
      }
    }
    if (addGenerationPrompt) {
      out.add(plain(IM_START + "assistant\n"));
      if (Boolean.FALSE.equals(enableThinking)) {
        out.add(plain("<think>\n\n</think>\n\n"));
      }
    }
    return out;
  }

  /** Consecutive tool messages share one user turn. */
  private static String toolResponse(List<ChatMessage> messages, int i) {
    StringBuilder sb = new StringBuilder();
    if (i == 0 || !messages.get(i - 1).role().equals("tool")) {
      sb.append(IM_START).append("user");
    }
    sb.append("\n<tool_response>\n").append(messages.get(i).content()).append("\n</tool_response>");
    if (i == messages.size() - 1 || !messages.get(i + 1).role().equals("tool")) {
      sb.append(IM_END).append('\n');
    }
    return sb.toString();
  }

  private static Segment plain(String text) {
    return new Segment(text, false);
  }
}
