package io.minimind.trainer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthTest {
  @Test
  void healthIsUp() {
    given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void readinessShowsWhatTheWorkerDoes() {
    given().when().get("/q/health/ready").then().statusCode(200)
        .body("checks.find { it.name == 'trainer-worker' }.data.state", equalTo("idle"))
        .body("checks.find { it.name == 'trainer-worker' }.data.worker", not(emptyString()));
  }
}
