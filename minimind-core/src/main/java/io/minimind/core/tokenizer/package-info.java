/**
 * Text to token ids and back: {@link io.minimind.core.tokenizer.MiniMindTokenizer} (MiniMind's
 * byte-level BPE, through DJL's Hugging Face tokenizers binding, shipped as a resource), {@link
 * io.minimind.core.tokenizer.StreamingDetokenizer} (incremental decoding that never emits half a
 * UTF-8 character) and {@link io.minimind.core.tokenizer.ChatMlRenderer} (MiniMind's chat template
 * for {@link io.minimind.core.tokenizer.ChatMessage}s, without tool definitions).
 */
package io.minimind.core.tokenizer;
