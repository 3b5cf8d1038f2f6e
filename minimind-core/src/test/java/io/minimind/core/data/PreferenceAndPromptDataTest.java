package io.minimind.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minimind.core.tokenizer.MiniMindTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreferenceAndPromptDataTest {
  static final MiniMindTokenizer TOK = MiniMindTokenizer.defaultTokenizer();

  static String targets(TokenizedSample s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.ids().length; i++) {
      if (s.lossMask()[i]) {
        out.append(TOK.decode(new int[] {s.ids()[i]}));
      }
    }
    return out.toString();
  }

  @Test
  void dpoLinesGiveChosenThenRejected(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("dpo.jsonl");
    Files.write(f, List.of(
        "{\"chosen\": [{\"role\": \"user\", \"content\": \"1+1?\"}, {\"role\": \"assistant\", \"content\": \"2\"}],"
            + " \"rejected\": [{\"role\": \"user\", \"content\": \"1+1?\"}, {\"role\": \"assistant\", \"content\": \"3\"}]}",
        "{\"chosen\": [{\"role\": \"user\", \"content\": \"x\"}, {\"role\": \"assistant\", \"content\": \"y\"}]}"));
    try (JsonlDataset d = JsonlDataset.dpo(f, TOK, 64, new BadLinePolicy(1))) {
      assertEquals(2, d.size()); // one good line, two samples
      assertEquals("2<|im_end|>", targets(d.get(0)));
      assertEquals("3<|im_end|>", targets(d.get(1)));
      assertEquals(1, d.index().badLines());
      assertEquals("missing field \"rejected\"", d.index().badLinesReported().get(0).reason());
    }
  }

  @Test
  void rlaifPromptsEndWithTheGenerationPromptAndTrainNothing(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("rlaif.jsonl");
    Files.write(f, List.of(
        "{\"conversations\": [{\"role\": \"user\", \"content\": \"写一首诗\"}, {\"role\": \"assistant\", \"content\": \"参考答案\"}]}",
        "{\"conversations\": [{\"role\": \"assistant\", \"content\": \"no question\"}]}"));
    try (JsonlDataset d = JsonlDataset.rlaif(f, TOK, 512, new BadLinePolicy(1))) {
      assertEquals(1, d.size());
      TokenizedSample s = d.get(0);
      String text = TOK.decode(s.ids());
      assertTrue(text.endsWith("<|im_start|>user\n写一首诗<|im_end|>\n<|im_start|>assistant\n"), text);
      assertFalse(text.contains("参考答案"));
      assertEquals(0, s.targetCount());
      assertEquals("field \"conversations\" has no user message", d.index().badLinesReported().get(0).reason());
    }
  }

  @Test
  void unknownKindIsAClearError(@TempDir Path tmp) {
    var e = assertThrows(IllegalArgumentException.class,
        () -> JsonlDataset.open("ppo", tmp.resolve("x.jsonl"), TOK, 64, BadLinePolicy.strict()));
    assertEquals("dataset kind must be pretrain, sft, dpo or rlaif, got 'ppo'", e.getMessage());
  }
}
