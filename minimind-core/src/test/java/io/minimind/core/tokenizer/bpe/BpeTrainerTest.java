package io.minimind.core.tokenizer.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link BpeTrainer}: a hand-checked corpus, and merge-for-merge agreement with the naive one. */
class BpeTrainerTest {
  static WordCounts count(String... texts) {
    TextSink sink = new TextSink();
    for (String t : texts) {
      sink.text(t);
    }
    return sink.counts;
  }

  @Test
  void handCheckedTinyCorpus() {
    // One word "aaabdaaabac". (a,a) occurs 4 times -> merged left to right: [aa a b d aa a b a c].
    // Then (a,b) and (aa,a) both count 2; the pair with the smaller ids wins: (a,b). Then (aa,ab)=2.
    BpeTrainerConfig cfg = BpeTrainerConfig.minimind(3 + 256 + 3, 0, List.of());
    BpeModel m = new BpeTrainer(cfg).train(count("aaabdaaabac"));
    assertEquals(List.of("a a", "a b", "aa ab"), m.merges().stream().map(Object::toString).toList());
    assertEquals(List.of("aa", "ab", "aaab"), m.vocab().subList(259, 262));
    assertEquals("<|im_end|>", m.vocab().get(2));
    assertEquals("!", m.vocab().get(3));
    assertEquals(262, m.vocab().size());
  }

  @Test
  void minFrequencyStopsTraining() {
    BpeTrainerConfig cfg = BpeTrainerConfig.minimind(6400, 2, List.of("<think>"));
    BpeModel m = new BpeTrainer(cfg).train(count("aaabdaaabac"));
    assertEquals(List.of("a a", "a b", "aa ab"), m.merges().stream().map(Object::toString).toList());
    assertEquals("<think>", m.vocab().get(3));
  }

  @Test
  void agreesWithNaiveTrainerMergeForMerge() throws IOException {
    String text = "";
    for (String line : Files.readAllLines(Path.of("../datasets/sample/pretrain.jsonl"))) {
      text += com.google.gson.JsonParser.parseString(line).getAsJsonObject().get("text").getAsString();
      if (text.getBytes(StandardCharsets.UTF_8).length > 6000) {
        break;
      }
    }
    text += " Hello hello  world's 123 4567\n\n\t aaaa aaaaa";
    for (int vocab : new int[] {300, 1200}) {
      BpeTrainerConfig cfg = BpeTrainerConfig.minimind(vocab, 0, List.of());
      WordCounts words = count(text, text.substring(100, 900));
      BpeModel fast = new BpeTrainer(cfg).train(words);
      BpeModel naive = NaiveBpeTrainer.train(words, cfg);
      assertEquals(naive.merges(), fast.merges());
      assertEquals(naive.vocab(), fast.vocab());
    }
  }
}
