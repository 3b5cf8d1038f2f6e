package io.minimind.core.tokenizer;

import java.util.Arrays;

/**
 * Turns a stream of generated ids into text deltas without ever emitting half a character. A
 * Chinese character is often 2-3 byte-level tokens; decoding those alone yields U+FFFD.
 *
 * <p>Algorithm (as in Hugging Face text-generation-inference): keep a window {@code
 * ids[prefix..]}; after each id decode {@code ids[prefix..read)} (already emitted) and {@code
 * ids[prefix..]}; if the second is longer and does not end in U+FFFD, emit the difference and slide
 * the window. A model that really generates U+FFFD last is held back until the next id or {@link
 * #flush()}. Not thread-safe: one instance per generation.
 */
public final class StreamingDetokenizer {
  private final MiniMindTokenizer tokenizer;
  private final boolean skipSpecialTokens;
  private int[] ids = new int[16];
  private int size;
  private int read; // ids[0, read) have been emitted; ids[0, ...) starts at the window prefix

  public StreamingDetokenizer(MiniMindTokenizer tokenizer) {
    this(tokenizer, false);
  }

  public StreamingDetokenizer(MiniMindTokenizer tokenizer, boolean skipSpecialTokens) {
    this.tokenizer = tokenizer;
    this.skipSpecialTokens = skipSpecialTokens;
  }

  /** Adds one id; returns the newly completed text, possibly "". */
  public String push(int id) {
    if (size == ids.length) {
      ids = Arrays.copyOf(ids, size * 2);
    }
    ids[size++] = id;
    String prefix = decode(0, read);
    String full = decode(0, size);
    if (full.length() > prefix.length() && !full.endsWith("\uFFFD")) {
      String delta = full.substring(prefix.length());
      // slide: the emitted chunk ids[read, size) becomes the next prefix (context for decoding)
      System.arraycopy(ids, read, ids, 0, size - read);
      size -= read;
      read = size;
      return delta;
    }
    return "";
  }

  /** Emits whatever is held back (with U+FFFD for an incomplete character) and resets. */
  public String flush() {
    String full = decode(0, size);
    String delta = full.substring(Math.min(full.length(), decode(0, read).length()));
    size = 0;
    read = 0;
    return delta;
  }

  private String decode(int from, int to) {
    return from == to ? "" : tokenizer.decode(Arrays.copyOfRange(ids, from, to), skipSpecialTokens);
  }
}
