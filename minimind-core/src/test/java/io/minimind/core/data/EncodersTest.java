package io.minimind.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.minimind.core.tokenizer.ChatMessage;
import io.minimind.core.tokenizer.ChatMlRenderer;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EncodersTest {
  static MiniMindTokenizer tok;

  @BeforeAll
  static void load() {
    tok = MiniMindTokenizer.defaultTokenizer();
  }

  @AfterAll
  static void close() {
    tok.close();
  }

  private static String maskedText(TokenizedSample s) {
    List<Integer> kept = new ArrayList<>();
    for (int t = 0; t < s.length(); t++) {
      if (s.lossMask()[t]) {
        kept.add(s.ids()[t]);
      }
    }
    return tok.decode(kept.stream().mapToInt(Integer::intValue).toArray());
  }

  @Test
  void pretrainAddsBosEosAndMasksTheBos() {
    TokenizedSample s = new PretrainEncoder(tok, 512).encode("Hello, world!");
    assertArrayEquals(new int[] {1, 42, 392, 338, 14, 1636, 3, 2}, s.ids());
    boolean[] mask = new boolean[8];
    Arrays.fill(mask, 1, 8, true);
    assertArrayEquals(mask, s.lossMask());
  }

  @Test
  void pretrainTruncatesButKeepsEos() {
    TokenizedSample s = new PretrainEncoder(tok, 4).encode("Hello, world!");
    assertArrayEquals(new int[] {1, 42, 392, 2}, s.ids());
    assertEquals(3, s.targetCount());
  }

  @Test
  void sftMasksExactlyTheRepliesAndTheirImEnd() {
    List<ChatMessage> conv = List.of(ChatMessage.user("你好，请介绍一下自己"),
        ChatMessage.assistant("reply1"), ChatMessage.user("What is 2+2?"),
        ChatMessage.assistant("reply2"));
    TokenizedSample s = new SftEncoder(tok, 1024).encode(conv);
    assertArrayEquals(tok.encode(ChatMlRenderer.render(conv, false)), s.ids(), "whole-text ids");
    assertEquals("reply1<|im_end|>reply2<|im_end|>", maskedText(s));
    assertFalse(s.lossMask()[s.length() - 1], "the final \\n is not a target");
  }

  @Test
  void sftChineseRepliesWithMultiByteTokens() {
    List<ChatMessage> conv = List.of(ChatMessage.system("你是MiniMind"),
        ChatMessage.user("鑫是什么意思？"), ChatMessage.assistant("鑫，意思是财富兴盛。😀"));
    TokenizedSample s = new SftEncoder(tok, 1024).encode(conv);
    assertEquals("鑫，意思是财富兴盛。😀<|im_end|>", maskedText(s));
  }

  /** Leading newlines of a reply are targets; the header's own "\n" is not. */
  @Test
  void sftReplyStartingWithNewlines() {
    List<ChatMessage> conv = List.of(ChatMessage.user("q"), ChatMessage.assistant("\n\nx"));
    TokenizedSample s = new SftEncoder(tok, 1024).encode(conv);
    assertEquals("\n\nx<|im_end|>", maskedText(s));
  }

  @Test
  void sftTruncates() {
    List<ChatMessage> conv = List.of(ChatMessage.user("q"), ChatMessage.assistant("a long reply"));
    TokenizedSample full = new SftEncoder(tok, 1024).encode(conv);
    TokenizedSample cut = new SftEncoder(tok, full.length() - 3).encode(conv);
    assertArrayEquals(Arrays.copyOf(full.ids(), full.length() - 3), cut.ids());
    assertArrayEquals(Arrays.copyOf(full.lossMask(), full.length() - 3), cut.lossMask());
  }

  /**
   * Naive reference: MiniMind's generate_labels (search "<|im_start|>assistant\n", label through
   * "<|im_end|>\n"), minus the "\n" this project deliberately does not train.
   */
  @Test
  void sftAgreesWithMiniMindLabelsExceptTheTrailingNewline() {
    List<ChatMessage> conv = List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello!"),
        ChatMessage.user("再见"), ChatMessage.assistant("再见，祝你愉快！"),
        ChatMessage.tool("{\"ok\": true}"), ChatMessage.assistant("Done."));
    TokenizedSample s = new SftEncoder(tok, 1024).encode(conv);
    int[] ids = s.ids();
    int[] bos = tok.encode("<|im_start|>assistant\n");
    int[] eos = tok.encode("<|im_end|>\n");
    boolean[] expected = new boolean[ids.length];
    for (int i = 0; i < ids.length; i++) {
      if (startsWith(ids, i, bos)) {
        int start = i + bos.length;
        int end = start;
        while (end < ids.length && !startsWith(ids, end, eos)) {
          end++;
        }
        for (int j = start; j < Math.min(end + eos.length, ids.length); j++) {
          expected[j] = j < end + 1; // drop the "\n" of "<|im_end|>\n"
        }
        i = end;
      }
    }
    assertArrayEquals(expected, s.lossMask());
  }

  private static boolean startsWith(int[] ids, int at, int[] pattern) {
    if (at + pattern.length > ids.length) {
      return false;
    }
    for (int k = 0; k < pattern.length; k++) {
      if (ids[at + k] != pattern[k]) {
        return false;
      }
    }
    return true;
  }
}
