package io.minimind.core.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden renderings by Python jinja2 of MiniMind's template: cases.jsonl (shared reference) and
 * extra-cases.jsonl (generate_extra_cases.py: non-first system, tool responses, other roles).
 */
class ChatMlRendererTest {

  @Test
  void matchesEveryReferenceCaseWithoutTools() throws IOException {
    List<JsonObject> cases = cases("cases.jsonl");
    int tested = 0;
    List<String> skipped = new ArrayList<>();
    for (JsonObject c : cases) {
      if (needsJinja(c)) {
        skipped.add(c.get("name").getAsString());
        continue;
      }
      assertRendersExpected(c);
      tested++;
    }
    System.out.println("chat template cases.jsonl: " + tested + " tested, " + skipped.size()
        + " skipped (tools/tool_calls): " + skipped);
    assertEquals(cases.size(), tested + skipped.size());
    assertEquals(List.of("tools_offered", "tools_with_system", "tool_call_roundtrip",
        "tool_call_string_args_two_calls"), skipped);
    for (JsonObject c : cases) {
      boolean hasTools = c.has("tools") || c.toString().contains("\"tool_calls\"");
      assertEquals(hasTools, skipped.contains(c.get("name").getAsString()));
    }
    assertEquals(9, tested);
  }

  @Test
  void matchesExtraCases() throws IOException {
    List<JsonObject> cases = cases("extra-cases.jsonl");
    for (JsonObject c : cases) {
      assertRendersExpected(c);
    }
    assertEquals(13, cases.size());
  }

  @Test
  void segmentsMarkAssistantRepliesOnly() {
    List<ChatMlRenderer.Segment> s = ChatMlRenderer.segments(
        List.of(ChatMessage.user("q"), ChatMessage.assistant("a")), false, null);
    StringBuilder targets = new StringBuilder();
    s.stream().filter(ChatMlRenderer.Segment::target).forEach(x -> targets.append(x.text()));
    assertEquals("a<|im_end|>", targets.toString());
  }

  @Test
  void rejectsEmptyConversation() {
    assertThrows(IllegalArgumentException.class, () -> ChatMlRenderer.render(List.of(), true));
  }

  private static boolean needsJinja(JsonObject c) {
    if (c.has("tools")) {
      return true;
    }
    for (JsonElement m : c.getAsJsonArray("messages")) {
      if (m.getAsJsonObject().has("tool_calls")) {
        return true;
      }
    }
    return false;
  }

  private static void assertRendersExpected(JsonObject c) {
    List<ChatMessage> messages = new ArrayList<>();
    for (JsonElement m : c.getAsJsonArray("messages")) {
      JsonObject o = m.getAsJsonObject();
      messages.add(new ChatMessage(o.get("role").getAsString(), o.get("content").getAsString()));
    }
    Boolean thinking = c.has("enable_thinking") ? c.get("enable_thinking").getAsBoolean() : null;
    String actual = ChatMlRenderer.render(
        messages, c.get("add_generation_prompt").getAsBoolean(), thinking);
    assertEquals(c.get("expected").getAsString(), actual, c.get("name").getAsString());
  }

  private static List<JsonObject> cases(String name) throws IOException {
    try (InputStream in = ChatMlRendererTest.class.getResourceAsStream("/chat-template/" + name)) {
      List<JsonObject> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          out.add(JsonParser.parseString(line).getAsJsonObject());
        }
      }
      return out;
    }
  }
}
