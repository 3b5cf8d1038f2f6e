package io.minimind.core.tokenizer.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.minimind.core.data.BadLinePolicy;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue acceptance: a tokenizer trained here on the bundled sample corpus round-trips every text of
 * it — and texts with emoji, control characters and special tokens — through DJL's HF binding.
 */
class SampleCorpusRoundTripTest {
  static final Path SAMPLE = Path.of("../datasets/sample/sft_tiny.jsonl");

  @Test
  void everySampleLineRoundTrips(@TempDir Path out) throws Exception {
    BpeTraining.run(List.of(SAMPLE), BpeTrainerConfig.minimind(2000, 0, List.of("<think>", "</think>")),
        2, BadLinePolicy.strict(), out);
    List<String> texts = new ArrayList<>();
    for (String line : Files.readAllLines(SAMPLE, StandardCharsets.UTF_8)) {
      for (JsonElement m : JsonParser.parseString(line).getAsJsonObject().getAsJsonArray("conversations")) {
        texts.add(m.getAsJsonObject().get("content").getAsString());
      }
    }
    texts.add("emoji 🧪🚀 and ZWJ 👩‍💻, control \u0001\u001f\t\r\n, specials <|im_start|>user\n你好<|im_end|><think>x</think>");
    try (MiniMindTokenizer tok = MiniMindTokenizer.load(out)) {
      int checked = 0;
      for (String t : texts) {
        assertEquals(t, tok.decode(tok.encode(t)), "round trip of text " + checked);
        checked++;
      }
      System.out.printf("round-tripped %d texts with a 2000-token BPE trained on %s%n", checked, SAMPLE);
    }
  }
}
