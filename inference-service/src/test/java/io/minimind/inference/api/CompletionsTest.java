package io.minimind.inference.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/** {@code /v1/completions}: text or token-id prompts, no chat template. */
@QuarkusTest
@QuarkusTestResource(TinyModelResource.class)
class CompletionsTest {
  @Test
  void textAndIdPromptsAreContinuedWithExactUsage() {
    JsonPath byText = given().contentType("application/json")
        .body("{\"model\": \"tiny\", \"prompt\": \"床前明月光\", \"max_tokens\": 4, \"temperature\": 0}")
        .post("/v1/completions").then().statusCode(200)
        .body("object", equalTo("text_completion")).extract().jsonPath();
    int promptTokens = byText.getInt("usage.prompt_tokens");
    JsonPath ids = given().contentType("application/json").body("{\"model\": \"tiny\", \"prompt\": [1, 200, 300], "
        + "\"max_tokens\": 4, \"temperature\": 0}").post("/v1/completions").then().statusCode(200)
        .extract().jsonPath();
    assertEquals(3, ids.getInt("usage.prompt_tokens"));
    assertEquals(byText.getInt("usage.total_tokens"), promptTokens + byText.getInt("usage.completion_tokens"));
  }

  @Test
  void streamingSendsTextChunksAndDone() {
    String text = given().contentType("application/json")
        .body("{\"model\": \"tiny\", \"prompt\": \"春\", \"max_tokens\": 3, \"stream\": true}")
        .post("/v1/completions").then().statusCode(200).extract().asString();
    org.junit.jupiter.api.Assertions.assertTrue(text.contains("\"object\":\"text_completion\""), text);
    org.junit.jupiter.api.Assertions.assertTrue(text.trim().endsWith("data: [DONE]"), text);
  }

  @Test
  void badPromptsAreNamed() {
    given().contentType("application/json").body("{\"model\": \"tiny\", \"prompt\": [1, 999999]}")
        .post("/v1/completions").then().statusCode(400).body("error.param", equalTo("prompt"))
        .body("error.message", containsString("prompt[1]"));
    given().contentType("application/json").body("{\"model\": \"tiny\", \"prompt\": \"x\", \"logprobs\": 9}")
        .post("/v1/completions").then().statusCode(400).body("error.param", equalTo("logprobs"));
  }

  @Test
  void prometheusMetricsShowTheBatcherAndLatencies() {
    given().contentType("application/json").body("{\"model\": \"tiny\", \"prompt\": \"x\", \"max_tokens\": 2}")
        .post("/v1/completions").then().statusCode(200);
    given().get("/q/metrics").then().statusCode(200)
        .body(containsString("minimind_batcher_queued{model=\"tiny\"}"))
        .body(containsString("minimind_generated_tokens_total{model=\"tiny\"}"))
        .body(containsString("minimind_time_to_first_token_seconds_count{model=\"tiny\"}"));
  }
}
