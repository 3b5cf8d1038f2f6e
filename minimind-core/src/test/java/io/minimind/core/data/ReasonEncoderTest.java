package io.minimind.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minimind.core.tokenizer.ChatMessage;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where reasoning SFT puts its raised loss weights. */
class ReasonEncoderTest {
  static final List<ChatMessage> CONVERSATION = List.of(ChatMessage.user("<think>?"),
      new ChatMessage("assistant", "<think>\n2>1</think>\n<answer>yes</answer>"));

  @Test
  void tagTokensOfTheReplyWeighTen() {
    try (MiniMindTokenizer tok = MiniMindTokenizer.defaultTokenizer()) {
      TokenizedSample s = new ReasonEncoder(tok, 1024, 10).encode(CONVERSATION);
      // The reply tokenizes (MiniMind's vocabulary, checked with HF tokenizers) as
      //  29 <  30 th  31 ink  32 >  33 \n  34 2  35 >  36 1  37 </  38 th  39 ink  40 >  41 \n
      //  42 <  43 ans  44 w  45 er  46 >  47 y  48 es  49 </  50 ans  51 w  52 er  53 >
      //  54 <|im_end|>  55 \n (not a target). Tokens 0..28 are the system and user turns
      // (17..20 the user's own "<think>", not a target) and the assistant header.
      assertEquals(56, s.length());
      assertArrayEquals(new int[] {30, 450, 1573, 32, 201, 20, 32, 19, 5540, 450, 1573, 32},
          Arrays.copyOfRange(s.ids(), 29, 41));
      float[] expected = new float[56];
      float[] reply = {10, 10, 10, 10, 1, 1, 1, 1, 10, 10, 10, 10, 1, // <think>\n2>1</think>\n
          10, 10, 10, 10, 10, 1, 1, 10, 10, 10, 10, 10, 1}; // <answer>yes</answer><|im_end|>
      System.arraycopy(reply, 0, expected, 29, reply.length);
      float[] actual = new float[56];
      for (int t = 0; t < 56; t++) {
        actual[t] = s.weight(t);
      }
      System.out.println("reason weights from token 29: "
          + Arrays.toString(Arrays.copyOfRange(actual, 29, 56)));
      assertArrayEquals(expected, actual);
      // Token 35 is ">" (id 32) of "2>1": MiniMind's id-based rule would weigh it 10 too.
      assertEquals(32, s.ids()[35]);
      assertEquals(1f, s.weight(35));
      // the ids and the mask are exactly SFT's
      TokenizedSample sft = new SftEncoder(tok, 1024).encode(CONVERSATION);
      assertArrayEquals(sft.ids(), s.ids());
      assertArrayEquals(sft.lossMask(), s.lossMask());
    }
  }

  @Test
  void truncationKeepsWeightsAligned() {
    try (MiniMindTokenizer tok = MiniMindTokenizer.defaultTokenizer()) {
      TokenizedSample s = new ReasonEncoder(tok, 40, 10).encode(CONVERSATION);
      assertEquals(40, s.length());
      assertEquals(10f, s.weight(39)); // "ink" of "</think>", the last token kept
      assertEquals(1f, s.weight(35));
    }
  }

  @Test
  void badWeightsAreRefused() {
    try (MiniMindTokenizer tok = MiniMindTokenizer.defaultTokenizer()) {
      var e = assertThrows(IllegalArgumentException.class, () -> new ReasonEncoder(tok, 64, 0));
      assertTrue(e.getMessage().contains("tagWeight must be a finite number > 0, got 0.0"), e.getMessage());
    }
    var e2 = assertThrows(IllegalArgumentException.class, () -> new TokenizedSample(new int[] {1, 2},
        new boolean[] {false, true}, new float[] {1, 1}));
    assertTrue(e2.getMessage().contains("loss weight 1.0 at position 0"), e2.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new TokenizedSample(new int[] {1, 2},
        new boolean[] {false, true}, new float[] {0}));
  }
}
