package io.minimind.inference.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import io.minimind.contracts.messages.ModelPublished;
import io.minimind.contracts.messages.StageJob;
import io.minimind.contracts.messages.StageKind;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A model.published event makes the service serve the new model under its name. */
@QuarkusTest
@QuarkusTestResource(TinyModelResource.class)
@QuarkusTestResource(value = HotSwapTest.InMemory.class, restrictToAnnotatedClass = true)
class HotSwapTest {
  /** The model-published channel on SmallRye's in-memory connector. */
  public static class InMemory implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
      Map<String, String> p = new HashMap<>(InMemoryConnector.switchIncomingChannelsToInMemory("model-published"));
      p.put("mp.messaging.incoming.model-published.enabled", "true");
      return p;
    }

    @Override
    public void stop() {
      InMemoryConnector.clear();
    }
  }

  @Inject
  @Any
  InMemoryConnector connector;

  @Test
  void aPublishedModelIsServedUnderItsName() {
    StageJob job = StageJob.create("pl", "publish", 1, StageKind.PUBLISH, Map.of(), List.of(),
        "file:///tmp/x", null);
    connector.<ModelPublished>source("model-published").send(
        ModelPublished.of(job, "fresh", 1, TinyModelResource.DIR.toUri().toString()));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        given().get("/v1/models").then().body("data.id", hasItem("fresh")));
    given().contentType("application/json")
        .body("{\"model\": \"fresh\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": 2}")
        .post("/v1/chat/completions").then().statusCode(200);
  }
}
