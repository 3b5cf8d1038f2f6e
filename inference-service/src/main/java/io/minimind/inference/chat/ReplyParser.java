package io.minimind.inference.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a model's streamed reply into what OpenAI-style clients expect: reasoning (inside
 * {@code <think>…</think>}, sent as {@code reasoning_content} / {@code reasoning}), plain content,
 * and tool calls (each {@code <tool_call>\n{"name": …, "arguments": …}\n</tool_call>} block, the
 * format of MiniMind's chat template). Text is released as soon as it cannot be the start of a
 * tag; a tool-call block is released whole when it closes. A block whose body is not a JSON
 * object with a string {@code name} stays content, as vLLM's parsers do.
 */
public final class ReplyParser {
  static final String THINK_OPEN = "<think>";
  static final String THINK_CLOSE = "</think>";
  static final String TOOL_OPEN = "<tool_call>";
  static final String TOOL_CLOSE = "</tool_call>";

  /** One piece of parsed output. */
  public sealed interface Part {}

  public record Content(String text) implements Part {}

  public record Reasoning(String text) implements Part {}

  /** A complete tool call; {@code argumentsJson} is the arguments object as JSON text. */
  public record ToolCall(String name, String argumentsJson) implements Part {}

  private enum Mode { CONTENT, REASONING, TOOL }

  private final StringBuilder pending = new StringBuilder();
  private final ToolCallJson json;
  private Mode mode = Mode.CONTENT;
  /** Just left reasoning: newlines before the answer are dropped, however they are chunked. */
  private boolean afterThink;

  /**
   * @param startInReasoning the prompt already opened {@code <think>}
   * @param json reads tool-call bodies; null when tool calls are not parsed ({@code tool_choice:
   *     none}): {@code <tool_call>} is then plain content
   */
  public ReplyParser(boolean startInReasoning, ToolCallJson json) {
    this.json = json;
    this.mode = startInReasoning ? Mode.REASONING : Mode.CONTENT;
  }

  /** Reads a tool call's JSON body: the name and the arguments as JSON text, or null if invalid. */
  @FunctionalInterface
  public interface ToolCallJson {
    ToolCall parse(String body);
  }

  /** Adds text; returns the parts that are complete. */
  public List<Part> feed(String text) {
    pending.append(text);
    List<Part> out = new ArrayList<>();
    boolean progress = true;
    while (progress) {
      progress = step(out, false);
    }
    return out;
  }

  /** Generation ended: everything left is released (an unclosed block as what it was). */
  public List<Part> finish() {
    List<Part> out = new ArrayList<>();
    while (step(out, true)) {
      // drain
    }
    if (pending.length() > 0) {
      String rest = pending.toString();
      pending.setLength(0);
      add(out, mode == Mode.REASONING ? new Reasoning(rest)
          : new Content(mode == Mode.TOOL ? TOOL_OPEN + rest : rest));
    }
    return out;
  }

  /** Consumes what it can from {@code pending}; false when it needs more text. */
  private boolean step(List<Part> out, boolean atEnd) {
    if (afterThink) {
      stripLeadingNewlines();
    }
    if (pending.length() == 0) {
      return false;
    }
    afterThink = false;
    if (mode == Mode.TOOL) {
      int close = pending.indexOf(TOOL_CLOSE);
      if (close < 0) {
        return false;
      }
      String body = pending.substring(0, close);
      pending.delete(0, close + TOOL_CLOSE.length());
      ToolCall call = json.parse(body.strip());
      add(out, call != null ? call : new Content(TOOL_OPEN + body + TOOL_CLOSE));
      mode = Mode.CONTENT;
      return true;
    }
    List<String> tags = mode == Mode.REASONING ? List.of(THINK_CLOSE)
        : json == null ? List.of(THINK_OPEN) : List.of(THINK_OPEN, TOOL_OPEN);
    int at = -1;
    String tag = null;
    for (String t : tags) {
      int i = pending.indexOf(t);
      if (i >= 0 && (at < 0 || i < at)) {
        at = i;
        tag = t;
      }
    }
    if (at >= 0) {
      emit(out, pending.substring(0, at));
      pending.delete(0, at + tag.length());
      mode = tag.equals(THINK_CLOSE) ? Mode.CONTENT : tag.equals(THINK_OPEN) ? Mode.REASONING : Mode.TOOL;
      afterThink = tag.equals(THINK_CLOSE);
      return true;
    }
    int keep = atEnd ? 0 : heldBack(tags);
    String free = pending.substring(0, pending.length() - keep);
    pending.delete(0, free.length());
    emit(out, free);
    return false;
  }

  /** MiniMind writes "</think>\n\n" before the answer; the blank lines are not content. */
  private void stripLeadingNewlines() {
    while (pending.length() > 0 && pending.charAt(0) == '\n') {
      pending.deleteCharAt(0);
    }
  }

  private int heldBack(List<String> tags) {
    int best = 0;
    for (String t : tags) {
      for (int k = Math.min(t.length() - 1, pending.length()); k > best; k--) {
        if (t.startsWith(pending.substring(pending.length() - k))) {
          best = k;
          break;
        }
      }
    }
    return best;
  }

  private void emit(List<Part> out, String text) {
    if (!text.isEmpty()) {
      add(out, mode == Mode.REASONING ? new Reasoning(text) : new Content(text));
    }
  }

  /** Merges with the previous part of the same kind, so callers get one delta per kind per feed. */
  private static void add(List<Part> out, Part p) {
    if (!out.isEmpty()) {
      Part last = out.get(out.size() - 1);
      if (last instanceof Content a && p instanceof Content b) {
        out.set(out.size() - 1, new Content(a.text() + b.text()));
        return;
      }
      if (last instanceof Reasoning a && p instanceof Reasoning b) {
        out.set(out.size() - 1, new Reasoning(a.text() + b.text()));
        return;
      }
    }
    out.add(p);
  }
}
