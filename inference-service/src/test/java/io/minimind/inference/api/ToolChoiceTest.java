package io.minimind.inference.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.minimind.inference.model.ModelRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * tool_choice over HTTP on the tiny random model: the forced start of the reply is in the prompt
 * (exact prompt_tokens), the reply is parsed from it (an unfinished forced call comes back as
 * content beginning with it), streamed and whole agree, and bad choices are 400s. That a finished
 * call becomes tool_calls with finish_reason tool_calls is in ForcedToolCallTest (a random model
 * never finishes one).
 */
@QuarkusTest
@QuarkusTestResource(TinyModelResource.class)
class ToolChoiceTest {
  static final String TOOL = "{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", "
      + "\"parameters\": {\"type\": \"object\"}}}";
  /** MiniMind's template with one tool, one user turn and the generation prompt. */
  static final String PROMPT = "<|im_start|>system\n# Tools\n\nYou may call one or more functions to assist "
      + "with the user query.\n\nYou are provided with function signatures within <tools></tools> XML tags:\n"
      + "<tools>\n" + TOOL + "\n</tools>\n\nFor each function call, return a json object with function name "
      + "and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, "
      + "\"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n<|im_start|>user\n你好<|im_end|>\n"
      + "<|im_start|>assistant\n";
  static final String NAMED = "{\"type\": \"function\", \"function\": {\"name\": \"get_weather\"}}";
  static final String FORCED_NAMED = "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": ";

  @Inject
  ModelRegistry registry;

  static String body(String toolChoice, String extra) {
    return ChatCompletionsTest.body("\"tools\": [" + TOOL + "], \"tool_choice\": " + toolChoice
        + ", \"max_tokens\": 4, \"temperature\": 0" + extra);
  }

  int tokens(String text) {
    return registry.get("tiny").tokenizer().encode(text).length;
  }

  @Test
  void aNamedFunctionForcesItsCallOpeningAsPromptTokens() {
    JsonPath r = ChatCompletionsTest.chat(body(NAMED, ""));
    assertEquals(tokens(PROMPT + FORCED_NAMED), r.getInt("usage.prompt_tokens"),
        "the forced text is prompt, tokenized with it");
    assertEquals(4, r.getInt("usage.completion_tokens"));
    assertEquals("length", r.getString("choices[0].finish_reason"));
    String content = r.getString("choices[0].message.content");
    assertTrue(content.startsWith(FORCED_NAMED) && content.length() > FORCED_NAMED.length(),
        "the unfinished call is the forced text and what the model added: " + content);
  }

  @Test
  void requiredForcesATagAndAutoForcesNothing() {
    JsonPath required = ChatCompletionsTest.chat(body("\"required\"", ""));
    assertEquals(tokens(PROMPT + "<tool_call>\n"), required.getInt("usage.prompt_tokens"));
    assertTrue(required.getString("choices[0].message.content").startsWith("<tool_call>\n"));
    JsonPath auto = ChatCompletionsTest.chat(body("\"auto\"", ""));
    assertEquals(tokens(PROMPT), auto.getInt("usage.prompt_tokens"));
  }

  @Test
  void noneHidesTheTools() {
    String plain = "<|im_start|>system\nYou are a helpful assistant<|im_end|>\n<|im_start|>user\n你好<|im_end|>\n"
        + "<|im_start|>assistant\n";
    assertEquals(tokens(plain), ChatCompletionsTest.chat(body("\"none\"", "")).getInt("usage.prompt_tokens"));
  }

  @Test
  void aStreamedForcedCallEqualsTheWholeOne() throws Exception {
    JsonPath whole = ChatCompletionsTest.chat(body(NAMED, ""));
    String text = given().contentType("application/json")
        .body(body(NAMED, ", \"stream\": true, \"stream_options\": {\"include_usage\": true}"))
        .post("/v1/chat/completions").then().statusCode(200).extract().asString();
    StringBuilder content = new StringBuilder();
    String finish = null;
    JsonNode usage = null;
    for (String line : text.split("\n")) {
      if (!line.startsWith("data: {")) {
        continue;
      }
      JsonNode chunk = ChatCompletionsTest.JSON.readTree(line.substring(6));
      if (chunk.get("choices").isEmpty()) {
        usage = chunk.get("usage");
        continue;
      }
      content.append(chunk.at("/choices/0/delta/content").asText(""));
      if (chunk.at("/choices/0/finish_reason").isTextual()) {
        finish = chunk.at("/choices/0/finish_reason").asText();
      }
    }
    assertEquals(whole.getString("choices[0].message.content"), content.toString());
    assertEquals(whole.getString("choices[0].finish_reason"), finish);
    assertEquals(whole.getInt("usage.prompt_tokens"), usage.get("prompt_tokens").asInt());
    assertEquals(whole.getInt("usage.completion_tokens"), usage.get("completion_tokens").asInt());
  }

  @Test
  void badToolChoicesAreNamed() {
    given().contentType("application/json")
        .body(body("{\"type\": \"function\", \"function\": {\"name\": \"get_time\"}}", ""))
        .post("/v1/chat/completions").then().statusCode(400)
        .body("error.param", equalTo("tool_choice")).body("error.type", equalTo("invalid_request_error"))
        .body("error.message", containsString("get_time"));
    given().contentType("application/json").body(ChatCompletionsTest.body("\"tool_choice\": \"required\""))
        .post("/v1/chat/completions").then().statusCode(400)
        .body("error.param", equalTo("tool_choice")).body("error.message", containsString("tools"));
  }
}
