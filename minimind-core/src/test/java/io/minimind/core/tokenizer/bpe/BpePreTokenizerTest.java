package io.minimind.core.tokenizer.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link ByteLevelPreTokenizer} against HF: expected pieces (as byte-level strings) come from
 * {@code tools/reference/bpe_reference.py pretok} (tokenizers 0.23.2); random strings against the
 * GPT-2 regex as the naive reference.
 */
class BpePreTokenizerTest {
  private static final Pattern GPT2 = Pattern.compile(
      "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
      Pattern.UNICODE_CHARACTER_CLASS);

  private static final Object[][] HF_CASES = {
      c("Hello world",
          "Hello", "\u0120world"),
      c("I'm don't we'll they've she'd it's you're",
          "I", "'m", "\u0120don", "'t", "\u0120we", "'ll", "\u0120they", "'ve", "\u0120she", "'d", "\u0120it", "'s", "\u0120you", "'re"),
      c("'S 'T 'Ll",
          "'", "S", "\u0120'", "T", "\u0120'", "Ll"),
      c("x's''s",
          "x", "'s", "''", "s"),
      c("a  b   c    d",
          "a", "\u0120", "\u0120b", "\u0120\u0120", "\u0120c", "\u0120\u0120\u0120", "\u0120d"),
      c("a \tb",
          "a", "\u0120", "\u0109", "b"),
      c("line1\nline2\n\n  indented",
          "line", "1", "\u010a", "line", "2", "\u010a\u010a\u0120", "\u0120indented"),
      c("trailing   ",
          "trailing", "\u0120\u0120\u0120"),
      c("   leading",
          "\u0120\u0120", "\u0120leading"),
      c("123 4567 \u0663\u0664 \u00b2\u00b3 \u216b",
          "123", "\u01204567", "\u0120\u00d9\u00a3\u00d9\u00a4", "\u0120\u00c2\u00b2\u00c2\u00b3", "\u0120\u00e2\u0127\u00ab"),
      c("abc123def",
          "abc", "123", "def"),
      c("\u5e8a\u524d\u660e\u6708\u5149\uff0c\u7591\u662f\u5730\u4e0a\u971c\u3002",
          "\u00e5\u00ba\u012c\u00e5\u012b\u012f\u00e6\u013a\u0130\u00e6\u013e\u012a\u00e5\u0127\u012b", "\u00ef\u00bc\u012e", "\u00e7\u0138\u0133\u00e6\u013a\u00af\u00e5\u013e\u00b0\u00e4\u00b8\u012c\u00e9\u013e\u013e", "\u00e3\u0122\u0124"),
      c("\u4e2d\u6587 English \u6df7\u5408123",
          "\u00e4\u00b8\u0143\u00e6\u0138\u0129", "\u0120English", "\u0120\u00e6\u00b7\u00b7\u00e5\u0132\u012a", "123"),
      c("emoji \ud83d\ude00\ud83d\udc4d\ud83c\udffd ok",
          "emoji", "\u0120\u00f0\u0141\u013a\u0122\u00f0\u0141\u0133\u012f\u00f0\u0141\u0131\u00bd", "\u0120ok"),
      c("tabs\t\tand\r\nwindows",
          "tabs", "\u0109", "\u0109", "and", "\u010d", "\u010a", "windows"),
      c("nbsp\u00a0here\u3000ideo\u2003em\u0085nel",
          "nbsp", "\u00c2\u0142", "here", "\u00e3\u0122\u0122", "ideo", "\u00e2\u0122\u0125", "em", "\u00c2\u0127", "nel"),
      c("ctrl\u001c\u001f\u000b\fx",
          "ctrl", "\u011c\u011f", "\u010b", "\u010c", "x"),
      c("?!... --- ==>",
          "?!...", "\u0120---", "\u0120==>"),
      c(" ",
          "\u0120"),
      c(""),
      c("\u00e9 caf\u00e9 na\u00efve",
          "\u00c3\u00a9", "\u0120caf\u00c3\u00a9", "\u0120na\u00c3\u00afve"),
      c("\u00df \u01c5 \u02b0 \u30fc \u3005 \u3007",
          "\u00c3\u0141", "\u0120\u00c7\u0127", "\u0120\u00ca\u00b0", "\u0120\u00e3\u0125\u00bc", "\u0120\u00e3\u0122\u0127", "\u0120\u00e3\u0122\u0129"),
      c("<|im_start|>user\nhi<|im_end|>",
          "<|", "im", "_", "start", "|>", "user", "\u010a", "hi", "<|", "im", "_", "end", "|>")
  };

  private static Object[] c(String text, String... pieces) {
    return new Object[] {text, List.of(pieces)};
  }

  static List<String> pieces(String text) {
    List<String> out = new ArrayList<>();
    ByteLevelPreTokenizer.split(text, (s, a, b) -> {
      byte[] u = s.subSequence(a, b).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.add(ByteLevel.encode(u, 0, u.length));
    });
    return out;
  }

  static List<String> regexPieces(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = GPT2.matcher(text);
    while (m.find()) {
      byte[] u = m.group().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.add(ByteLevel.encode(u, 0, u.length));
    }
    return out;
  }

  @Test
  void matchesHuggingFaceOnTrickyStrings() {
    for (Object[] c : HF_CASES) {
      assertEquals(c[1], pieces((String) c[0]), () -> "pieces of " + c[0]);
    }
  }

  @Test
  void matchesTheRegexOnRandomStrings() {
    String alphabet = "ab Z09'sdtlrevm\t\n\r\u00a0\u3000\u0085\u001c中文，。😀²Ⅻ-_.!?'";
    Random rnd = new Random(7);
    for (int n = 0; n < 20000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = rnd.nextInt(24);
      for (int i = 0; i < len; i++) {
        int k = rnd.nextInt(alphabet.length());
        char ch = alphabet.charAt(k);
        if (Character.isHighSurrogate(ch)) {
          sb.append(ch).append(alphabet.charAt(k + 1));
        } else if (!Character.isLowSurrogate(ch)) {
          sb.append(ch);
        }
      }
      String s = sb.toString();
      assertEquals(regexPieces(s), pieces(s), () -> "pieces of [" + s + "]");
    }
  }
}
