package io.minimind.inference.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A full server answers 429 with Retry-After in OpenAI's error shape. The queue limit is 0 here so
 * that every request is refused deterministically; when requests queue and when they are refused
 * under load is tested on the batcher itself (ContinuousBatcherTest in minimind-core).
 */
@QuarkusTest
@TestProfile(ServerFullTest.NoQueue.class)
@QuarkusTestResource(TinyModelResource.class)
class ServerFullTest {
  /** No waiting room at all. */
  public static class NoQueue implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("minimind.inference.max-queued", "0");
    }
  }

  @Test
  void aFullServerSaysSoAndWhenToComeBack() {
    given().contentType("application/json")
        .body("{\"model\": \"tiny\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"max_tokens\": 2}")
        .post("/v1/chat/completions").then().statusCode(429)
        .header("Retry-After", "1")
        .body("error.type", equalTo("rate_limit_error"))
        .body("error.code", equalTo("server_busy"))
        .body("error.message", containsString("retry later"));
  }
}
