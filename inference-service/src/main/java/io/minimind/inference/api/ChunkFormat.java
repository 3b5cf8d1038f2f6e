package io.minimind.inference.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

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
    boolean carriesLogprobs() {
      return true;
    }

    @Override
    void putBody(ObjectNode choice, ObjectNode delta) {
      choice.set("delta", delta);
    }
  },
  /** {@code /v1/completions}: the delta's content as {@code text}; no role, no logprobs. */
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
    boolean carriesLogprobs() {
      return false; // the legacy logprobs format is not written (docs/architecture.md, Not yet)
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

  /** Whether chunks carry the logprobs of their tokens. */
  abstract boolean carriesLogprobs();

  /** Writes a chat-shaped delta into the choice of a chunk, in this format. */
  abstract void putBody(ObjectNode choice, ObjectNode delta);
}
