package io.minimind.core.data;

import io.minimind.core.tokenizer.ChatMessage;
import io.minimind.core.tokenizer.ChatMlRenderer;
import io.minimind.core.tokenizer.ChatMlRenderer.Segment;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * MiniMind's SFT sample: the conversation rendered by {@link ChatMlRenderer} (no generation
 * prompt), tokenized as one string, truncated to {@code maxSeqLen}. The loss mask is true exactly
 * on assistant reply tokens and their closing {@code <|im_end|>}; not on the {@code
 * <|im_start|>assistant\n} header, nor the {@code \n} after {@code <|im_end|>}, nor other turns.
 *
 * <p>How the spans are found: the whole text is tokenized once (the same ids inference sees;
 * tokenizing messages piecewise can merge whitespace differently at the seams), then each token's
 * byte span in the text is computed from the vocabulary (byte-level BPE: one character of a token
 * is one byte), and a token is a target when its span overlaps an assistant reply segment of the
 * renderer. The spans must add up to the text's UTF-8 length, which is checked. MiniMind instead
 * searches the ids for the tokens of {@code "<|im_start|>assistant\n"}: that breaks whenever a
 * tokenizer merges the header's {@code \n} with a reply's leading whitespace (MiniMind's vocabulary
 * happens to have no such merges), and it also trains the {@code \n} after {@code <|im_end|>}. A
 * token straddling the header and the reply (only with such merges) is a target. A sample whose
 * replies are all truncated away has no targets; the trainer must tolerate that.
 */
public final class SftEncoder {
  private final MiniMindTokenizer tokenizer;
  private final int maxSeqLen;

  public SftEncoder(MiniMindTokenizer tokenizer, int maxSeqLen) {
    if (maxSeqLen < 1) {
      throw new IllegalArgumentException("maxSeqLen must be >= 1, got " + maxSeqLen);
    }
    this.tokenizer = tokenizer;
    this.maxSeqLen = maxSeqLen;
  }

  public TokenizedSample encode(List<ChatMessage> conversation) {
    return encodeWithOffsets(conversation).sample();
  }

  /**
   * A sample with where each of its tokens lies in the rendered text.
   *
   * @param sample the (truncated) sample
   * @param text the rendered conversation, whole
   * @param tokenStart length T + 1: token t covers UTF-8 bytes [tokenStart[t], tokenStart[t + 1])
   *     of {@code text}
   */
  record Encoded(TokenizedSample sample, String text, long[] tokenStart) {}

  Encoded encodeWithOffsets(List<ChatMessage> conversation) {
    List<Segment> segments = ChatMlRenderer.segments(conversation, false, null);
    StringBuilder text = new StringBuilder();
    long[] targets = new long[2 * segments.size()]; // [start, end) byte ranges, ascending
    int nTargets = 0;
    long bytes = 0;
    for (Segment s : segments) {
      long len = s.text().getBytes(StandardCharsets.UTF_8).length;
      if (s.target()) {
        targets[2 * nTargets] = bytes;
        targets[2 * nTargets + 1] = bytes + len;
        nTargets++;
      }
      text.append(s.text());
      bytes += len;
    }
    int[] ids = tokenizer.encode(text.toString());
    boolean[] mask = new boolean[ids.length];
    long[] tokenStart = new long[ids.length + 1];
    long pos = 0;
    int r = 0;
    for (int t = 0; t < ids.length; t++) {
      long start = pos;
      pos += tokenizer.tokenByteLength(ids[t]);
      tokenStart[t + 1] = pos;
      while (r < nTargets && targets[2 * r + 1] <= start) {
        r++;
      }
      mask[t] = r < nTargets && targets[2 * r] < pos;
    }
    if (pos != bytes) {
      throw new IllegalStateException("token byte spans cover " + pos + " bytes but the rendered"
          + " conversation has " + bytes + "; the tokenizer is not byte-level BPE");
    }
    int n = Math.min(ids.length, maxSeqLen);
    return new Encoded(new TokenizedSample(Arrays.copyOf(ids, n), Arrays.copyOf(mask, n)),
        text.toString(), Arrays.copyOf(tokenStart, n + 1));
  }

  public int maxSeqLen() {
    return maxSeqLen;
  }
}
