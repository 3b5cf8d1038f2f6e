package io.minimind.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts an {@link EmbeddedKafka} for a {@code @QuarkusTest} and points the application at it
 * ({@code kafka.bootstrap.servers}); Dev Services stay off (no Docker).
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {
  private EmbeddedKafka kafka;

  @Override
  public Map<String, String> start() {
    try {
      kafka = new EmbeddedKafka();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the embedded Kafka broker", e);
    }
    return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
        "quarkus.kafka.devservices.enabled", "false");
  }

  @Override
  public void stop() {
    if (kafka != null) {
      try {
        kafka.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot stop the embedded Kafka broker", e);
      }
    }
  }
}
