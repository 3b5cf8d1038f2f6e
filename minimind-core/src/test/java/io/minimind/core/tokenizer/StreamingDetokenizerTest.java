package io.minimind.core.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StreamingDetokenizerTest {
  static MiniMindTokenizer tok;

  @BeforeAll
  static void load() {
    tok = MiniMindTokenizer.defaultTokenizer();
  }

  @AfterAll
  static void close() {
    tok.close();
  }

  @Test
  void holdsBackAPartialCharacter() {
    StreamingDetokenizer d = new StreamingDetokenizer(tok);
    // "鑫" is three byte-level tokens: 168, 242, 107
    assertEquals("", d.push(168));
    assertEquals("", d.push(242));
    assertEquals("鑫", d.push(107));
    assertEquals("Hello", String.join("", d.push(42), d.push(392), d.push(338)));
  }

  @Test
  void deltasConcatenateToTheFullDecode() {
    String text = "我们的鑫字要三个token，emoji 😀 要四个。MiniMind<|im_end|>\n再见";
    int[] ids = tok.encode(text);
    StreamingDetokenizer d = new StreamingDetokenizer(tok);
    StringBuilder sb = new StringBuilder();
    List<String> deltas = new ArrayList<>();
    for (int id : ids) {
      String delta = d.push(id);
      deltas.add(delta);
      sb.append(delta);
      assertEquals(-1, delta.indexOf('\uFFFD'), "no replacement char in " + deltas);
    }
    sb.append(d.flush());
    assertEquals(text, sb.toString());
  }

  @Test
  void flushReleasesAnIncompleteTail() {
    StreamingDetokenizer d = new StreamingDetokenizer(tok);
    assertEquals("", d.push(168));
    assertEquals("\uFFFD", d.flush());
  }

  @Test
  void canSkipSpecialTokens() {
    StreamingDetokenizer d = new StreamingDetokenizer(tok, true);
    StringBuilder sb = new StringBuilder();
    for (int id : tok.encode("<|im_start|>好的<|im_end|>")) {
      sb.append(d.push(id));
    }
    assertEquals("好的", sb + d.flush());
  }
}
