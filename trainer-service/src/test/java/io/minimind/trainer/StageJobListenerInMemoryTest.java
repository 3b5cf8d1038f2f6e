package io.minimind.trainer;

import static io.minimind.trainer.TestJobs.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import io.minimind.contracts.messages.CheckpointSaved;
import io.minimind.contracts.messages.ErrorClass;
import io.minimind.contracts.messages.Heartbeat;
import io.minimind.contracts.messages.ModelPublished;
import io.minimind.contracts.messages.StageCancel;
import io.minimind.contracts.messages.StageCompleted;
import io.minimind.contracts.messages.StageEvent;
import io.minimind.contracts.messages.StageFailed;
import io.minimind.contracts.messages.StageJob;
import io.minimind.contracts.messages.StageKind;
import io.minimind.contracts.messages.StageProgress;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The worker end to end without a broker: training, resume, publish, cancel, failures, dedupe. */
@QuarkusTest
@QuarkusTestResource(value = InMemoryChannels.class, restrictToAnnotatedClass = true)
class StageJobListenerInMemoryTest {
  @Inject
  @Any
  InMemoryConnector connector;

  @Inject
  AttemptLedger ledger;

  @Inject
  WorkerState state;

  @Test
  void pretrainThenResumeSftAndPublish() throws Exception {
    Path dir = TestJobs.datasetDir();
    String data = TestJobs.pretrainData(dir).toUri().toString();
    String pl = "pl-" + UUID.randomUUID();
    StageJob pretrain = job(pl, "pretrain", 1, StageKind.PRETRAIN, TestJobs.tinyParams(4), List.of(data), null);
    send(pretrain);
    StageCompleted done = await(pretrain, StageCompleted.class);
    assertEquals(List.of(1L, 2L, 3L, 4L), of(pretrain, StageProgress.class).stream().map(StageProgress::step).toList());
    List<CheckpointSaved> ckpts = of(pretrain, CheckpointSaved.class);
    assertEquals(List.of(2L, 4L), ckpts.stream().map(CheckpointSaved::step).toList());
    assertTrue(Files.isDirectory(path(ckpts.get(0).uri())), ckpts.get(0).uri());
    List<Heartbeat> beats = heartbeats(pretrain);
    assertFalse(beats.isEmpty(), "a heartbeat at start");
    assertFalse(beats.get(0).workerId().isBlank());
    Path model = path(done.outputUris().get(0));
    assertEquals(Path.of(URI.create(pretrain.outputUri())).resolve("model"), model);
    assertTrue(Files.isRegularFile(model.resolve("model.safetensors")), model.toString());
    assertEquals(4.0, done.metrics().get("steps"));
    assertTrue(done.metrics().get("parameters") > 0 && done.metrics().containsKey("finalLoss"), done.toString());

    // attempt 2 resumes from attempt 1's step-2 checkpoint: the step count continues at 3
    StageJob resumed = job(pl, "pretrain", 2, StageKind.PRETRAIN, TestJobs.tinyParams(4), List.of(data),
        ckpts.get(0).uri());
    send(resumed);
    await(resumed, StageCompleted.class);
    assertEquals(3L, of(resumed, StageProgress.class).get(0).step());
    assertTrue(Files.isRegularFile(path(ckpts.get(0).uri()).resolve("model.safetensors")),
        "attempt 1's checkpoint is left alone");

    // attempt 1 redelivered after a restart: continues from its own last checkpoint (step 4 = done)
    ledger.clear();
    send(pretrain);
    awaitCount(pretrain, StageCompleted.class, 2);
    assertEquals(4, of(pretrain, StageProgress.class).size(), "no step ran again");
    assertEquals(4.0, of(pretrain, StageCompleted.class).get(1).metrics().get("steps"));

    Map<String, Object> sftParams = TestJobs.tinyParams(2);
    sftParams.remove("preset");
    sftParams.remove("overrides");
    StageJob sft = job(pl, "sft", 1, StageKind.SFT, sftParams,
        List.of(TestJobs.sftData(dir).toUri().toString(), done.outputUris().get(0)), null);
    send(sft);
    StageCompleted sftDone = await(sft, StageCompleted.class);
    assertTrue(Files.isRegularFile(path(sftDone.outputUris().get(0)).resolve("config.json")));

    publishVersions(pl, sftDone.outputUris().get(0));
  }

