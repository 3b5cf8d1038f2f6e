package io.minimind.inference.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minimind.core.serving.BatcherStats;
import io.minimind.core.serving.ContinuousBatcher;
import io.minimind.inference.model.ModelRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A client that closes its connection during a whole (non-streamed) request frees its place in
 * the batch: the batcher's stats show the sequence leaving long before max_tokens, where the
 * same request left alone runs to max_tokens.
 */
@QuarkusTest
@QuarkusTestResource(TinyModelResource.class)
class ClientDisconnectTest {
  static final int MAX_TOKENS = 1000;

  @Inject
  ModelRegistry registry;

  @TestHTTPResource("/")
  URL base;

  static String body(String path) {
    String common = "\"max_tokens\": " + MAX_TOKENS + ", \"temperature\": 0";
    return path.equals("/v1/completions")
        ? "{\"model\": \"tiny\", \"prompt\": \"从前有座山\", " + common + "}"
        : ChatCompletionsTest.body(common);
  }

  ContinuousBatcher batcher() {
    return registry.get("tiny").batcher();
  }

  BatcherStats await(Predicate<BatcherStats> condition, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    BatcherStats s = batcher().stats();
    while (!condition.test(s) && System.currentTimeMillis() < deadline) {
      Thread.sleep(2);
      s = batcher().stats();
    }
    return s;
  }

  /** Sends the request on a raw socket, closes it once tokens flow, returns the tokens generated. */
  long generatedAfterLeaving(String path) throws Exception {
    BatcherStats idle = await(s -> s.running() == 0 && s.queued() == 0, 30_000);
    assertEquals(0, idle.running(), "the batch is idle before the test");
    byte[] json = body(path).getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + json.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(json);
      out.flush();
      BatcherStats flowing = await(s -> s.generatedTokens() >= idle.generatedTokens() + 10, 30_000);
      assertTrue(flowing.generatedTokens() - idle.generatedTokens() < MAX_TOKENS / 4,
          "the request is generating and far from done: " + flowing);
    }
    BatcherStats after = await(s -> s.finished() > idle.finished() && s.running() == 0, 10_000);
    assertEquals(idle.finished() + 1, after.finished(), "the sequence left the batch: " + after);
    return after.generatedTokens() - idle.generatedTokens();
  }

  @Test
  void aChatClientThatLeavesAWholeRequestStopsItsGeneration() throws Exception {
    long generated = generatedAfterLeaving("/v1/chat/completions");
    assertTrue(generated < MAX_TOKENS / 2, "left after " + generated + " of " + MAX_TOKENS + " tokens");
    // The same request, waited for, runs to max_tokens: the early end above was the disconnect.
    JsonPath whole = ChatCompletionsTest.chat(body("/v1/chat/completions"));
    assertEquals("length", whole.getString("choices[0].finish_reason"), whole.prettify());
    assertEquals(MAX_TOKENS, whole.getInt("usage.completion_tokens"));
  }

  @Test
  void aCompletionsClientThatLeavesAWholeRequestStopsItsGeneration() throws Exception {
    long generated = generatedAfterLeaving("/v1/completions");
    assertTrue(generated < MAX_TOKENS / 2, "left after " + generated + " of " + MAX_TOKENS + " tokens");
    JsonPath whole = io.restassured.RestAssured.given().contentType("application/json")
        .body(body("/v1/completions")).post("/v1/completions").then().statusCode(200).extract().jsonPath();
    assertEquals("length", whole.getString("choices[0].finish_reason"), whole.prettify());
    assertEquals(MAX_TOKENS, whole.getInt("usage.completion_tokens"));
  }
}
