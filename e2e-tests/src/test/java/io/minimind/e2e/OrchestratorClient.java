package io.minimind.e2e;

import static io.restassured.RestAssured.given;

import io.minimind.stack.ServiceProcess;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/** The orchestrator's REST API as the end-to-end tests use it. */
final class OrchestratorClient {
  private final String base;

  OrchestratorClient(ServiceProcess orchestrator) {
    this.base = orchestrator.baseUri().toString().replaceAll("/$", "");
  }

  String submit(String yaml) {
    return given().contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8))
        .post(base + "/v1/pipelines").then().statusCode(201).extract().path("id");
  }

  JsonPath pipeline(String id) {
    return given().get(base + "/v1/pipelines/" + id).then().statusCode(200).extract().jsonPath();
  }

  JsonPath metrics(String id) {
    return given().get(base + "/v1/pipelines/" + id + "/metrics").then().statusCode(200).extract().jsonPath();
  }

  JsonPath models() {
    return given().get(base + "/v1/models").then().statusCode(200).extract().jsonPath();
  }

  /**
   * Polls the pipeline until {@code done} holds; fails early when it ended otherwise, and names
   * the pipeline's state in the failure.
   */
  JsonPath await(String id, Predicate<JsonPath> done, Duration timeout, String what,
      ServiceProcess... logs) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    JsonPath last = null;
    while (System.nanoTime() < end) {
      try {
        last = pipeline(id);
        if (done.test(last)) {
          return last;
        }
        String state = last.getString("state");
        if (!"RUNNING".equals(state) && !"SUCCEEDED".equals(state)) {
          break;
        }
      } catch (RuntimeException | AssertionError e) {
        // the orchestrator may be restarting: keep polling until the deadline
      }
      Thread.sleep(250);
    }
    StringBuilder msg = new StringBuilder("pipeline " + id + " did not reach: " + what + "\n"
        + (last == null ? "(no answer)" : last.prettify()));
    for (ServiceProcess p : logs) {
      msg.append("\n--- ").append(p.name()).append(" log ---\n").append(p.logTail(40));
    }
    throw new AssertionError(msg);
  }
}
