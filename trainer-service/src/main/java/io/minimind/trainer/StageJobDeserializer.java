package io.minimind.trainer;

import io.minimind.contracts.messages.StageJob;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** JSON → {@link StageJob} for the stage-jobs and gpu-stage-jobs channels. */
public class StageJobDeserializer extends ObjectMapperDeserializer<StageJob> {
  public StageJobDeserializer() {
    super(StageJob.class);
  }
}
