package io.minimind.core.tokenizer.bpe;

/**
 * HF's ByteLevel pre-tokenizer split ({@code use_regex=true}, {@code add_prefix_space=false}),
 * written out as a scanner instead of the regex {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+|
 * ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+} (leftmost alternative wins, as in Oniguruma). {@code \s} is the
 * Unicode White_Space property (so U+00A0, U+3000 and U+0085 are spaces, U+001C..U+001F are not),
 * {@code \p{L}} and {@code \p{N}} are Unicode letters and numbers. Pieces cover the text exactly.
 * The regex itself is kept in the tests as the naive reference.
 */
public final class ByteLevelPreTokenizer {
  /** Receives each piece as UTF-16 indices {@code [start, end)} of the text. */
  @FunctionalInterface
  public interface PieceSink {
    void piece(CharSequence text, int start, int end);
  }

  private ByteLevelPreTokenizer() {}

  /** Calls {@code sink} for each pre-token of {@code text}, left to right. */
  public static void split(CharSequence text, PieceSink sink) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      int end = next(text, i, n);
      sink.piece(text, i, end);
      i = end;
    }
  }

  /** End of the piece starting at {@code i}. */
  static int next(CharSequence s, int i, int n) {
    char c = s.charAt(i);
    if (c == '\'' && i + 1 < n) {
      char d = s.charAt(i + 1);
      if (d == 's' || d == 't' || d == 'm' || d == 'd') {
        return i + 2;
      }
      if (i + 2 < n) {
        char e = s.charAt(i + 2);
        if ((d == 'r' && e == 'e') || (d == 'v' && e == 'e') || (d == 'l' && e == 'l')) {
          return i + 3;
        }
      }
    }
    int j = c == ' ' && i + 1 < n ? i + 1 : i;
    int cp = Character.codePointAt(s, j);
    int cls = classOf(cp);
    if (cls != SPACE) {
      // ` ?\p{L}+`, ` ?\p{N}+` or ` ?[^\s\p{L}\p{N}]+`: a run of one class.
      int k = j + Character.charCount(cp);
      while (k < n) {
        int q = Character.codePointAt(s, k);
        if (classOf(q) != cls) {
          break;
        }
        k += Character.charCount(q);
      }
      return k;
    }
    // Whitespace at i: the run, minus its last character when a non-space follows (`\s+(?!\S)`),
    // or the whole run when that would leave nothing (`\s+`).
    int k = i;
    int last = i;
    while (k < n) {
      int q = Character.codePointAt(s, k);
      if (!isSpace(q)) {
        break;
      }
      last = k;
      k += Character.charCount(q);
    }
    if (k == n || last == i) {
      return k;
    }
    return last;
  }

  static final int LETTER = 0;
  static final int NUMBER = 1;
  static final int OTHER = 2;
  static final int SPACE = 3;

  static int classOf(int cp) {
    if (cp < 128) {
      if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
        return LETTER;
      }
      if (cp >= '0' && cp <= '9') {
        return NUMBER;
      }
      return isSpace(cp) ? SPACE : OTHER;
    }
    switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER:
      case Character.LOWERCASE_LETTER:
      case Character.TITLECASE_LETTER:
      case Character.MODIFIER_LETTER:
      case Character.OTHER_LETTER:
        return LETTER;
      case Character.DECIMAL_DIGIT_NUMBER:
      case Character.LETTER_NUMBER:
      case Character.OTHER_NUMBER:
        return NUMBER;
      default:
        return isSpace(cp) ? SPACE : OTHER;
    }
  }

  /** Unicode White_Space. */
  static boolean isSpace(int cp) {
    if (cp <= ' ') {
      return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
    }
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A)
        || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
  }
}
