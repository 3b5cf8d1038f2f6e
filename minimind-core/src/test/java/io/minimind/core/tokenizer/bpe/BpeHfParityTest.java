package io.minimind.core.tokenizer.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.minimind.core.data.BadLinePolicy;
import io.minimind.core.data.DataFormatException;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end against HF: the first 200,000 bytes (whole lines) of the sample pretrain corpus,
 * vocab 6400, MiniMind's specials. Expected vocab and merges were written by {@code
 * tools/reference/bpe_reference.py train OUT datasets/sample/pretrain.jsonl --max-bytes 200000}
 * (tokenizers 0.23.2).
 */
class BpeHfParityTest {
  @TempDir Path tmp;

  private Path slice() throws IOException {
    List<String> lines = new ArrayList<>();
    long used = 0;
    for (String line : Files.readAllLines(Path.of("../datasets/sample/pretrain.jsonl"))) {
      used += line.getBytes(StandardCharsets.UTF_8).length + 1;
      if (used > 200_000) {
        break;
      }
      lines.add(line);
    }
    Path p = tmp.resolve("slice.jsonl");
    Files.write(p, lines);
    return p;
  }

  private static List<String> jsonLines(String resource) throws IOException {
    List<String> out = new ArrayList<>();
    try (InputStream in = BpeHfParityTest.class.getResourceAsStream(resource);
        BufferedReader r = new BufferedReader(
            new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
      for (String l; (l = r.readLine()) != null; ) {
        out.add(l);
      }
    }
    return out;
  }

  @Test
  void sameVocabAndMergesAsHuggingFaceAndLoadsInDjl() throws IOException {
    Path out = tmp.resolve("tok");
    BpeTraining.Result r = BpeTraining.run(List.of(slice()), BpeTrainerConfig.minimind(6400, 0, List.of()),
        2, BadLinePolicy.strict(), out);
    List<String> hfVocab = new ArrayList<>();
    for (String l : jsonLines("/bpe/hf-pretrain-200k-vocab.txt.gz")) {
      hfVocab.add(JsonParser.parseString(l).getAsString());
    }
    List<String> hfMerges = new ArrayList<>();
    for (String l : jsonLines("/bpe/hf-pretrain-200k-merges.txt.gz")) {
      var a = JsonParser.parseString(l).getAsJsonArray();
      hfMerges.add(a.get(0).getAsString() + " " + a.get(1).getAsString());
    }
    assertEquals(hfVocab, r.model().vocab());
    assertEquals(hfMerges, r.model().merges().stream().map(Object::toString).toList());

    try (MiniMindTokenizer tok = MiniMindTokenizer.load(out)) {
      assertEquals(6400, tok.vocabSize());
      assertEquals(1, tok.bosId());
      assertEquals(2, tok.eosId());
      assertEquals(0, tok.padId());
      assertTrue(tok.chatTemplate().contains("<|im_start|>"));
      for (String s : List.of("床前明月光，疑是地上霜。", "Hello  world's 123\n\t\u0001 😀👍🏽",
          "<|im_start|>user\n你好<|im_end|>\n")) {
        int[] ids = tok.encode(s);
        assertEquals(s, tok.decode(ids), () -> "round trip of " + s);
      }
      assertEquals(1, tok.encode("<|im_start|>")[0]);
    }
  }

  @Test
  void badJsonLinesAreReportedWithFileAndLine() throws IOException {
    Path p = tmp.resolve("bad.jsonl");
    Files.writeString(p, "{\"text\":\"ok\"}\n{broken\n\n{\"conversations\":[{\"content\":\"hi\"}]}\n{\"x\":1}\n");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> CorpusWordCounter.count(List.of(p), 2, new BadLinePolicy(1)));
    assertEquals(5, e.badLine().lineNumber());
    CorpusWordCounter.Result ok = CorpusWordCounter.count(List.of(p), 2, new BadLinePolicy(2));
    assertEquals(2, ok.badLines());
    assertEquals(2, ok.texts());
  }
}
