package io.minimind.inference.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minimind.core.sampling.FinishReason;
import io.minimind.core.serving.TokenChoice;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import io.minimind.inference.chat.ChoiceAssembler;
import io.minimind.inference.chat.ChoiceRun;
import io.minimind.inference.chat.ReplyParser.Content;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stream chunks carry the logprobs of their delta; logprobs without text get an empty-content chunk. */
class ChatStreamLogprobsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void eachDeltasLogprobsRideOnItsFirstChunk() throws Exception {
    try (MiniMindTokenizer tok = MiniMindTokenizer.defaultTokenizer()) {
      ChatStream stream = new ChatStream(new ChatJson(JSON), tok, ChunkFormat.CHAT,
          "chatcmpl-0123456789abcdef", 0, "m", false, 1);
      ChoiceRun run = new ChoiceRun(ChoiceAssembler.plainText(tok, List.of()), d -> { }, false);
      stream.attach(List.of(run));
      int hi = tok.encode("hi")[0];
      TokenChoice a = new TokenChoice(hi, -0.25f, new int[] {hi}, new float[] {-0.25f});
      TokenChoice b = new TokenChoice(hi, -1.5f, new int[] {hi}, new float[] {-0.25f});
      stream.parts(0, new ChoiceRun.Delta(List.of(new Content("hi")), List.of(a)));
      stream.parts(0, new ChoiceRun.Delta(List.of(), List.of(b)));
      run.onFinish(FinishReason.STOP, 1, 2);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      stream.write(out);
      List<JsonNode> choices = new ArrayList<>();
      for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("data: {")) {
          choices.add(JSON.readTree(line.substring(6)).at("/choices/0"));
        }
      }
      assertEquals(4, choices.size(), "role, two deltas, finish: " + choices);
      assertTrue(choices.get(0).get("logprobs").isNull());
      assertEquals("hi", choices.get(1).at("/delta/content").asText());
      assertEquals(-0.25, choices.get(1).at("/logprobs/content/0/logprob").asDouble(), 1e-9);
      assertEquals(tok.decode(new int[] {hi}, false),
          choices.get(1).at("/logprobs/content/0/top_logprobs/0/token").asText());
      assertEquals("", choices.get(2).at("/delta/content").asText("missing"));
      assertEquals(-1.5, choices.get(2).at("/logprobs/content/0/logprob").asDouble(), 1e-9);
      assertTrue(choices.get(3).get("logprobs").isNull());
      assertEquals("stop", choices.get(3).get("finish_reason").asText());
    }
  }
}
