package io.minimind.trainer;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The Kafka wiring over a real (embedded KRaft) broker: topics, (de)serialisers, keys. Plain
 * clients on the test side, JSON strings on the wire, as the orchestrator would see them.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class StageJobListenerKafkaTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Test
  void aPretrainJobFromKafkaCompletesOnStageEventsWithHeartbeats() throws Exception {
    String data = TestJobs.pretrainData(TestJobs.datasetDir()).toUri().toString();
    String pl = "pl-" + UUID.randomUUID();
    StageJob job = TestJobs.job(pl, "pretrain", 1, StageKind.PRETRAIN, TestJobs.tinyParams(2),
        List.of(data), null);
    Properties p = clientProps();
    p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    p.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      producer.send(new ProducerRecord<>(Topics.STAGE_REQUESTS, pl, "{\"not\": \"a job\"}")).get();
      producer.send(new ProducerRecord<>(Topics.STAGE_REQUESTS, pl, JSON.writeValueAsString(job))).get();
    }
    List<ConsumerRecord<String, String>> events = await(Topics.STAGE_EVENTS, pl, "stage-completed");
    JsonNode done = JSON.readTree(events.get(events.size() - 1).value());
    assertEquals(pl, events.get(events.size() - 1).key(), "keyed by pipeline id");
    assertEquals(2.0, done.get("metrics").get("steps").asDouble(), done.toString());
    Path model = Path.of(java.net.URI.create(done.get("outputUris").get(0).asText()));
    assertTrue(Files.isRegularFile(model.resolve("model.safetensors")), model.toString());
    assertTrue(events.stream().anyMatch(r -> r.value().contains("\"stage-progress\"")), "progress too");
    List<ConsumerRecord<String, String>> beats = await(Topics.HEARTBEATS, pl, "heartbeat");
    assertTrue(JSON.readTree(beats.get(0).value()).get("workerId").asText().length() > 0);
  }

  private Properties clientProps() {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    return p;
  }

  /** Records of {@code pipeline} on {@code topic} up to the first of the given type. */
  private List<ConsumerRecord<String, String>> await(String topic, String pipeline, String type)
      throws Exception {
    Properties p = clientProps();
    p.put("group.id", "test-" + UUID.randomUUID());
    p.put("auto.offset.reset", "earliest");
    p.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    p.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    List<ConsumerRecord<String, String>> found = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic));
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
          JsonNode e = JSON.readTree(r.value());
          if (pipeline.equals(e.path("pipelineId").asText())) {
            found.add(r);
            if (type.equals(e.path("type").asText())) {
              return found;
            }
            assertTrue(!"stage-failed".equals(e.path("type").asText()), r.value());
          }
        }
      }
    }
    throw new AssertionError("no " + type + " on " + topic + " for " + pipeline + ": " + found);
  }
}
