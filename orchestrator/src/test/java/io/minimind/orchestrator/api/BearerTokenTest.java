package io.minimind.orchestrator.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.minimind.testsupport.KafkaTestResource;
import io.minimind.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With {@code minimind.orchestrator.api-token} set, /v1 needs the bearer token; health does not. */
@QuarkusTest
@TestProfile(BearerTokenTest.WithToken.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class BearerTokenTest {
  /** Turns the token on. */
  public static class WithToken implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("minimind.orchestrator.api-token", "s3cret");
    }
  }

  @Test
  void v1NeedsTheTokenAndHealthStaysOpen() {
    given().get("/v1/pipelines").then().statusCode(401)
        .header("WWW-Authenticate", "Bearer")
        .body("message", containsString("missing Authorization"));
    given().header("Authorization", "Bearer wrong").get("/v1/pipelines").then().statusCode(401)
        .body("message", equalTo("wrong API token"));
    given().header("Authorization", "Bearer s3cret").get("/v1/pipelines").then().statusCode(200);
    given().get("/q/health/ready").then().statusCode(200);
  }
}