  /** v1, then v2 from another pipeline, then a redelivery of the first (after a restart) → v1 again. */
  private void publishVersions(String pl, String modelUri) throws Exception {
    String name = "m-" + UUID.randomUUID().toString().substring(0, 8);
    StageJob first = job(pl, "publish", 1, StageKind.PUBLISH, Map.of("modelName", name), List.of(modelUri), null);
    send(first);
    ModelPublished v1 = awaitPublished(first);
    assertEquals(1, v1.version());
    assertEquals(TestJobs.ROOT.resolve("models").resolve(name).resolve("v1"), path(v1.uri()));
    assertTrue(Files.isRegularFile(path(v1.uri()).resolve("model.safetensors")));
    StageCompleted firstDone = await(first, StageCompleted.class);
    assertEquals(List.of(v1.uri()), firstDone.outputUris());
    assertEquals(1.0, firstDone.metrics().get("version"));

    StageJob other = job("pl-" + UUID.randomUUID(), "publish", 1, StageKind.PUBLISH,
        Map.of("modelName", name), List.of(modelUri), null);
    send(other);
    assertEquals(2, awaitPublished(other).version());
    await(other, StageCompleted.class);

    ledger.clear(); // as after a worker restart: the redelivered attempt runs again
    sink("model-published").clear();
    send(first);
    ModelPublished again = awaitPublished(first);
    assertEquals(1, again.version());
    assertEquals(v1.uri(), again.uri());
    assertFalse(Files.exists(TestJobs.ROOT.resolve("models").resolve(name).resolve("v3")));
  }

  @Test
  void cancelStopsARunningJobAndSkipsACancelledOne() throws Exception {
    String data = TestJobs.pretrainData(TestJobs.datasetDir()).toUri().toString();
    String pl = "pl-" + UUID.randomUUID();
    Map<String, Object> params = TestJobs.tinyParams(500);
    params.put("saveInterval", 0);
    StageJob job = job(pl, "pretrain", 1, StageKind.PRETRAIN, params, List.of(data), null);
    send(job);
    await(job, StageProgress.class);
    connector.<StageCancel>source("stage-control").send(StageCancel.of(pl, "pretrain", 1, "pipeline cancelled by user"));
    awaitIdle();
    List<StageProgress> progress = of(job, StageProgress.class);
    assertTrue(progress.get(progress.size() - 1).step() < 500, "stopped early at " + progress.size());
    assertTrue(of(job, StageCompleted.class).isEmpty() && of(job, StageFailed.class).isEmpty(),
        "a cancelled attempt reports nothing more: " + events(job));

    StageJob late = job(pl, "later", 1, StageKind.PRETRAIN, params, List.of(data), null);
    connector.<StageCancel>source("stage-control").send(StageCancel.of(pl, "later", 1, "superseded"));
    send(late);
    StageJob marker = job(pl, "marker", 1, StageKind.PRETRAIN, Map.of("batchSize", 0), List.of(data), null);
    send(marker);
    await(marker, StageFailed.class); // jobs run in order: the cancelled one was handled before
    assertTrue(events(late).isEmpty() && heartbeats(late).isEmpty(), "cancelled before it started: skipped");
  }

