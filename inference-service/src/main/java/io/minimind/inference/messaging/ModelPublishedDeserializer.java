package io.minimind.inference.messaging;

import io.minimind.contracts.messages.ModelPublished;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** {@link ModelPublished} events from JSON. */
public class ModelPublishedDeserializer extends ObjectMapperDeserializer<ModelPublished> {
  public ModelPublishedDeserializer() {
    super(ModelPublished.class);
  }
}
