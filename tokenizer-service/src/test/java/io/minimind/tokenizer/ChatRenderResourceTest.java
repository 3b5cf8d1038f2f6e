package io.minimind.tokenizer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ChatRenderResourceTest {
  @Test
  void rendersMiniMindsTemplateWithToolsAndThinkingFlag() {
    // a JSON string keeps key order, which tojson preserves as transformers does
    given().contentType(ContentType.JSON)
        .body("{\"messages\": [{\"role\": \"user\", \"content\": \"北京天气？\"}],"
            + " \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"get_weather\","
            + " \"parameters\": {\"type\": \"object\"}}}],"
            + " \"addGenerationPrompt\": true, \"enableThinking\": false}")
        .post("/v1/chat/render")
        .then().statusCode(200)
        .body("text", containsString("<tools>\n{\"type\": \"function\", \"function\": {\"name\": \"get_weather\""))
        .body("text", containsString("<|im_start|>user\n北京天气？<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n"))
        .body("ids[0]", equalTo(1));
  }

  @Test
  void plainConversationMatchesTheGoldenRendering() {
    given().contentType(ContentType.JSON)
        .body(Map.of("messages", List.of(Map.of("role", "user", "content", "你好")), "addGenerationPrompt", true))
        .post("/v1/chat/render")
        .then().statusCode(200)
        .body("text", equalTo("<|im_start|>system\nYou are a helpful assistant<|im_end|>\n"
            + "<|im_start|>user\n你好<|im_end|>\n<|im_start|>assistant\n"));
  }

  @Test
  void badMessagesAreRejected() {
    given().contentType(ContentType.JSON).body(Map.of("messages", List.of()))
        .post("/v1/chat/render")
        .then().statusCode(422).body("message", equalTo("messages must be a non-empty list"));
    given().contentType(ContentType.JSON).body(Map.of("messages", List.of(Map.of("content", "x"))))
        .post("/v1/chat/render")
        .then().statusCode(422).body("message", equalTo("messages[0].role must be a string"));
  }
}
