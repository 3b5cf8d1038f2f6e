package io.minimind.core.data;

import io.minimind.core.tokenizer.ChatMessage;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A reasoning-SFT sample (MiniMind's train_reason.py): encoded exactly as {@link SftEncoder} does
 * (same ids, same loss mask), plus loss weights: a counted target token that overlaps one of the
 * tags {@code <think>}, {@code </think>}, {@code <answer>}, {@code </answer>} in the rendered text
 * weighs {@code tagWeight} (MiniMind: 10), every other counted target 1. The trainer divides the
 * weighted sum by the number of counted targets, not by the weight sum, as MiniMind does.
 *
 * <p>How MiniMind finds them: it tokenizes each tag alone and gives weight 10 to every target whose
 * id is among those ids. With MiniMind's 6400-token vocabulary (ours) no tag is one token: {@code
 * <think>} is {@code < th ink >}, {@code </answer>} is {@code </ ans w er >}; so MiniMind also
 * raises every other {@code <}, {@code >}, {@code w}, {@code er}... in the replies. We weight the
 * tokens of the tags themselves, found by their byte spans in the text (as {@link SftEncoder} finds
 * replies), which is what the weighting is for and does not depend on how a vocabulary splits the
 * tags (MiniMind-3's vocabulary has {@code <think>} as one token).
 */
public final class ReasonEncoder {
  /** The tags whose tokens get the raised weight. */
  public static final List<String> TAGS = List.of("<think>", "</think>", "<answer>", "</answer>");

  /** MiniMind's weight of the tag tokens. */
  public static final double DEFAULT_TAG_WEIGHT = 10;

  private final SftEncoder sft;
  private final float tagWeight;

  /**
   * @param tagWeight loss weight of the tag tokens (> 0; 1 makes this plain SFT)
   */
  public ReasonEncoder(MiniMindTokenizer tokenizer, int maxSeqLen, double tagWeight) {
    if (!(tagWeight > 0) || Double.isInfinite(tagWeight)) {
      throw new IllegalArgumentException("tagWeight must be a finite number > 0, got " + tagWeight);
    }
    this.sft = new SftEncoder(tokenizer, maxSeqLen);
    this.tagWeight = (float) tagWeight;
  }

  public TokenizedSample encode(List<ChatMessage> conversation) {
    SftEncoder.Encoded e = sft.encodeWithOffsets(conversation);
    TokenizedSample s = e.sample();
    long[] tags = tagRanges(e.text());
    float[] weights = new float[s.length()];
    int r = 0;
    for (int t = 0; t < s.length(); t++) {
      if (!s.lossMask()[t]) {
        continue;
      }
      long start = e.tokenStart()[t];
      long end = e.tokenStart()[t + 1];
      while (r < tags.length / 2 && tags[2 * r + 1] <= start) {
        r++;
      }
      boolean onTag = r < tags.length / 2 && tags[2 * r] < end;
      weights[t] = onTag ? tagWeight : 1f;
    }
    return new TokenizedSample(s.ids(), s.lossMask(), weights);
  }

  /** [start, end) UTF-8 byte ranges of every tag occurrence in {@code text}, ascending. */
  static long[] tagRanges(String text) {
    List<long[]> found = new ArrayList<>();
    long bytes = 0;
    for (int i = 0; i < text.length(); ) {
      if (text.charAt(i) == '<') {
        for (String tag : TAGS) {
          if (text.startsWith(tag, i)) {
            found.add(new long[] {bytes, bytes + tag.length()}); // tags are ASCII: 1 byte a char
          }
        }
      }
      int cp = text.codePointAt(i);
      bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      i += Character.charCount(cp);
    }
    long[] out = new long[2 * found.size()];
    for (int k = 0; k < found.size(); k++) {
      out[2 * k] = found.get(k)[0];
      out[2 * k + 1] = found.get(k)[1];
    }
    return out;
  }
}
