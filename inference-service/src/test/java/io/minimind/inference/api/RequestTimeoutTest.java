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

/** A request still generating after {@code request-timeout} fails with 504 in OpenAI's shape. */
@QuarkusTest
@TestProfile(RequestTimeoutTest.Impatient.class)
@QuarkusTestResource(TinyModelResource.class)
class RequestTimeoutTest {
  /** 300 tokens cannot be generated in a millisecond. */
  public static class Impatient implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("minimind.inference.request-timeout", "1ms");
    }
  }

  @Test
  void aRequestOverItsTimeIsAGatewayTimeout() {
    given().contentType("application/json")
        .body("{\"model\": \"tiny\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"max_tokens\": 300}")
        .post("/v1/chat/completions").then().statusCode(504)
        .body("error.type", equalTo("timeout_error"))
        .body("error.message", containsString("exceeded"));
  }
}
