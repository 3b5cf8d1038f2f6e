package io.minimind.trainer;

import io.minimind.contracts.messages.StageCancel;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** JSON → {@link StageCancel} for the stage-control channel. */
public class StageCancelDeserializer extends ObjectMapperDeserializer<StageCancel> {
  public StageCancelDeserializer() {
    super(StageCancel.class);
  }
}
