package io.minimind.tokenizer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.util.HashMap;
import java.util.Map;

/** Replaces the Kafka channels with SmallRye's in-memory connector for consumer unit tests. */
public class InMemoryChannels implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    Map<String, String> props = new HashMap<>();
    props.putAll(InMemoryConnector.switchIncomingChannelsToInMemory("stage-jobs"));
    props.putAll(InMemoryConnector.switchOutgoingChannelsToInMemory("stage-events", "heartbeats"));
    return props;
  }

  @Override
  public void stop() {
    InMemoryConnector.clear();
  }
}
