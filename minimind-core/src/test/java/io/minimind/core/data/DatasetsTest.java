package io.minimind.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.minimind.core.tokenizer.ChatMessage;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
  static MiniMindTokenizer tok;
  @TempDir Path dir;

  @BeforeAll
  static void load() {
    tok = MiniMindTokenizer.defaultTokenizer();
  }

  @AfterAll
  static void close() {
    tok.close();
  }

  @Test
  void pretrainDatasetEncodesGoodLines() throws IOException {
    Path p = dir.resolve("pretrain.jsonl");
    Files.writeString(p, "{\"text\": \"Hello, world!\"}\n{\"oops\": 1}\n\n{\"text\": \"你好，世界\"}\n");
    try (JsonlDataset d = JsonlDataset.pretrain(p, tok, 512, new BadLinePolicy(1))) {
      assertEquals(2, d.size());
      assertArrayEquals(new int[] {1, 42, 392, 338, 14, 1636, 3, 2}, d.get(0).ids());
      assertArrayEquals(new int[] {1, 5134, 270, 2219, 2}, d.get(1).ids());
      assertEquals("pretrain " + p + ": 2 samples (1 bad, 1 blank lines skipped), max_seq_len 512",
          d.describe());
      assertThrows(IndexOutOfBoundsException.class, () -> d.get(2));
    }
  }

  @Test
  void sftDatasetEncodesConversationsConcurrently() throws IOException {
    Path p = dir.resolve("sft.jsonl");
    String line = "{\"conversations\": [{\"role\": \"user\", \"content\": \"Q%d\"}, "
        + "{\"role\": \"assistant\", \"content\": \"A%d\"}]}\n";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      sb.append(String.format(line, i, i));
    }
    Files.writeString(p, sb);
    SftEncoder encoder = new SftEncoder(tok, 256);
    try (JsonlDataset d = JsonlDataset.sft(p, tok, 256, BadLinePolicy.strict())) {
      assertEquals(50, d.size());
      AtomicInteger checked = new AtomicInteger();
      IntStream.range(0, 50).parallel().forEach(i -> {
        TokenizedSample expected = encoder.encode(
            List.of(ChatMessage.user("Q" + i), ChatMessage.assistant("A" + i)));
        assertArrayEquals(expected.ids(), d.get(i).ids());
        assertArrayEquals(expected.lossMask(), d.get(i).lossMask());
        checked.incrementAndGet();
      });
      assertEquals(50, checked.get());
      assertEquals("sft " + p + ": 50 samples (0 bad, 0 blank lines skipped), max_seq_len 256",
          d.describe());
    }
  }
}
