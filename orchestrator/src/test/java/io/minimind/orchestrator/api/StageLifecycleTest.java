package io.minimind.orchestrator.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.minimind.contracts.Topics;
import io.minimind.contracts.messages.CheckpointSaved;
import io.minimind.contracts.messages.ErrorClass;
import io.minimind.contracts.messages.Heartbeat;
import io.minimind.contracts.messages.ModelPublished;
import io.minimind.contracts.messages.StageCompleted;
import io.minimind.contracts.messages.StageFailed;
import io.minimind.contracts.messages.StageJob;
import io.minimind.contracts.messages.StageProgress;
import io.minimind.testsupport.KafkaTestResource;
import io.minimind.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stage state machine driven through Kafka by a simulated worker: progress, checkpoints,
 * completion and advance, duplicates, stale attempts, retries that resume, permanent failures, and
 * lost workers (the test profile's heartbeat timeout is 3 s).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class StageLifecycleTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @BeforeAll
  static void data() throws Exception {
    Specs.writeDatasets();
  }

  private static StageJob job(JsonNode n) throws Exception {
    return FakeWorker.JSON.treeToValue(n, StageJob.class);
  }

  private static void awaitState(String id, String path, String state) {
    await().atMost(WAIT).untilAsserted(() ->
        given().get("/v1/pipelines/" + id).then().body(path, equalTo(state)));
  }

  @Test
  void aPipelineRunsToSuccessWithMetricsCheckpointsAndAPublishedModel() throws Exception {
    String id = PipelineApiTest.submit(Specs.threeStages("lifecycle-ok", 3));
    try (FakeWorker w = new FakeWorker(bootstrap)) {
      StageJob pre = job(w.await(FakeWorker.job(id, "pretrain", 1), WAIT, "pretrain job"));
      StageProgress p1 = StageProgress.of(pre, 1, 4, 8.5, 1e-4, 100, 3L, Map.of("gradNorm", 2.0));
      w.send(Topics.STAGE_EVENTS, p1);
      w.send(Topics.STAGE_EVENTS, p1); // redelivered: must not count twice
      w.send(Topics.HEARTBEATS, Heartbeat.of(pre, "worker-a", System.currentTimeMillis()));
      w.send(Topics.STAGE_EVENTS, StageProgress.of(pre, 2, 4, 7.5, 2e-4, 110, 2L, Map.of()));
      w.send(Topics.STAGE_EVENTS, CheckpointSaved.of(pre, pre.outputUri() + "/checkpoints/step-000002", 2));
      awaitState(id, "stages[0].state", "RUNNING");
      await().atMost(WAIT).untilAsserted(() -> given().get("/v1/pipelines/" + id).then()
          .body("stages[0].lastCheckpoint.step", equalTo(2))
          .body("stages[0].latestMetrics.loss", equalTo(7.5f))
          .body("stages[0].attempts[0].workerId", equalTo("worker-a")));
      String model = pre.outputUri() + "/model";
      w.send(Topics.STAGE_EVENTS, StageCompleted.of(pre, List.of(model), Map.of("finalLoss", 7.0)));

      StageJob sft = job(w.await(FakeWorker.job(id, "sft", 1), WAIT, "sft job"));
      assertEquals(model, sft.inputUris().get(1), "SFT continues from the pretrained model");
      w.send(Topics.STAGE_EVENTS, StageCompleted.of(sft, List.of(sft.outputUri() + "/model"), Map.of()));

      StageJob pub = job(w.await(FakeWorker.job(id, "publish", 1), WAIT, "publish job"));
      assertEquals(List.of(sft.outputUri() + "/model"), pub.inputUris());
      w.send(Topics.MODEL_PUBLISHED, ModelPublished.of(pub, "test-model", 1, "file:///x/models/test-model/v1"));
      w.send(Topics.STAGE_EVENTS, StageCompleted.of(pub, List.of("file:///x/models/test-model/v1"), Map.of("version", 1.0)));
    }
    awaitState(id, "state", "SUCCEEDED");
    given().get("/v1/pipelines/" + id + "/metrics").then().statusCode(200)
        .body("stages.pretrain", hasSize(2))
        .body("stages.pretrain[0].step", equalTo(1))
        .body("stages.pretrain[0].metrics.gradNorm", equalTo(2.0f))
        .body("stages.sft", hasSize(0));
    await().atMost(WAIT).untilAsserted(() -> given().get("/v1/models").then()
        .body("find { it.pipelineId == '" + id + "' }.name", equalTo("test-model")));
    given().get("/v1/pipelines/" + id).then().body("models[0].version", equalTo(1));
  }

  @Test
  void transientFailureRetriesFromTheLastCheckpointAndStaleAttemptsAreCancelled() throws Exception {
    String id = PipelineApiTest.submit(Specs.threeStages("lifecycle-retry", 3));
    try (FakeWorker w = new FakeWorker(bootstrap)) {
      StageJob a1 = job(w.await(FakeWorker.job(id, "pretrain", 1), WAIT, "attempt 1"));
      String ckpt = a1.outputUri() + "/checkpoints/step-000002";
      w.send(Topics.STAGE_EVENTS, CheckpointSaved.of(a1, ckpt, 2));
      w.send(Topics.STAGE_EVENTS, StageFailed.of(a1, ErrorClass.TRANSIENT, "out of memory", null));
      StageJob a2 = job(w.await(FakeWorker.job(id, "pretrain", 2), WAIT, "attempt 2"));
      assertEquals(ckpt, a2.resumeFrom(), "the new attempt resumes from the last checkpoint");
      assertTrue(a2.outputUri().endsWith("/attempt-2"), a2.outputUri());
      // The first attempt is still alive somewhere: its events change nothing and it is told to stop.
      w.send(Topics.STAGE_EVENTS, StageProgress.of(a1, 3, 4, 1.0, 1e-4, 1, null, Map.of()));
      w.await(FakeWorker.cancel(id, "pretrain", 1), WAIT, "cancel of the stale attempt");
      w.send(Topics.STAGE_EVENTS, StageCompleted.of(a1, List.of("file:///stale"), Map.of()));
      Thread.sleep(500);
      given().get("/v1/pipelines/" + id).then()
          .body("stages[0].state", equalTo("DISPATCHED")).body("stages[0].attempt", equalTo(2))
          .body("stages[0].attempts[0].outcome", equalTo("out of memory"));
      given().get("/v1/pipelines/" + id + "/metrics").then().body("stages.pretrain", hasSize(0));
    }
  }

  @Test
  void dataErrorsFailThePipelineAtOnceNamingTheLine() throws Exception {
    String id = PipelineApiTest.submit(Specs.threeStages("lifecycle-data", 3));
    try (FakeWorker w = new FakeWorker(bootstrap)) {
      StageJob a1 = job(w.await(FakeWorker.job(id, "pretrain", 1), WAIT, "attempt 1"));
      w.send(Topics.STAGE_EVENTS, StageFailed.of(a1, ErrorClass.DATA, "invalid JSON", "pre.jsonl:7"));
    }
    awaitState(id, "state", "FAILED");
    given().get("/v1/pipelines/" + id).then()
        .body("error", containsString("invalid JSON"))
        .body("error", containsString("pre.jsonl:7"))
        .body("stages[0].state", equalTo("FAILED"))
        .body("stages[0].error.errorClass", equalTo("DATA"))
        .body("stages[0].error.where", equalTo("pre.jsonl:7"))
        .body("stages[1].state", equalTo("CANCELLED"))
        .body("stages[0].attempts", hasSize(1));
  }

  @Test
  void aSilentWorkerIsDeclaredLostAndTheStageRedispatchedUntilAttemptsRunOut() throws Exception {
    String id = PipelineApiTest.submit(Specs.threeStages("lifecycle-lost", 2));
    try (FakeWorker w = new FakeWorker(bootstrap)) {
      StageJob a1 = job(w.await(FakeWorker.job(id, "pretrain", 1), WAIT, "attempt 1"));
      w.send(Topics.HEARTBEATS, Heartbeat.of(a1, "doomed", System.currentTimeMillis()));
      w.send(Topics.STAGE_EVENTS, CheckpointSaved.of(a1, a1.outputUri() + "/checkpoints/step-000002", 2));
      StageJob a2 = job(w.await(FakeWorker.job(id, "pretrain", 2), WAIT, "attempt 2 after the timeout"));
      assertEquals(a1.outputUri() + "/checkpoints/step-000002", a2.resumeFrom());
      w.await(FakeWorker.cancel(id, "pretrain", 1), WAIT, "cancel of the lost attempt");
      w.send(Topics.HEARTBEATS, Heartbeat.of(a2, "doomed-too", System.currentTimeMillis()));
    }
    awaitState(id, "state", "FAILED");
    given().get("/v1/pipelines/" + id).then()
        .body("stages[0].error.message", containsString("no heartbeat"))
        .body("stages[0].error.message", containsString("after 2 attempts"));
  }

  @Test
  void serverSentEventsFollowThePipelineUntilItEnds() throws Exception {
    String id = PipelineApiTest.submit(Specs.threeStages("lifecycle-sse", 3));
    try (FakeWorker w = new FakeWorker(bootstrap)) {
      w.await(FakeWorker.job(id, "pretrain", 1), WAIT, "attempt 1");
    }
    new Thread(() -> {
      try {
        Thread.sleep(700);
        given().post("/v1/pipelines/" + id + "/cancel");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }).start();
    String body = given().accept("text/event-stream").get("/v1/pipelines/" + id + "/events")
        .then().statusCode(200).extract().asString();
    assertTrue(body.startsWith("data:"), body);
    assertTrue(body.contains("\"state\":\"RUNNING\""), body);
    assertTrue(body.contains("\"state\":\"CANCELLED\""), "the stream ends with the final state: " + body);
  }
}
