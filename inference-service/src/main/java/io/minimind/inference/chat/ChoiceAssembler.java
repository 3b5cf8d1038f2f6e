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
  private final boolean singleCall;
  private final List<TokenChoice> logprobs = new ArrayList<>();
  private int logprobsTaken;
  private boolean sawToolCall;

  private ChoiceAssembler(MiniMindTokenizer tokenizer, List<String> stopStrings, ReplyParser parser,
      boolean singleCall) {
    this.tokenizer = tokenizer;
    this.detokenizer = new StreamingDetokenizer(tokenizer, true);
    this.stops = new StopMatcher(stopStrings);
    this.parser = parser;
    this.singleCall = singleCall;
  }

  /**
   * A chat reply: reasoning, content, and tool calls as {@code toolChoice} allows. The reply text
   * the prompt forced ({@link ChatPrompt#forcedReply}) goes to the parser first, as if generated;
   * it skips the stop matcher, as stop strings apply to what the model writes.
   */
  public static ChoiceAssembler chat(MiniMindTokenizer tokenizer, List<String> stopStrings,
      ChatPrompt prompt, ToolChoice toolChoice, ReplyParser.ToolCallJson json) {
    ReplyParser parser = new ReplyParser(prompt.startsInReasoning(), toolChoice.parsesToolCalls() ? json : null);
    if (!parser.feed(prompt.forcedReply()).isEmpty()) {
      // the forced text ends inside an open tool-call block, so it completes no part by itself
      throw new IllegalStateException("forced reply completed a part: " + prompt.forcedReply());
    }
    return new ChoiceAssembler(tokenizer, stopStrings, parser, toolChoice.singleCall());
  }

  /** Plain text completion: no reasoning or tool-call parsing ({@code /v1/completions}). */
  public static ChoiceAssembler plainText(MiniMindTokenizer tokenizer, List<String> stopStrings) {
    return new ChoiceAssembler(tokenizer, stopStrings, null, false);
  }

  /** The parts that a new token completes (often none, or one content delta). */
  public List<ReplyParser.Part> accept(TokenChoice token) {
    if (!Float.isNaN(token.logprob())) {
      logprobs.add(token);
    }
    String text = stops.feed(detokenizer.push(token.token()));
    return note(parse(text));
  }

  /**
   * True once the reply is complete and the caller stops generating: a stop string ended the text,
   * or the one call a named {@code tool_choice} asked for is complete.
   */
  public boolean complete() {
    return stops.stopped() || (singleCall && sawToolCall);
  }

  /** Generation ended: the remaining parts. */
  public List<ReplyParser.Part> finish() {
    if (complete()) {
      return List.of(); // what the parser still holds came after the end of the reply
    }
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

  /**
   * The log-probabilities not taken yet: a stream sends each token's entry with the first chunk
   * after it, as a token held back (half a character, a possible stop string or tag) belongs to
   * the text that chunk carries.
   */
  public List<TokenChoice> takeNewLogprobs() {
    List<TokenChoice> out = List.copyOf(logprobs.subList(logprobsTaken, logprobs.size()));
    logprobsTaken = logprobs.size();
    return out;
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

  /** Notes tool calls; with a single forced call, drops whatever the model wrote after it. */
  private List<ReplyParser.Part> note(List<ReplyParser.Part> parts) {
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i) instanceof ReplyParser.ToolCall) {
        sawToolCall = true;
        if (singleCall) {
          return parts.subList(0, i + 1);
        }
      }
    }
    return parts;
  }
}
