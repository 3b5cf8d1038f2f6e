package io.minimind.core.sampling;

import ai.djl.ndarray.NDManager;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.tokenizer.ChatMessage;
import io.minimind.core.tokenizer.ChatMlRenderer;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import io.minimind.core.tokenizer.StreamingDetokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One chat turn end to end: render the conversation with the chat template, tokenize, generate
 * until {@code <|im_end|>}, and stream the decoded reply text. When the conversation does not fit
 * the context together with the reply budget, the oldest turns are dropped (a leading system
 * message is kept).
 */
public final class ChatSession {
  private final MiniMindModel model;
  private final MiniMindTokenizer tokenizer;
  private final Generator generator;

  public ChatSession(MiniMindModel model, MiniMindTokenizer tokenizer, NDManager manager) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.generator = new Generator(model, manager);
  }

  /** The reply and how generation ended. */
  public record Reply(String text, int promptTokens, int completionTokens, FinishReason reason) {}

  /**
   * Generates the assistant's reply to {@code messages}.
   *
   * @param maxNewTokens reply budget; stop ids are added: the tokenizer's end of turn
   * @param onText receives the reply text piece by piece as it is decoded (may be null)
   */
  public Reply reply(List<ChatMessage> messages, GenerationConfig settings, Consumer<String> onText) {
    int budget = model.config().maxPositionEmbeddings() - settings.maxNewTokens();
    int[] prompt = fit(new ArrayList<>(messages), budget);
    GenerationConfig cfg = new GenerationConfig(settings.maxNewTokens(), settings.temperature(),
        settings.topK(), settings.topP(), settings.repetitionPenalty(),
        withStop(settings.stopIds(), tokenizer.eosId()), settings.seed());
    StreamingDetokenizer detok = new StreamingDetokenizer(tokenizer, true);
    StringBuilder text = new StringBuilder();
    GenerationResult r = generator.generate(prompt, cfg, (row, token) -> {
      String piece = cfg.isStop(token) ? "" : detok.push(token);
      emit(piece, text, onText);
      return true;
    });
    emit(detok.flush(), text, onText);
    return new Reply(text.toString(), prompt.length, r.tokens().length, r.reason());
  }

  private static void emit(String piece, StringBuilder text, Consumer<String> onText) {
    if (!piece.isEmpty()) {
      text.append(piece);
      if (onText != null) {
        onText.accept(piece);
      }
    }
  }

  /** Tokenized prompt, dropping the oldest non-system messages until it fits {@code budget}. */
  private int[] fit(List<ChatMessage> messages, int budget) {
    if (budget < 1) {
      throw new IllegalArgumentException("max new tokens leaves no room for a prompt in the context of "
          + model.config().maxPositionEmbeddings());
    }
    while (true) {
      int[] ids = tokenizer.encode(ChatMlRenderer.render(messages, true));
      int first = !messages.isEmpty() && "system".equals(messages.get(0).role()) ? 1 : 0;
      if (ids.length <= budget) {
        return ids;
      }
      if (messages.size() - first <= 1) {
        throw new IllegalArgumentException("the message is " + ids.length
            + " tokens; at most " + budget + " fit with max new tokens " + (model.config().maxPositionEmbeddings() - budget));
      }
      messages.remove(first);
    }
  }

  private static int[] withStop(int[] stops, int eos) {
    for (int s : stops) {
      if (s == eos) {
        return stops;
      }
    }
    int[] out = java.util.Arrays.copyOf(stops, stops.length + 1);
    out[stops.length] = eos;
    return out;
  }
}
