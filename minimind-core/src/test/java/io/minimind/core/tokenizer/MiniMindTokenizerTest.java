package io.minimind.core.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MiniMindTokenizerTest {
  static MiniMindTokenizer tok;

  @BeforeAll
  static void load() {
    tok = MiniMindTokenizer.defaultTokenizer();
  }

  @AfterAll
  static void close() {
    tok.close();
  }

  /** Expected ids from Python: Tokenizer.from_file(...).encode(s, add_special_tokens=False). */
  @Test
  void encodesLikePythonTokenizers() {
    assertArrayEquals(new int[] {42, 392, 338, 14, 1636, 3}, tok.encode("Hello, world!"));
    assertArrayEquals(new int[] {5134, 270, 2219}, tok.encode("你好，世界"));
    assertArrayEquals(new int[] {47, 261, 75, 47, 807, 223, 1589, 735, 2933, 286},
        tok.encode("MiniMind 是一个小模型。"));
    assertArrayEquals(new int[] {168, 242, 107}, tok.encode("鑫"));
    assertArrayEquals(new int[] {1, 320, 275, 201, 5134, 2, 201},
        tok.encode("<|im_start|>user\n你好<|im_end|>\n"));
  }

  @Test
  void specialTokensAreSingleIds() {
    assertEquals(0, tok.padId());
    assertEquals(1, tok.bosId());
    assertEquals(2, tok.eosId());
    assertArrayEquals(new int[] {0}, tok.encode("<|endoftext|>"));
    assertArrayEquals(new int[] {1}, tok.encode("<|im_start|>"));
    assertArrayEquals(new int[] {2}, tok.encode("<|im_end|>"));
    assertEquals(1, tok.tokenToId("<|im_start|>"));
    assertEquals(1636, tok.tokenToId("Ġworld"));
    assertEquals(-1, tok.tokenToId("no such token"));
    assertEquals("Ġworld", tok.idToToken(1636));
  }

  @Test
  void roundTripsChineseAndEnglish() {
    String text = "MiniMind 是一个从零训练的小语言模型。It has 26M parameters! 😀\n第二行\ttab";
    int[] ids = tok.encode(text);
    assertTrue(ids.length > 10);
    assertEquals(text, tok.decode(ids));
  }

  @Test
  void decodeKeepsOrSkipsSpecialTokens() {
    int[] ids = tok.encode("<|im_start|>assistant\n好<|im_end|>");
    assertEquals("<|im_start|>assistant\n好<|im_end|>", tok.decode(ids));
    assertEquals("assistant\n好", tok.decode(ids, true));
  }

  @Test
  void metadata() throws IOException {
    assertEquals(6400, tok.vocabSize());
    assertTrue(tok.chatTemplate().contains("<|im_start|>system\\nYou are a helpful assistant"));
    try (InputStream in = getClass().getResourceAsStream(
        "/io/minimind/core/tokenizer/minimind/tokenizer.json")) {
      assertNotNull(in);
    }
    assertEquals("d98595c6aef70d95f72748582fb9b4f53d76dd58c1ae1dd702ad7c84e1caf5e4", tok.sha256());
    for (String f : new String[] {"LICENSE", "SOURCE.md", "tokenizer_config.json"}) {
      assertNotNull(getClass().getResource("/io/minimind/core/tokenizer/minimind/" + f), f);
    }
  }

  @Test
  void tokenByteLengthsAddUpToTheText() {
    String text = "<|im_start|>user\n你好 world 😀<|im_end|>\n";
    int total = 0;
    for (int id : tok.encode(text)) {
      total += tok.tokenByteLength(id);
    }
    assertEquals(text.getBytes(StandardCharsets.UTF_8).length, total);
  }

  @Test
  void loadsFromDirectoryWithoutConfig(@TempDir Path dir) throws IOException {
    try (InputStream in = getClass().getResourceAsStream(
        "/io/minimind/core/tokenizer/minimind/tokenizer.json")) {
      Files.copy(in, dir.resolve("tokenizer.json"));
    }
    try (MiniMindTokenizer t = MiniMindTokenizer.load(dir)) {
      assertEquals(tok.sha256(), t.sha256());
      assertEquals(null, t.chatTemplate());
      assertEquals(1, t.bosId());
      assertArrayEquals(tok.encode("你好"), t.encode("你好"));
    }
    Path empty = dir.resolve("empty");
    Files.createDirectory(empty);
    var e = assertThrows(IOException.class, () -> MiniMindTokenizer.load(empty));
    assertEquals("no tokenizer.json in " + empty, e.getMessage());
  }
}
