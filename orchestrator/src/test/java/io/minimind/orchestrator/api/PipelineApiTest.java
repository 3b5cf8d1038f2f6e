package io.minimind.orchestrator.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.minimind.testsupport.KafkaTestResource;
import io.minimind.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST API against a real PostgreSQL and a real Kafka broker. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class PipelineApiTest {
  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @BeforeAll
  static void data() throws Exception {
    Specs.writeDatasets();
  }

  static String submit(String spec) {
    return given().contentType("application/yaml").body(spec.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .when().post("/v1/pipelines")
        .then().statusCode(201).header("Location", containsString("/v1/pipelines/"))
        .body("state", equalTo("RUNNING"))
        .extract().path("id");
  }

  @Test
  void submittedPipelineIsStoredAndItsFirstStageDispatchedOverKafka() throws Exception {
    String id = submit(Specs.threeStages("api-submit", 3));
    given().get("/v1/pipelines/" + id).then().statusCode(200)
        .body("name", equalTo("api-submit"))
        .body("stages", hasSize(3))
        .body("stages[0].id", equalTo("pretrain"))
        .body("stages[0].state", equalTo("DISPATCHED"))
        .body("stages[0].attempt", equalTo(1))
        .body("stages[0].attempts[0].state", equalTo("DISPATCHED"))
        .body("stages[1].state", equalTo("PENDING"))
        .body("stages[2].kind", equalTo("publish"))
        .body("spec.stages[0].parameters.maxSteps", equalTo(4));
    try (FakeWorker worker = new FakeWorker(bootstrap)) {
      JsonNode job = worker.await(FakeWorker.job(id, "pretrain", 1), Duration.ofSeconds(20), "pretrain job");
      assertEquals("pretrain", job.get("kind").asText());
      assertEquals(Specs.ROOT.resolve("datasets/pre.jsonl").toUri().toString(), job.get("inputUris").get(0).asText());
      assertEquals("tiny", job.get("parameters").get("preset").asText());
      assertEquals(4, job.get("parameters").get("maxSteps").asInt());
    }
  }

  @Test
  void jsonSpecsAreAcceptedToo() {
    String json = """
        {"name": "api-json", "model": {"preset": "tiny"}, "datasets": {"pre": "datasets/pre.jsonl"},
         "stages": [{"id": "pretrain", "kind": "pretrain", "dataset": "pre"}]}
        """;
    given().contentType("application/json").body(json).post("/v1/pipelines").then().statusCode(201);
  }

  @Test
  void invalidSpecsAreRejectedWithAPointerToEachBadField() {
    String spec = """
        name: bad
        model: {preset: tiny}
        datasets: {pre: datasets/pre.jsonl}
        stages:
          - {id: pretrain, kind: pretrain, dataset: nope, parameters: {learningRate: fast}}
        """;
    given().contentType("application/yaml").body(spec.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/v1/pipelines").then().statusCode(422)
        .body("type", equalTo("SpecValidationException"))
        .body("errors.pointer", hasItem("/stages/0/dataset"))
        .body("errors.pointer", hasItem("/stages/0/parameters/learningRate"));
  }

  @Test
  void datasetsMustExistAndStayInsideTheArtifactRoot() {
    String spec = """
        name: paths
        model: {preset: tiny}
        datasets: {pre: datasets/missing.jsonl}
        stages: [{id: pretrain, kind: pretrain, dataset: pre}]
        """;
    given().contentType("application/yaml").body(spec.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/v1/pipelines").then().statusCode(422)
        .body("errors[0].pointer", equalTo("/datasets/pre"))
        .body("errors[0].message", containsString("does not exist"));
  }

  @Test
  void emptyBodyUnknownIdAndBadQueriesAreClearErrors() {
    given().contentType("application/yaml").body(new byte[0]).post("/v1/pipelines").then().statusCode(400)
        .body("message", containsString("empty"));
    given().get("/v1/pipelines/" + UUID.randomUUID()).then().statusCode(404).body("code", equalTo(404));
    given().get("/v1/pipelines/not-a-uuid").then().statusCode(404);
    given().get("/v1/pipelines?state=WEIRD").then().statusCode(400).body("message", containsString("WEIRD"));
    given().get("/v1/pipelines?size=0").then().statusCode(400);
  }

  @Test
  void listIsPagedNewestFirstAndFiltersByState() {
    String a = submit(Specs.threeStages("list-a", 3));
    String b = submit(Specs.threeStages("list-b", 3));
    given().post("/v1/pipelines/" + a + "/cancel").then().statusCode(200).body("state", equalTo("CANCELLED"));
    given().get("/v1/pipelines?size=1&page=0").then().statusCode(200)
        .body("items", hasSize(1)).body("total", greaterThanOrEqualTo(2));
    given().get("/v1/pipelines?state=cancelled&size=200").then().statusCode(200)
        .body("items.id", hasItem(a));
    given().get("/v1/pipelines?state=RUNNING&size=200").then().statusCode(200)
        .body("items.id", hasItem(b));
  }

  @Test
  void cancelStopsTheRunningStageAndCannotBeRepeated() throws Exception {
    String id = submit(Specs.threeStages("cancel-me", 3));
    given().post("/v1/pipelines/" + id + "/cancel").then().statusCode(200).body("state", equalTo("CANCELLED"));
    given().get("/v1/pipelines/" + id).then()
        .body("stages.state", equalTo(java.util.List.of("CANCELLED", "CANCELLED", "CANCELLED")))
        .body("finishedAt", notNullValue());
    given().post("/v1/pipelines/" + id + "/cancel").then().statusCode(409)
        .body("message", containsString("already ended as CANCELLED"));
    try (FakeWorker worker = new FakeWorker(bootstrap)) {
      worker.await(FakeWorker.cancel(id, "pretrain", 1), Duration.ofSeconds(20), "cancel of pretrain#1");
    }
  }

  @Test
  void schemaAndOpenApiAreServed() {
    given().get("/v1/pipeline-schema").then().statusCode(200)
        .body(containsString("\"stages\"")).body(containsString("learningRate"));
    given().get("/q/openapi").then().statusCode(200).body(containsString("/v1/pipelines"));
  }
}
