package io.minimind.inference.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minimind.core.serving.TokenChoice;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import java.util.List;

/**
 * How a {@link ChatStream}'s chunks look: the chat API's {@code chat.completion.chunk} with a
 * {@code delta} per choice, or the legacy completions API's {@code text_completion} with a
 * {@code text}. Everything else about a stream (ordering, finish, usage, [DONE], disconnects) is
 * the same for both.
 */
enum ChunkFormat {
  /** {@code /v1/chat/completions}: deltas, an opening chunk with the role, logprobs per chunk. */
  CHAT {
    @Override
    String object() {
      return "chat.completion.chunk";
    }

    @Override
    boolean opensWithRole() {
      return true;
    }

    @Override
    ObjectNode logprobs(ChatJson shapes, List<TokenChoice> tokens, MiniMindTokenizer tok, int textOffset) {
      return shapes.logprobs(tokens, tok);
    }

    @Override
    void putBody(ObjectNode choice, ObjectNode delta) {
      choice.set("delta", delta);
    }
  },
  /** {@code /v1/completions}: the delta's content as {@code text}; no role; legacy logprobs. */
  TEXT {
    @Override
    String object() {
      return "text_completion";
    }

    @Override
    boolean opensWithRole() {
      return false;
    }

    @Override
    ObjectNode logprobs(ChatJson shapes, List<TokenChoice> tokens, MiniMindTokenizer tok, int textOffset) {
      return shapes.legacyLogprobs(tokens, tok, textOffset);
    }

    @Override
    void putBody(ObjectNode choice, ObjectNode delta) {
      choice.put("text", delta.path("content").asText(""));
    }
  };

  /** The chunks' {@code object} field. */
  abstract String object();

  /** Whether each choice opens with a chunk holding {@code role: assistant}. */
  abstract boolean opensWithRole();

  /**
   * A chunk's logprobs object for its tokens: chat's {@code content} entries, or the legacy
   * {@code tokens}/{@code token_logprobs}/{@code top_logprobs}/{@code text_offset} lists whose
   * offsets start at {@code textOffset}.
   */
  abstract ObjectNode logprobs(ChatJson shapes, List<TokenChoice> tokens, MiniMindTokenizer tok,
      int textOffset);

  /** Writes a chat-shaped delta into the choice of a chunk, in this format. */
  abstract void putBody(ObjectNode choice, ObjectNode delta);
}
