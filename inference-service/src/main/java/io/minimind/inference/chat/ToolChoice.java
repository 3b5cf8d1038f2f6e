package io.minimind.inference.chat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * OpenAI's {@code tool_choice}, and how it is enforced without constrained decoding: the reply is
 * forced to begin with the opening of a tool call in MiniMind's chat-template format
 * ({@code <tool_call>\n{"name": "X", "arguments": ...}\n</tool_call>}). That text is appended to
 * the prompt, so the model can only continue it, and is fed to the {@link ReplyParser} as if the
 * model had written it, so the call it completes is parsed like any other.
 *
 * @param mode what the model may do
 * @param function with {@link Mode#FUNCTION}: the one function it must call; else null
 */
public record ToolChoice(Mode mode, String function) {
  public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
  public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
  public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

  /** OpenAI's four cases. */
  public enum Mode {
    /** The tools are not shown to the model and no tool call is parsed from its reply. */
    NONE,
    /** The model decides; tool calls in its reply are parsed. */
    AUTO,
    /** The reply starts with a tool call (to any of the tools), perhaps followed by more. */
    REQUIRED,
    /** The reply is exactly one call to {@link #function}. */
    FUNCTION
  }

  public ToolChoice {
    if ((mode == Mode.FUNCTION) != (function != null)) {
      throw new IllegalArgumentException("a function name goes with Mode.FUNCTION only");
    }
  }

  public static ToolChoice function(String name) {
    return new ToolChoice(Mode.FUNCTION, name);
  }

  /** Whether {@code <tool_call>} blocks in the reply become tool calls (else they stay content). */
  public boolean parsesToolCalls() {
    return mode != Mode.NONE;
  }

  /** Whether generation ends once the first tool call is complete (a named function: one call). */
  public boolean singleCall() {
    return mode == Mode.FUNCTION;
  }

  /**
   * The text the reply is forced to start with ("" when nothing is forced). The name is written as
   * a JSON string, as the chat template writes it when the call is in the history.
   */
  public String forcedReply() {
    return switch (mode) {
      case NONE, AUTO -> "";
      case REQUIRED -> ReplyParser.TOOL_OPEN + "\n";
      case FUNCTION -> ReplyParser.TOOL_OPEN + "\n{\"name\": \""
          + new String(JsonStringEncoder.getInstance().quoteAsString(function)) + "\", \"arguments\": ";
    };
  }
}
