package io.minimind.core.tokenizer.bpe;

/**
 * GPT-2's byte-to-unicode table, as HF's ByteLevel pre-tokenizer uses it: bytes {@code 33..126},
 * {@code 161..172} and {@code 174..255} stand for themselves, the other 68 bytes map in order to
 * {@code U+0100..U+0143} (so a space is {@code Ġ}, a newline {@code Ċ}). A token's vocabulary
 * string is its UTF-8 bytes mapped through this table.
 */
public final class ByteLevel {
  private static final char[] BYTE_TO_CHAR = new char[256];
  private static final int[] CHAR_TO_BYTE = new int[0x144];

  static {
    java.util.Arrays.fill(CHAR_TO_BYTE, -1);
    int n = 0;
    for (int b = 0; b < 256; b++) {
      boolean self = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174);
      char c = self ? (char) b : (char) (256 + n++);
      BYTE_TO_CHAR[b] = c;
      CHAR_TO_BYTE[c] = b;
    }
  }

  private ByteLevel() {}

  /** The character standing for byte {@code b} (0..255). */
  public static char charOf(int b) {
    return BYTE_TO_CHAR[b & 0xFF];
  }

  /** The byte that {@code c} stands for, or -1 when {@code c} is not a byte-level character. */
  public static int byteOf(char c) {
    return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
  }

  /** {@code bytes[off, off+len)} as a byte-level string. */
  public static String encode(byte[] bytes, int off, int len) {
    char[] out = new char[len];
    for (int i = 0; i < len; i++) {
      out[i] = BYTE_TO_CHAR[bytes[off + i] & 0xFF];
    }
    return new String(out);
  }

  /** The bytes of a byte-level string. */
  public static byte[] decode(String s) {
    byte[] out = new byte[s.length()];
    for (int i = 0; i < out.length; i++) {
      int b = byteOf(s.charAt(i));
      if (b < 0) {
        throw new IllegalArgumentException("not a byte-level string: " + s);
      }
      out[i] = (byte) b;
    }
    return out;
  }

  /**
   * The 256 bytes in the order HF's trainer numbers its initial alphabet: sorted by the code point
   * of their byte-level character ({@code !} first, {@code Ń} = byte 0xAD last).
   */
  public static int[] alphabetOrder() {
    int[] order = new int[256];
    int k = 0;
    for (char c = 0; c < CHAR_TO_BYTE.length; c++) {
      if (CHAR_TO_BYTE[c] >= 0) {
        order[k++] = CHAR_TO_BYTE[c];
      }
    }
    return order;
  }
}
