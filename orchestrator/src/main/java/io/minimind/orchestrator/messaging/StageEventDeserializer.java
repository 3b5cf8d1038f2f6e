package io.minimind.orchestrator.messaging;

import io.minimind.contracts.messages.StageEvent;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** Stage events (any subtype, by their {@code type} field) from JSON. */
public class StageEventDeserializer extends ObjectMapperDeserializer<StageEvent> {
  public StageEventDeserializer() {
    super(StageEvent.class);
  }
}