  @Test
  void failuresAreClassifiedAndDuplicatesAndForeignKindsIgnored() throws Exception {
    Path dir = TestJobs.datasetDir();
    Path bad = Files.write(dir.resolve("bad.jsonl"), List.of("{\"text\": \"ok\"}", "{broken", "{\"text\": \"fine\"}"));
    String pl = "pl-" + UUID.randomUUID();
    StageJob badData = job(pl, "bad-data", 1, StageKind.PRETRAIN, TestJobs.tinyParams(2),
        List.of(bad.toUri().toString()), null);
    Map<String, Object> wrong = TestJobs.tinyParams(2);
    wrong.put("batchSize", "two");
    StageJob badParam = job(pl, "bad-param", 1, StageKind.PRETRAIN, wrong,
        List.of(TestJobs.pretrainData(dir).toUri().toString()), null);
    StageJob escape = StageJob.create(pl, "escape", 1, StageKind.PRETRAIN, TestJobs.tinyParams(2),
        List.of("file:///etc/passwd"), TestJobs.attemptUri(pl, "escape", 1), null);
    StageJob foreign = job(pl, "tok", 1, StageKind.TOKENIZE_DATASET, Map.of(), List.of(), null);
    StageJob later = job(pl, "lora", 1, StageKind.LORA, Map.of(), List.of(), null);
    send(foreign, later, badData, badParam, badParam, escape);

    StageFailed data = await(badData, StageFailed.class);
    assertEquals(ErrorClass.DATA, data.errorClass());
    assertTrue(data.where().endsWith("bad.jsonl:2"), data.toString());
    StageFailed param = await(badParam, StageFailed.class);
    assertEquals(ErrorClass.SPEC, param.errorClass());
    assertEquals("parameters.batchSize", param.where());
    assertTrue(param.message().contains("batchSize"), param.message());
    StageFailed outside = await(escape, StageFailed.class);
    assertEquals(ErrorClass.SPEC, outside.errorClass());
    assertEquals("inputUris[0]", outside.where());
    awaitIdle();
    Thread.sleep(300); // a duplicate would have been handled by now
    assertEquals(1, events(badParam).size(), "the redelivered job ran once: " + events(badParam));
    assertTrue(events(foreign).isEmpty() && events(later).isEmpty() && heartbeats(foreign).isEmpty(),
        "other workers' kinds are skipped");
  }

  @Test
  void gpuJobOnAWorkerWithoutGpuIsTransient() throws Exception {
    Assumptions.assumeTrue(Engine.getInstance().getGpuCount() == 0, "this machine has a GPU");
    Map<String, Object> params = new HashMap<>(TestJobs.tinyParams(2));
    params.put("device", "gpu");
    StageJob job = job("pl-" + UUID.randomUUID(), "gpu", 1, StageKind.PRETRAIN, params,
        List.of(TestJobs.pretrainData(TestJobs.datasetDir()).toUri().toString()), null);
    send(job);
    StageFailed f = await(job, StageFailed.class);
    assertEquals(ErrorClass.TRANSIENT, f.errorClass());
    assertTrue(f.message().contains("has no GPU"), f.message());
  }

  private void send(StageJob... jobs) {
    for (StageJob j : jobs) {
      connector.<StageJob>source("stage-jobs").send(j);
    }
  }

  @SuppressWarnings("unchecked")
  private <T> io.smallrye.reactive.messaging.memory.InMemorySink<T> sink(String channel) {
    return (io.smallrye.reactive.messaging.memory.InMemorySink<T>) connector.sink(channel);
  }

  private List<StageEvent> events(StageJob job) {
    return this.<StageEvent>sink("stage-events").received().stream().map(m -> m.getPayload())
        .filter(same(job)).toList();
  }

  private <T extends StageEvent> List<T> of(StageJob job, Class<T> type) {
    return events(job).stream().filter(type::isInstance).map(type::cast).toList();
  }

  private List<Heartbeat> heartbeats(StageJob job) {
    return this.<Heartbeat>sink("heartbeats").received().stream().map(m -> m.getPayload())
        .filter(same(job)).toList();
  }

  private static Predicate<StageEvent> same(StageJob job) {
    return e -> e.pipelineId().equals(job.pipelineId()) && e.stageId().equals(job.stageId())
        && e.attempt() == job.attempt();
  }

  private <T extends StageEvent> T await(StageJob job, Class<T> type) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < deadline) {
      List<StageEvent> got = events(job);
      for (StageEvent e : got) {
        if (type.isInstance(e)) {
          return type.cast(e);
        }
        if (e instanceof StageFailed f && type != StageFailed.class) {
          throw new AssertionError("expected " + type.getSimpleName() + " but " + f);
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no " + type.getSimpleName() + " for " + AttemptLedger.key(job) + ": " + events(job));
  }

  private void awaitCount(StageJob job, Class<? extends StageEvent> type, int n) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (of(job, type).size() < n && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(n, of(job, type).size(), events(job).toString());
  }

  private ModelPublished awaitPublished(StageJob job) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      var found = this.<ModelPublished>sink("model-published").received().stream()
          .map(m -> m.getPayload()).filter(same(job)).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no ModelPublished for " + AttemptLedger.key(job) + ": " + events(job));
  }

  private void awaitIdle() throws InterruptedException {
    assertTrue(state.awaitIdle(java.time.Duration.ofSeconds(60)), state.describe());
  }

  private static Path path(String uri) {
    return Path.of(URI.create(uri));
  }
}
