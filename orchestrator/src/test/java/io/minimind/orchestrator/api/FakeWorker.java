package io.minimind.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minimind.contracts.Topics;
import io.minimind.contracts.messages.StageMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Plays a worker over the real broker: reads the jobs and cancels the orchestrator sends and
 * answers with events, so the orchestrator is tested through Kafka exactly as workers use it.
 */
final class FakeWorker implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private final KafkaProducer<String, String> producer;
  private final KafkaConsumer<String, String> consumer;
  private final List<JsonNode> seen = new ArrayList<>();

  FakeWorker(String bootstrap) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    p.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    p.put("acks", "all");
    producer = new KafkaProducer<>(p);
    Properties c = new Properties();
    c.put("bootstrap.servers", bootstrap);
    c.put("group.id", "fake-worker-" + UUID.randomUUID());
    c.put("auto.offset.reset", "earliest");
    c.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    c.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    consumer = new KafkaConsumer<>(c);
    consumer.subscribe(List.of(Topics.STAGE_REQUESTS, Topics.STAGE_REQUESTS_GPU, Topics.STAGE_CONTROL));
  }

  void send(String topic, StageMessage m) throws Exception {
    producer.send(new ProducerRecord<>(topic, m.pipelineId(), JSON.writeValueAsString(m))).get();
  }

  /** Waits for a job or cancel matching {@code test}; fails after {@code timeout}. */
  JsonNode await(Predicate<JsonNode> test, Duration timeout, String what) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      for (JsonNode n : seen) {
        if (test.test(n)) {
          return n;
        }
      }
      for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
        seen.add(JSON.readTree(r.value()));
      }
    }
    throw new AssertionError("no " + what + " within " + timeout + "; seen: " + seen);
  }

  /** Jobs or cancels seen so far that match. */
  List<JsonNode> seen(Predicate<JsonNode> test) {
    return seen.stream().filter(test).toList();
  }

  static Predicate<JsonNode> job(String pipelineId, String stageId, int attempt) {
    return n -> n.has("kind") && pipelineId.equals(n.get("pipelineId").asText())
        && stageId.equals(n.get("stageId").asText()) && n.get("attempt").asInt() == attempt;
  }

  static Predicate<JsonNode> cancel(String pipelineId, String stageId, int attempt) {
    return n -> n.has("reason") && pipelineId.equals(n.get("pipelineId").asText())
        && stageId.equals(n.get("stageId").asText()) && n.get("attempt").asInt() == attempt;
  }

  @Override
  public void close() {
    producer.close();
    consumer.close();
  }
}
