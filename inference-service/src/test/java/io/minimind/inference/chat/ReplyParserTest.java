package io.minimind.inference.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minimind.inference.chat.ReplyParser.Content;
import io.minimind.inference.chat.ReplyParser.Part;
import io.minimind.inference.chat.ReplyParser.Reasoning;
import io.minimind.inference.chat.ReplyParser.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplyParserTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static ToolCall parse(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      if (n == null || !n.isObject() || !n.path("name").isTextual()) {
        return null;
      }
      return new ToolCall(n.get("name").asText(), JSON.writeValueAsString(n.path("arguments")));
    } catch (Exception e) {
      return null;
    }
  }

  /** Feeds {@code text} in random chunks and merges the parts of equal kind. */
  static List<Part> run(String text, boolean startInReasoning, long seed) {
    ReplyParser p = new ReplyParser(startInReasoning, ReplyParserTest::parse);
    Random r = new Random(seed);
    List<Part> all = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int n = 1 + r.nextInt(5);
      all.addAll(p.feed(text.substring(i, Math.min(text.length(), i + n))));
      i += n;
    }
    all.addAll(p.finish());
    List<Part> merged = new ArrayList<>();
    for (Part part : all) {
      Part last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last instanceof Content a && part instanceof Content b) {
        merged.set(merged.size() - 1, new Content(a.text() + b.text()));
      } else if (last instanceof Reasoning a && part instanceof Reasoning b) {
        merged.set(merged.size() - 1, new Reasoning(a.text() + b.text()));
      } else {
        merged.add(part);
      }
    }
    return merged;
  }

  @Test
  void reasoningIsSplitFromTheAnswerWhateverTheChunking() {
    for (long seed = 0; seed < 30; seed++) {
      assertEquals(List.of(new Reasoning("\nLet me think.\n"), new Content("Paris.")),
          run("<think>\nLet me think.\n</think>\n\nParis.", false, seed));
    }
  }

  @Test
  void toolCallsBecomeStructuredAndTextAroundThemStaysContent() {
    String reply = "I will check.\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"北京\"}}\n"
        + "</tool_call>\n<tool_call>\n{\"name\": \"now\", \"arguments\": {}}\n</tool_call>";
    for (long seed = 0; seed < 30; seed++) {
      assertEquals(List.of(new Content("I will check.\n"),
          new ToolCall("get_weather", "{\"city\":\"北京\"}"), new Content("\n"),
          new ToolCall("now", "{}")), run(reply, false, seed));
    }
  }

  @Test
  void anInvalidToolCallAndLookalikeTagsStayContent() {
    String reply = "a <tool_call>not json</tool_call> b <thin c";
    assertEquals(List.of(new Content(reply)), run(reply, false, 1));
  }

  @Test
  void anUnclosedBlockIsReleasedAsWhatItWasAtTheEnd() {
    assertEquals(List.of(new Reasoning("still thinking")), run("still thinking", true, 2));
    assertEquals(List.of(new Content("x<tool_call>{\"name\": ")), run("x<tool_call>{\"name\": ", false, 2));
  }
}
