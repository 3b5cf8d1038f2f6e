package io.minimind.inference.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minimind.core.serving.InvalidParameterException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRequestReaderTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final ChatRequestReader reader = new ChatRequestReader(JSON);

  ChatRequest read(String body) throws Exception {
    return reader.read(JSON.readTree(body));
  }

  String badParam(String body) {
    return assertThrows(InvalidParameterException.class, () -> read(body)).param();
  }

  @Test
  void aFullRequestIsRead() throws Exception {
    ChatRequest r = read("""
        {"model": "m", "messages": [{"role": "system", "content": "be brief"},
          {"role": "user", "content": [{"type": "text", "text": "hi "}, {"type": "text", "text": "there"}]}],
         "stream": true, "stream_options": {"include_usage": true}, "n": 2, "temperature": 0.5,
         "top_p": 0.9, "top_k": 40, "max_completion_tokens": 64, "max_tokens": 10, "stop": ["\\n\\n"],
         "seed": 7, "presence_penalty": 0.5, "logprobs": true, "top_logprobs": 3,
         "tools": [{"type": "function", "function": {"name": "now", "parameters": {}}}],
         "chat_template_kwargs": {"enable_thinking": false}}
        """);
    assertEquals("m", r.model());
    assertEquals("hi there", r.messages().get(1).get("content"));
    assertTrue(r.stream() && r.includeUsage());
    assertEquals(2, r.n());
    assertEquals(64, r.maxTokens(), "max_completion_tokens wins over the deprecated max_tokens");
    assertEquals(List.of("\n\n"), r.stop());
    assertEquals(7L, r.seed());
    assertEquals(40, r.sampling().topK());
    assertEquals(1, r.tools().size());
    assertEquals(false, r.templateKwargs().get("enable_thinking"));
  }

  @Test
  void toolChoiceNoneHidesTheTools() throws Exception {
    ChatRequest r = read("""
        {"model": "m", "messages": [{"role": "user", "content": "x"}], "tool_choice": "none",
         "tools": [{"type": "function", "function": {"name": "now"}}]}""");
    assertTrue(r.tools().isEmpty());
    assertEquals(ToolChoice.NONE, r.toolChoice());
  }

  @Test
  void toolChoiceIsReadAndMustMatchTheTools() throws Exception {
    String base = "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], "
        + "\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"now\"}}]";
    assertEquals(ToolChoice.AUTO, read(base + "}").toolChoice());
    assertEquals(ToolChoice.REQUIRED, read(base + ", \"tool_choice\": \"required\"}").toolChoice());
    ChatRequest named = read(base + ", \"tool_choice\": {\"type\": \"function\", \"function\": {\"name\": \"now\"}}}");
    assertEquals(ToolChoice.function("now"), named.toolChoice());
    assertEquals(1, named.tools().size(), "a named function still sees every tool, as with OpenAI");
    assertEquals("tool_choice", badParam(base
        + ", \"tool_choice\": {\"type\": \"function\", \"function\": {\"name\": \"later\"}}}"));
    assertEquals("tool_choice", badParam(base + ", \"tool_choice\": {\"function\": {\"name\": \"now\"}}}"));
    String noTools = "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], ";
    assertEquals("tool_choice", badParam(noTools + "\"tool_choice\": \"required\"}"));
    assertEquals("tool_choice", badParam(noTools + "\"tool_choice\": \"auto\", \"tools\": []}"));
    assertEquals("tool_choice", badParam(noTools
        + "\"tool_choice\": {\"type\": \"function\", \"function\": {\"name\": \"now\"}}}"));
  }

  @Test
  void eachBadFieldIsNamed() {
    assertEquals("messages", badParam("{\"model\": \"m\", \"messages\": []}"));
    assertEquals("model", badParam("{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}"));
    assertEquals("messages[0].role", badParam("{\"model\": \"m\", \"messages\": [{\"role\": \"robot\"}]}"));
    String base = "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], ";
    assertEquals("temperature", badParam(base + "\"temperature\": \"hot\"}"));
    assertEquals("n", badParam(base + "\"n\": 0}"));
    assertEquals("max_tokens", badParam(base + "\"max_tokens\": 0}"));
    assertEquals("stop", badParam(base + "\"stop\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}"));
    assertEquals("tool_choice", badParam(base + "\"tool_choice\": \"sometimes\"}"));
    assertEquals("tools[0]", badParam(base + "\"tools\": [{\"type\": \"function\"}]}"));
    assertEquals("messages[0].content",
        badParam("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\"}]}]}"));
    assertEquals("stream", badParam(base + "\"stream\": \"yes\"}"));
  }
}
