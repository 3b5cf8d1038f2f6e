package io.minimind.inference.chat;

import io.minimind.core.serving.TokenChoice;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import io.minimind.core.tokenizer.StreamingDetokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one choice's generated tokens into what the API sends: token → text (UTF-8 safe across
 * token boundaries) → stop strings cut → reasoning / content / tool calls. Used the same way for
 * streaming (each {@link #accept} result becomes a chunk) and for whole responses (the parts are
 * concatenated).
 */
public final class ChoiceAssembler {
  private final StreamingDetokenizer detokenizer;
  private final StopMatcher stops;
  private final ReplyParser parser;
  private final MiniMindTokenizer tokenizer;
  private final List<TokenChoice> logprobs = new ArrayList<>();
  private boolean sawToolCall;

  public ChoiceAssembler(MiniMindTokenizer tokenizer, List<String> stopStrings, boolean startInReasoning,
      ReplyParser.ToolCallJson json) {
    this.tokenizer = tokenizer;
    this.detokenizer = new StreamingDetokenizer(tokenizer, true);
    this.stops = new StopMatcher(stopStrings);
    this.parser = json == null ? null : new ReplyParser(startInReasoning, json);
  }

  /** Plain text completion: no reasoning or tool-call parsing ({@code /v1/completions}). */
  public static ChoiceAssembler plainText(MiniMindTokenizer tokenizer, List<String> stopStrings) {
    return new ChoiceAssembler(tokenizer, stopStrings, false, null);
  }

  /** The parts that a new token completes (often none, or one content delta). */
  public List<ReplyParser.Part> accept(TokenChoice token) {
    if (!Float.isNaN(token.logprob())) {
      logprobs.add(token);
    }
    String text = stops.feed(detokenizer.push(token.token()));
    return note(parse(text));
  }

  /** True once a stop string ended the text: the caller stops generating. */
  public boolean stopStringSeen() {
    return stops.stopped();
  }

  /** Generation ended: the remaining parts. */
  public List<ReplyParser.Part> finish() {
    String tail = stops.stopped() ? "" : stops.feed(detokenizer.flush()) + stops.flush();
    List<ReplyParser.Part> out = new ArrayList<>(parse(tail));
    if (parser != null) {
      out.addAll(parser.finish());
    }
    return note(out);
  }

  /** Whether any tool call was parsed (finish_reason becomes {@code tool_calls}). */
  public boolean sawToolCall() {
    return sawToolCall;
  }

  /** The chosen tokens with their log-probabilities, when requested. */
  public List<TokenChoice> logprobs() {
    return logprobs;
  }

  public MiniMindTokenizer tokenizer() {
    return tokenizer;
  }

  private List<ReplyParser.Part> parse(String text) {
    if (parser != null) {
      return parser.feed(text);
    }
    return text.isEmpty() ? List.of() : List.of(new ReplyParser.Content(text));
  }

  private List<ReplyParser.Part> note(List<ReplyParser.Part> parts) {
    for (ReplyParser.Part p : parts) {
      sawToolCall |= p instanceof ReplyParser.ToolCall;
    }
    return parts;
  }
}
