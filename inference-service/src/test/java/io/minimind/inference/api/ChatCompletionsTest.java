package io.minimind.inference.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minimind.inference.model.ModelRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The OpenAI chat API over the continuous batcher, on a tiny random model. */
@QuarkusTest
@QuarkusTestResource(TinyModelResource.class)
class ChatCompletionsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Inject
  ModelRegistry registry;

  static String body(String extra) {
    return "{\"model\": \"tiny\", \"messages\": [{\"role\": \"user\", \"content\": \"你好\"}]"
        + (extra.isEmpty() ? "" : ", " + extra) + "}";
  }

  static JsonPath chat(String body) {
    return given().contentType("application/json").body(body).post("/v1/chat/completions")
        .then().statusCode(200).extract().jsonPath();
  }

  @Test
  void modelsAreListedAndReadinessIsUp() {
    given().get("/v1/models").then().statusCode(200)
        .body("object", equalTo("list")).body("data[0].id", equalTo("tiny"));
    given().get("/q/health/ready").then().statusCode(200);
  }

  @Test
  void aWholeCompletionHasOpenAiShapeAndExactUsage() {
    JsonPath r = chat(body("\"max_tokens\": 6, \"seed\": 1, \"temperature\": 0.8"));
    assertEquals("chat.completion", r.getString("object"));
    assertTrue(r.getString("id").startsWith("chatcmpl-"));
    assertEquals("assistant", r.getString("choices[0].message.role"));
    int completion = r.getInt("usage.completion_tokens");
    String finish = r.getString("choices[0].finish_reason");
    assertTrue(finish.equals("length") ? completion == 6 : completion <= 6, finish + " " + completion);
    // The rendered prompt: system default + user turn + generation prompt.
    String prompt = "<|im_start|>system\nYou are a helpful assistant<|im_end|>\n<|im_start|>user\n你好<|im_end|>\n"
        + "<|im_start|>assistant\n";
    int promptTokens = registry.get("tiny").tokenizer().encode(prompt).length;
    assertEquals(promptTokens, r.getInt("usage.prompt_tokens"));
    assertEquals(promptTokens + completion, r.getInt("usage.total_tokens"));
  }

  @Test
  void equalSeedsGiveEqualRepliesAndNGivesNChoices() {
    String b = body("\"max_tokens\": 8, \"seed\": 42, \"temperature\": 1.0, \"n\": 2");
    JsonPath first = chat(b);
    JsonPath second = chat(b);
    assertEquals(first.getList("choices.message.content"), second.getList("choices.message.content"));
    assertEquals(2, first.getList("choices").size());
    assertEquals(1, first.getInt("choices[1].index"));
  }

  @Test
  void logprobsListTheChosenTokensAndTheirAlternatives() {
    JsonPath r = chat(body("\"max_tokens\": 3, \"temperature\": 0, \"logprobs\": true, \"top_logprobs\": 2"));
    assertEquals(r.getInt("usage.completion_tokens"), r.getList("choices[0].logprobs.content").size());
    assertEquals(2, r.getList("choices[0].logprobs.content[0].top_logprobs").size());
    float chosen = r.getFloat("choices[0].logprobs.content[0].logprob");
    float best = r.getFloat("choices[0].logprobs.content[0].top_logprobs[0].logprob");
    assertEquals(best, chosen, 1e-6, "greedy picks the most likely token");
  }

  @Test
  void streamingSendsRoleDeltasFinishUsageAndDone() throws Exception {
    String text = given().contentType("application/json")
        .body(body("\"max_tokens\": 5, \"seed\": 3, \"stream\": true, \"stream_options\": {\"include_usage\": true}"))
        .post("/v1/chat/completions").then().statusCode(200)
        .header("Content-Type", containsString("text/event-stream")).extract().asString();
    List<String> data = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("data: ")) {
        data.add(line.substring(6));
      }
    }
    assertEquals("[DONE]", data.get(data.size() - 1));
    JsonNode first = JSON.readTree(data.get(0));
    assertEquals("chat.completion.chunk", first.get("object").asText());
    assertEquals("assistant", first.at("/choices/0/delta/role").asText());
    JsonNode usage = JSON.readTree(data.get(data.size() - 2));
    assertEquals(0, usage.get("choices").size());
    JsonNode finish = JSON.readTree(data.get(data.size() - 3));
    assertTrue(finish.at("/choices/0/finish_reason").isTextual(), finish.toString());
    StringBuilder content = new StringBuilder();
    for (String d : data.subList(1, data.size() - 3)) {
      content.append(JSON.readTree(d).at("/choices/0/delta/content").asText(""));
    }
    JsonPath whole = chat(body("\"max_tokens\": 5, \"seed\": 3"));
    assertEquals(whole.getString("choices[0].message.content"), content.toString(),
        "streamed deltas add up to the whole reply");
    assertEquals(whole.getInt("usage.completion_tokens"), usage.at("/usage/completion_tokens").asInt());
  }

  @Test
  void streamedLogprobsAddUpToTheWholeResponsesLogprobs() throws Exception {
    String options = "\"max_tokens\": 12, \"seed\": 11, \"temperature\": 0.9, \"n\": 2, "
        + "\"logprobs\": true, \"top_logprobs\": 2";
    JsonNode whole = JSON.readTree(given().contentType("application/json").body(body(options))
        .post("/v1/chat/completions").then().statusCode(200).extract().asString());
    String text = given().contentType("application/json").body(body(options + ", \"stream\": true"))
        .post("/v1/chat/completions").then().statusCode(200).extract().asString();
    List<List<JsonNode>> streamed = List.of(new ArrayList<>(), new ArrayList<>());
    int chunksWithText = 0;
    for (String line : text.split("\n")) {
      if (!line.startsWith("data: {")) {
        continue;
      }
      JsonNode choice = JSON.readTree(line.substring(6)).at("/choices/0");
      String content = choice.at("/delta/content").asText("");
      if (!content.isEmpty()) {
        chunksWithText++;
        assertTrue(choice.at("/logprobs/content").size() > 0, "a chunk with text has its tokens' logprobs: "
            + line);
      }
      choice.at("/logprobs/content").forEach(streamed.get(choice.get("index").asInt())::add);
    }
    assertTrue(chunksWithText > 2, text);
    for (int i = 0; i < 2; i++) {
      List<JsonNode> expected = new ArrayList<>();
      whole.at("/choices/" + i + "/logprobs/content").forEach(expected::add);
      assertEquals(whole.at("/usage/completion_tokens").asInt() > 0, !expected.isEmpty());
      assertEquals(expected, streamed.get(i), "choice " + i);
    }
  }

  @Test
  void badRequestsGetOpenAiErrors() {
    given().contentType("application/json").body(body("\"temperature\": 5")).post("/v1/chat/completions")
        .then().statusCode(400).body("error.param", equalTo("temperature"))
        .body("error.type", equalTo("invalid_request_error"));
    given().contentType("application/json")
        .body("{\"model\": \"nope\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}")
        .post("/v1/chat/completions").then().statusCode(404).body("error.code", equalTo("model_not_found"));
    given().contentType("application/json").body(body("\"max_tokens\": 100000")).post("/v1/chat/completions")
        .then().statusCode(400).body("error.param", equalTo("max_tokens"))
        .body("error.message", containsString("context"));
    given().contentType("application/json").body("{not json").post("/v1/chat/completions")
        .then().statusCode(400).body("error.type", equalTo("invalid_request_error"));
  }

  @Test
  void sixteenConcurrentStreamsGetWhatTheyGetAloneAndShareTheBatch() throws Exception {
    int n = 16;
    List<String> bodies = new ArrayList<>();
    List<String> alone = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      bodies.add("{\"model\": \"tiny\", \"messages\": [{\"role\": \"user\", \"content\": \"第" + i
          + "个问题\"}], \"max_tokens\": 12, \"seed\": " + (100 + i) + ", \"temperature\": 0.9}");
      alone.add(chat(bodies.get(i)).getString("choices[0].message.content"));
    }
    long stepsBefore = registry.get("tiny").batcher().stats().steps();
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<String>> together = new ArrayList<>();
      for (String b : bodies) {
        together.add(pool.submit(() -> chat(b).getString("choices[0].message.content")));
      }
      for (int i = 0; i < n; i++) {
        assertEquals(alone.get(i), together.get(i).get(), "request " + i);
      }
    } finally {
      pool.shutdown();
    }
    var stats = registry.get("tiny").batcher().stats();
    assertTrue(stats.maxBatchSeen() > 1, "requests shared steps: " + stats);
    assertTrue(stats.steps() - stepsBefore < n * 12, "fewer steps than tokens: the batch was shared");
  }
}
