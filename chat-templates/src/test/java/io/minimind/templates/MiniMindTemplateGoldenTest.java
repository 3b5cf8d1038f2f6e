package io.minimind.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minimind.core.tokenizer.ChatMessage;
import io.minimind.core.tokenizer.ChatMlRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MiniMind's own template (its tokenizer_config.json) against the golden renderings made by
 * Python jinja2 as transformers configures it: cases.jsonl (shared reference, with tools) and
 * extra-cases.jsonl (from minimind-core's tests).
 */
class MiniMindTemplateGoldenTest {
  private static final HfChatTemplate TEMPLATE =
      HfChatTemplate.fromTokenizerConfig(Cases.resource("minimind_tokenizer_config.json"), null);

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (String file : List.of("cases.jsonl", "extra-cases.jsonl")) {
      for (Map<String, Object> c : Cases.jsonl(file)) {
        all.add(Arguments.of(file + ":" + c.get("name"), c));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersExactlyAsTransformers(String name, Map<String, Object> c) {
    assertEquals(c.get("expected"), TEMPLATE.render(input(c)), name);
  }

  /** The same cases given as raw variables (Python's dicts), not through the records. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersFromRawVariables(String name, Map<String, Object> c) {
    Map<String, Object> vars = new java.util.LinkedHashMap<>(c);
    vars.remove("name");
    vars.remove("expected");
    vars.putIfAbsent("tools", null);
    assertEquals(c.get("expected"), TEMPLATE.render(vars), name);
  }

  /** minimind-core's hand-written renderer agrees with the Jinja rendering where it applies. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void agreesWithChatMlRenderer(String name, Map<String, Object> c) {
    List<Map<String, Object>> messages = messages(c);
    boolean usesTools =
        c.get("tools") != null || messages.stream().anyMatch(m -> m.get("tool_calls") != null);
    if (usesTools) {
      return; // ChatMlRenderer does not render tool definitions or tool calls
    }
    List<ChatMessage> plain =
        messages.stream()
            .map(m -> new ChatMessage((String) m.get("role"), (String) m.get("content")))
            .toList();
    boolean gen = Boolean.TRUE.equals(c.get("add_generation_prompt"));
    Boolean thinking = (Boolean) c.get("enable_thinking");
    String fromCore = ChatMlRenderer.render(plain, gen, thinking);
    assertEquals(fromCore, TEMPLATE.render(ChatTemplateInput.ofChat(plain, gen, thinking)), name);
    assertEquals(c.get("expected"), fromCore, name);
  }

  @Test
  void coversToolCasesAndBothArgumentForms() {
    List<Map<String, Object>> all = cases().map(a -> (Map<String, Object>) a.get()[1]).toList();
    assertTrue(all.size() >= 26, "all golden cases are read");
    assertTrue(all.stream().anyMatch(c -> c.get("tools") != null));
    assertTrue(all.stream().anyMatch(c -> String.valueOf(c.get("messages")).contains("arguments={")));
    assertTrue(all.stream().anyMatch(c -> String.valueOf(c.get("messages")).contains("arguments=\"")
        || String.valueOf(c.get("messages")).contains("arguments={\"")));
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> messages(Map<String, Object> c) {
    return (List<Map<String, Object>>) c.get("messages");
  }

  @SuppressWarnings("unchecked")
  static ChatTemplateInput input(Map<String, Object> c) {
    List<TemplateMessage> messages = new ArrayList<>();
    for (Map<String, Object> m : messages(c)) {
      List<ToolCall> calls = null;
      if (m.get("tool_calls") instanceof List<?> raw) {
        calls = new ArrayList<>();
        for (Object o : raw) {
          Map<String, Object> call = (Map<String, Object>) o;
          Map<String, Object> fn = (Map<String, Object>) call.get("function");
          calls.add(
              new ToolCall(
                  (String) call.get("id"),
                  (String) call.get("type"),
                  (String) fn.get("name"),
                  fn.get("arguments")));
        }
      }
      messages.add(
          new TemplateMessage(
              (String) m.get("role"),
              m.get("content"),
              (String) m.get("reasoning_content"),
              calls,
              (String) m.get("tool_call_id"),
              (String) m.get("name")));
    }
    return new ChatTemplateInput(
        messages,
        (List<Map<String, Object>>) c.get("tools"),
        Boolean.TRUE.equals(c.get("add_generation_prompt")),
        (Boolean) c.get("enable_thinking"),
        null);
  }
}
