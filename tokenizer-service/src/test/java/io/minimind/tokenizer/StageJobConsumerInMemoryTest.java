package io.minimind.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minimind.contracts.messages.ErrorClass;
import io.minimind.contracts.messages.StageEvent;
import io.minimind.contracts.messages.StageFailed;
import io.minimind.contracts.messages.StageJob;
import io.minimind.contracts.messages.StageKind;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The consumer's decisions without a broker: ownership, dedupe, error classes. */
@QuarkusTest
@QuarkusTestResource(value = InMemoryChannels.class, restrictToAnnotatedClass = true)
class StageJobConsumerInMemoryTest {
  @Inject
  @Any
  InMemoryConnector connector;

  @Test
  void specErrorsAreClassifiedAndDuplicatesAndForeignKindsIgnored() throws Exception {
    InMemorySink<StageEvent> events = connector.sink("stage-events");
    events.clear();
    Path root = Path.of("target/test-data").toAbsolutePath();
    StageJob missingInput = StageJob.create("pl-mem", "tok", 1, StageKind.TOKENIZE_DATASET, Map.of(),
        List.of(root.resolve("does-not-exist.jsonl").toUri().toString()),
        root.resolve("out-mem").toUri().toString(), null);
    StageJob outside = StageJob.create("pl-mem", "escape", 1, StageKind.TOKENIZE_DATASET, Map.of(),
        List.of("file:///etc/passwd"), root.resolve("out-mem2").toUri().toString(), null);
    StageJob foreign = StageJob.create("pl-mem", "sft", 1, StageKind.SFT, Map.of(), List.of(),
        root.resolve("x").toUri().toString(), null);
    var jobs = connector.<StageJob>source("stage-jobs");
    jobs.send(missingInput);
    jobs.send(missingInput); // redelivery
    jobs.send(outside);
    jobs.send(foreign);
    long deadline = System.currentTimeMillis() + 20_000;
    while (events.received().size() < 2 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    Thread.sleep(500); // anything extra would arrive now
    List<StageEvent> got = events.received().stream().map(m -> m.getPayload()).toList();
    assertEquals(2, got.size(), got.toString());
    StageFailed first = (StageFailed) got.get(0);
    assertEquals(ErrorClass.SPEC, first.errorClass());
    assertTrue(first.message().contains("does-not-exist.jsonl does not exist"), first.message());
    StageFailed second = (StageFailed) got.get(1);
    assertEquals("escape", second.stageId());
    assertTrue(second.message().contains("outside the data root"), second.message());
  }
}
