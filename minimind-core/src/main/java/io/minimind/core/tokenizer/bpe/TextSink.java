package io.minimind.core.tokenizer.bpe;

import java.nio.charset.StandardCharsets;

/**
 * Pre-tokenizes texts and counts their words into one {@link WordCounts}: each piece of {@link
 * ByteLevelPreTokenizer} is UTF-8 encoded into a reused buffer (lone surrogates become U+FFFD), so
 * counting allocates nothing per word. One per thread.
 */
final class TextSink implements ByteLevelPreTokenizer.PieceSink {
  final WordCounts counts = new WordCounts();
  private byte[] buf = new byte[256];
  long texts;
  long words;

  /** Counts the words of one sequence (one HF training input). */
  void text(String s) {
    texts++;
    ByteLevelPreTokenizer.split(s, this);
  }

  @Override
  public void piece(CharSequence s, int start, int end) {
    if ((end - start) * 3 > buf.length) {
      buf = new byte[(end - start) * 3 * 2];
    }
    int n = 0;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        buf[n++] = (byte) c;
      } else if (c < 0x800) {
        buf[n++] = (byte) (0xC0 | (c >> 6));
        buf[n++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < end
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        buf[n++] = (byte) (0xF0 | (cp >> 18));
        buf[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[n++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        int cp = Character.isSurrogate(c) ? 0xFFFD : c;
        buf[n++] = (byte) (0xE0 | (cp >> 12));
        buf[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[n++] = (byte) (0x80 | (cp & 0x3F));
      }
    }
    counts.add(buf, 0, n, 1);
    words++;
  }

  static String utf8(byte[] b, int off, int len) {
    return new String(b, off, len, StandardCharsets.UTF_8);
  }
}
