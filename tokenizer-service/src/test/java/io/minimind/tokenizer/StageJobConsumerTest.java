package io.minimind.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minimind.contracts.Topics;
import io.minimind.contracts.messages.StageJob;
import io.minimind.contracts.messages.StageKind;
import io.minimind.testsupport.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Stage jobs over a real (embedded KRaft) Kafka broker. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class StageJobConsumerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path ROOT = Path.of("target/test-data").toAbsolutePath();

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Test
  void tokenizeDatasetJobsCompleteAndBadDataFailsAsData() throws Exception {
    Files.createDirectories(ROOT);
    Path good = ROOT.resolve("job-" + UUID.randomUUID() + ".jsonl");
    Files.write(good, List.of("{\"text\": \"床前明月光\"}", "{\"text\": \"疑是地上霜\"}"));
    Path bad = ROOT.resolve("job-bad-" + UUID.randomUUID() + ".jsonl");
    Files.write(bad, List.of("{\"text\": \"ok\"}", "{broken"));
    String pipeline = "pl-" + UUID.randomUUID();
    StageJob ok = StageJob.create(pipeline, "tok-good", 1, StageKind.TOKENIZE_DATASET,
        Map.of("kind", "pretrain", "maxSeqLen", 64), List.of(good.toUri().toString()),
        ROOT.resolve("shards-" + UUID.randomUUID()).toUri().toString(), null);
    StageJob failing = StageJob.create(pipeline, "tok-bad", 1, StageKind.TOKENIZE_DATASET,
        Map.of("kind", "pretrain"), List.of(bad.toUri().toString()),
        ROOT.resolve("shards-" + UUID.randomUUID()).toUri().toString(), null);
    StageJob notOurs = StageJob.create(pipeline, "pretrain", 1, StageKind.PRETRAIN, Map.of(),
        List.of(), ROOT.resolve("x").toUri().toString(), null);
    send(notOurs, ok, ok, failing); // ok twice: at-least-once delivery must not run it twice

    List<JsonNode> all = awaitEvents(pipeline, 3, Duration.ofSeconds(60));
    List<JsonNode> progress = all.stream().filter(e -> e.get("type").asText().equals("stage-progress")).toList();
    List<JsonNode> events = all.stream().filter(e -> !e.get("type").asText().equals("stage-progress")).toList();
    assertEquals(1, progress.size(), "one progress event for the 2-sample dataset: " + progress);
    assertEquals(2, progress.get(0).get("step").asInt());
    assertEquals(2, progress.get(0).get("totalSteps").asInt());
    JsonNode done = events.stream().filter(e -> e.get("stageId").asText().equals("tok-good")).findFirst().orElseThrow();
    assertEquals("stage-completed", done.get("type").asText());
    assertEquals(2.0, done.get("metrics").get("documents").asDouble());
    assertTrue(Files.isRegularFile(Path.of(java.net.URI.create(ok.outputUri())).resolve("manifest.json")));
    JsonNode failed = events.stream().filter(e -> e.get("stageId").asText().equals("tok-bad")).findFirst().orElseThrow();
    assertEquals("stage-failed", failed.get("type").asText());
    assertEquals("DATA", failed.get("errorClass").asText());
    assertTrue(failed.get("where").asText().endsWith(bad.getFileName() + ":2"), failed.toString());
    assertEquals(2, events.size(), "one event per owned stage attempt, none for the pretrain job: " + events);
  }

  @Test
  void tokenizerTrainJobsRegisterTheNewTokenizer() throws Exception {
    Files.createDirectories(ROOT);
    Path corpus = ROOT.resolve("corpus-" + UUID.randomUUID() + ".jsonl");
    List<String> lines = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      lines.add("{\"text\": \"白日依山尽，黄河入海流。欲穷千里目，更上一层楼。" + i + "\"}");
    }
    Files.write(corpus, lines);
    String pipeline = "pl-" + UUID.randomUUID();
    String id = "kafka-" + UUID.randomUUID().toString().substring(0, 8);
    StageJob train = StageJob.create(pipeline, "tokenizer", 1, StageKind.TOKENIZER_TRAIN,
        Map.of("vocabSize", 300, "tokenizerId", id), List.of(corpus.toUri().toString()),
        ROOT.resolve("tok-" + UUID.randomUUID()).toUri().toString(), null);
    send(train);
    List<JsonNode> events = awaitEvents(pipeline, 3, Duration.ofSeconds(60));
    assertEquals(List.of("stage-progress", "stage-progress", "stage-completed"),
        events.stream().map(e -> e.get("type").asText()).toList(), events.toString());
    assertEquals(2, events.get(1).get("step").asInt());
    io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON)
        .body(Map.of("tokenizer", id, "text", "白日依山尽"))
        .post("/v1/tokenize").then().statusCode(200)
        .body("tokenizer", org.hamcrest.Matchers.equalTo(id));
  }

  private void send(StageJob... jobs) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    p.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      for (StageJob job : jobs) {
        producer.send(new ProducerRecord<>(Topics.STAGE_REQUESTS, job.pipelineId(), JSON.writeValueAsString(job))).get();
      }
    }
  }

  private List<JsonNode> awaitEvents(String pipeline, int expected, Duration timeout) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("group.id", "test-" + UUID.randomUUID());
    p.put("auto.offset.reset", "earliest");
    p.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    p.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    List<JsonNode> found = new java.util.ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(Topics.STAGE_EVENTS));
      while (System.nanoTime() < deadline && found.size() < expected) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          JsonNode e = JSON.readTree(r.value());
          if (pipeline.equals(e.get("pipelineId").asText())) {
            found.add(e);
          }
        }
      }
      // a little longer: a duplicate or stray event would show up here
      long grace = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (System.nanoTime() < grace) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
          JsonNode e = JSON.readTree(r.value());
          if (pipeline.equals(e.get("pipelineId").asText())) {
            found.add(e);
          }
        }
      }
    }
    return found;
  }
}
