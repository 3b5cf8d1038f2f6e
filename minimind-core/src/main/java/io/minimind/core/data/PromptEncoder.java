package io.minimind.core.data;

import io.minimind.core.tokenizer.ChatMessage;
import io.minimind.core.tokenizer.ChatMlRenderer;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import java.util.Arrays;
import java.util.List;

/**
 * An RL prompt, as MiniMind's RLAIF dataset builds it: the conversation up to its last user
 * message (a trailing reference answer is dropped), rendered with the generation prompt
 * ({@code <|im_start|>assistant\n}). Nothing is a loss target: the policy's own completions are.
 * A prompt longer than {@code maxSeqLen} keeps its last {@code maxSeqLen} tokens, so the
 * generation prompt and the latest question survive.
 */
public final class PromptEncoder {
  private final MiniMindTokenizer tokenizer;
  private final int maxSeqLen;

  public PromptEncoder(MiniMindTokenizer tokenizer, int maxSeqLen) {
    if (maxSeqLen < 1) {
      throw new IllegalArgumentException("maxSeqLen must be >= 1, got " + maxSeqLen);
    }
    this.tokenizer = tokenizer;
    this.maxSeqLen = maxSeqLen;
  }

  public TokenizedSample encode(List<ChatMessage> conversation) {
    int last = conversation.size();
    while (last > 0 && !"user".equals(conversation.get(last - 1).role())) {
      last--; // drop the reference answer (and anything after the last question)
    }
    int[] ids = tokenizer.encode(ChatMlRenderer.render(conversation.subList(0, last), true));
    if (ids.length > maxSeqLen) {
      ids = Arrays.copyOfRange(ids, ids.length - maxSeqLen, ids.length);
    }
    return new TokenizedSample(ids, new boolean[ids.length]);
  }
}
