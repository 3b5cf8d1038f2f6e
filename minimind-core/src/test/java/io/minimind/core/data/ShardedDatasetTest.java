package io.minimind.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minimind.core.tokenizer.MiniMindTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardedDatasetTest {
  static final MiniMindTokenizer TOK = MiniMindTokenizer.defaultTokenizer();

  static Path sftFile(Path dir) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      lines.add("{\"conversations\": [{\"role\": \"user\", \"content\": \"第" + i + "个问题？\"}, "
          + "{\"role\": \"assistant\", \"content\": \"答案是" + i + "。Answer " + i + ".\"}]}");
    }
    lines.add(7, "{broken");
    Path f = dir.resolve("sft.jsonl");
    Files.write(f, lines);
    return f;
  }

  @Test
  void shardsHoldExactlyWhatTheJsonlEncodes(@TempDir Path tmp) throws Exception {
    try (JsonlDataset src = JsonlDataset.sft(sftFile(tmp), TOK, 64, new BadLinePolicy(1))) {
      var m = ShardedDataset.write(src, "sft", TOK.sha256(), TOK.vocabSize(), tmp.resolve("shards"), 200);
      assertTrue(m.shards() > 1, "several shards at 200 tokens each");
      assertEquals(1, m.badLines());
      ShardedDataset shards = ShardedDataset.open(tmp.resolve("shards"), TOK.sha256());
      assertEquals(src.size(), shards.size());
      for (int i = 0; i < src.size(); i++) {
        assertArrayEquals(src.get(i).ids(), shards.get(i).ids(), "sample " + i);
        assertArrayEquals(src.get(i).lossMask(), shards.get(i).lossMask(), "mask " + i);
      }
      assertEquals("sft", shards.kind());
      assertFalse(Files.list(tmp).anyMatch(p -> p.getFileName().toString().startsWith(".")),
          "no temporary left behind");
    }
  }

  @Test
  void refusesAnotherTokenizerAndDamagedShards(@TempDir Path tmp) throws Exception {
    try (JsonlDataset src = JsonlDataset.sft(sftFile(tmp), TOK, 64, new BadLinePolicy(1))) {
      ShardedDataset.write(src, "sft", TOK.sha256(), TOK.vocabSize(), tmp.resolve("s"), 1_000_000);
    }
    var other = assertThrows(ShardFormatException.class,
        () -> ShardedDataset.open(tmp.resolve("s"), "0123456789abcdef0123"));
    assertTrue(other.getMessage().contains("re-tokenize"), other.getMessage());
    Path shard = tmp.resolve("s/shard-00000.mmtok");
    byte[] bytes = Files.readAllBytes(shard);
    Files.write(shard, java.util.Arrays.copyOf(bytes, bytes.length - 3), StandardOpenOption.TRUNCATE_EXISTING);
    var truncated = assertThrows(ShardFormatException.class, () -> ShardedDataset.open(tmp.resolve("s"), TOK.sha256()));
    assertTrue(truncated.getMessage().contains("shard-00000.mmtok: truncated"), truncated.getMessage());
    bytes[0] = 'X';
    Files.write(shard, bytes, StandardOpenOption.TRUNCATE_EXISTING);
    var magic = assertThrows(ShardFormatException.class, () -> ShardedDataset.open(tmp.resolve("s"), TOK.sha256()));
    assertTrue(magic.getMessage().contains("bad magic"), magic.getMessage());
  }

  @Test
  void anExistingOutputDirectoryIsNotOverwritten(@TempDir Path tmp) throws Exception {
    Files.createDirectories(tmp.resolve("taken"));
    try (JsonlDataset src = JsonlDataset.sft(sftFile(tmp), TOK, 64, new BadLinePolicy(1))) {
      var e = assertThrows(java.io.IOException.class,
          () -> ShardedDataset.write(src, "sft", TOK.sha256(), TOK.vocabSize(), tmp.resolve("taken"), 100));
      assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    }
  }
}
