package io.minimind.inference.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  void logprobsComeInTheLegacyShapeWholeAndStreamed() throws Exception {
    String req = "{\"model\": \"tiny\", \"prompt\": \"床前明月光\", \"max_tokens\": 6, \"temperature\": 0,"
        + " \"seed\": 7, \"logprobs\": 2";
    JsonPath whole = given().contentType("application/json").body(req + "}")
        .post("/v1/completions").then().statusCode(200).extract().jsonPath();
    int n = whole.getInt("usage.completion_tokens");
    List<String> tokens = whole.getList("choices[0].logprobs.tokens");
    List<Float> logprobs = whole.getList("choices[0].logprobs.token_logprobs", Float.class);
    List<Map<String, Float>> top = whole.getList("choices[0].logprobs.top_logprobs");
    List<Integer> offsets = whole.getList("choices[0].logprobs.text_offset", Integer.class);
    assertEquals(n, tokens.size());
    assertEquals(n, logprobs.size());
    assertEquals(n, top.size());
    assertEquals(String.join("", tokens), whole.getString("choices[0].text"), "tokens spell the text");
    int offset = 0;
    for (int i = 0; i < n; i++) {
      assertEquals(offset, offsets.get(i), "text_offset " + i);
      offset += tokens.get(i).length();
      assertTrue(top.get(i).size() >= 1 && top.get(i).size() <= 2, "top " + i + ": " + top.get(i));
      float best = java.util.Collections.max(top.get(i).values());
      assertEquals(best, logprobs.get(i), 1e-6, "greedy picks the likeliest alternative at " + i);
    }

    ObjectMapper mapper = new ObjectMapper();
    List<String> streamedTokens = new ArrayList<>();
    List<Integer> streamedOffsets = new ArrayList<>();
    String sse = given().contentType("application/json").body(req + ", \"stream\": true}")
        .post("/v1/completions").then().statusCode(200).extract().asString();
    for (String line : sse.split("\n")) {
      if (!line.startsWith("data: {")) {
        continue;
      }
      JsonNode lp = mapper.readTree(line.substring(6)).at("/choices/0/logprobs");
      lp.path("tokens").forEach(t -> streamedTokens.add(t.asText()));
      lp.path("text_offset").forEach(o -> streamedOffsets.add(o.asInt()));
    }
    assertEquals(tokens, streamedTokens, "streamed chunks carry the same tokens");
    assertEquals(offsets, streamedOffsets, "offsets continue across chunks");

    JsonPath chosenOnly = given().contentType("application/json")
        .body("{\"model\": \"tiny\", \"prompt\": \"x\", \"max_tokens\": 2, \"logprobs\": 0}")
        .post("/v1/completions").then().statusCode(200).extract().jsonPath();
    assertEquals(2, chosenOnly.getList("choices[0].logprobs.token_logprobs").size());
    assertEquals(Map.of(), chosenOnly.getMap("choices[0].logprobs.top_logprobs[0]"));
    given().contentType("application/json").body("{\"model\": \"tiny\", \"prompt\": \"x\", \"max_tokens\": 2}")
        .post("/v1/completions").then().statusCode(200).body("choices[0].logprobs", org.hamcrest.Matchers.nullValue());
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
