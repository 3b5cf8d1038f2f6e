package io.minimind.tokenizer;

import io.minimind.contracts.messages.StageJob;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** JSON → {@link StageJob} for the stage-jobs channel. */
public class StageJobDeserializer extends ObjectMapperDeserializer<StageJob> {
  public StageJobDeserializer() {
    super(StageJob.class);
  }
}
