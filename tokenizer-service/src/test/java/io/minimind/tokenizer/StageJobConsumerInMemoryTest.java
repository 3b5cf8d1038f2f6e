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

  @Test
  void aPipelineTokenizerGivenByUriIsUsedAndHeartbeatsAreSent() throws Exception {
    InMemorySink<StageEvent> events = connector.sink("stage-events");
    InMemorySink<io.minimind.contracts.messages.Heartbeat> beats = connector.sink("heartbeats");
    events.clear();
    beats.clear();
    Path root = Path.of("target/test-data").toAbsolutePath();
    Path tokDir = root.resolve("tok-by-uri");
    java.nio.file.Files.createDirectories(tokDir);
    try (var tok = io.minimind.core.tokenizer.MiniMindTokenizer.defaultTokenizer()) {
      tok.saveTo(tokDir);
    }
    Path data = root.resolve("uri-" + java.util.UUID.randomUUID() + ".jsonl");
    java.nio.file.Files.write(data, List.of("{\"text\": \"春眠不觉晓\"}"));
    Path out = root.resolve("shards-" + java.util.UUID.randomUUID());
    StageJob job = StageJob.create("pl-uri", "shards", 1, StageKind.TOKENIZE_DATASET,
        Map.of("format", "pretrain", "kind", "pretrain", "tokenizerUri", tokDir.toUri().toString()),
        List.of(data.toUri().toString()), out.toUri().toString(), null);
    connector.<StageJob>source("stage-jobs").send(job);
    long deadline = System.currentTimeMillis() + 20_000;
    while (events.received().stream().noneMatch(m -> m.getPayload() instanceof io.minimind.contracts.messages.StageCompleted
        || m.getPayload() instanceof StageFailed) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    StageEvent last = events.received().get(events.received().size() - 1).getPayload();
    assertTrue(last instanceof io.minimind.contracts.messages.StageCompleted, last.toString());
    assertTrue(java.nio.file.Files.isRegularFile(out.resolve("manifest.json")));
    assertTrue(!beats.received().isEmpty(), "a heartbeat at the start of the job");
    assertEquals("shards", beats.received().get(0).getPayload().stageId());
  }
}
