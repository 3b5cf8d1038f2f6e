package io.minimind.orchestrator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minimind.contracts.messages.Heartbeat;
import io.minimind.contracts.messages.StageJob;
import io.minimind.contracts.messages.StageKind;
import io.minimind.orchestrator.service.StageEventHandler.Result;
import io.minimind.testsupport.KafkaTestResource;
import io.minimind.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** At-least-once delivery: the handler applies a message once and recognises every redelivery. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class DeduplicationTest {
  @Inject
  StageEventHandler handler;

  @Test
  void aRedeliveredMessageIsRecognisedByItsId() {
    StageJob job = StageJob.create(UUID.randomUUID().toString(), "pretrain", 1, StageKind.PRETRAIN,
        Map.of(), List.of(), "file:///tmp/x", null);
    Heartbeat beat = Heartbeat.of(job, "w", System.currentTimeMillis());
    assertEquals(Result.UNKNOWN_STAGE, handler.handle(beat), "first delivery is looked at");
    assertEquals(Result.DUPLICATE, handler.handle(beat), "the same message id again is skipped");
    assertEquals(Result.UNKNOWN_STAGE, handler.handle(Heartbeat.of(job, "w", System.currentTimeMillis())),
        "a new message is not a duplicate");
  }
}
