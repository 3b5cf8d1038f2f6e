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

  private JobEvents ev() {
    return new JobEvents(connector);
  }

  @Test
  void pretrainThenResumeSftAndPublish() throws Exception {
    Path dir = TestJobs.datasetDir();
    String data = TestJobs.pretrainData(dir).toUri().toString();
    String pl = "pl-" + UUID.randomUUID();
    StageJob pretrain = job(pl, "pretrain", 1, StageKind.PRETRAIN, TestJobs.tinyParams(4), List.of(data), null);
    ev().send(pretrain);
    StageCompleted done = ev().await(pretrain, StageCompleted.class);
    assertEquals(List.of(1L, 2L, 3L, 4L), ev().of(pretrain, StageProgress.class).stream().map(StageProgress::step).toList());
    List<CheckpointSaved> ckpts = ev().of(pretrain, CheckpointSaved.class);
    assertEquals(List.of(2L, 4L), ckpts.stream().map(CheckpointSaved::step).toList());
    assertTrue(Files.isDirectory(path(ckpts.get(0).uri())), ckpts.get(0).uri());
    List<Heartbeat> beats = ev().heartbeats(pretrain);
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
    ev().send(resumed);
    ev().await(resumed, StageCompleted.class);
    assertEquals(3L, ev().of(resumed, StageProgress.class).get(0).step());
    assertTrue(Files.isRegularFile(path(ckpts.get(0).uri()).resolve("model.safetensors")),
        "attempt 1's checkpoint is left alone");

    // attempt 1 redelivered after a restart: continues from its own last checkpoint (step 4 = done)
    ledger.clear();
    ev().send(pretrain);
    ev().awaitCount(pretrain, StageCompleted.class, 2);
    assertEquals(4, ev().of(pretrain, StageProgress.class).size(), "no step ran again");
    assertEquals(4.0, ev().of(pretrain, StageCompleted.class).get(1).metrics().get("steps"));

    Map<String, Object> sftParams = TestJobs.tinyParams(2);
    sftParams.remove("preset");
    sftParams.remove("overrides");
    StageJob sft = job(pl, "sft", 1, StageKind.SFT, sftParams,
        List.of(TestJobs.sftData(dir).toUri().toString(), done.outputUris().get(0)), null);
    ev().send(sft);
    StageCompleted sftDone = ev().await(sft, StageCompleted.class);
    assertTrue(Files.isRegularFile(path(sftDone.outputUris().get(0)).resolve("config.json")));

    publishVersions(pl, sftDone.outputUris().get(0));
  }

  /** v1, then v2 from another pipeline, then a redelivery of the first (after a restart) → v1 again. */
  private void publishVersions(String pl, String modelUri) throws Exception {
    String name = "m-" + UUID.randomUUID().toString().substring(0, 8);
    StageJob first = job(pl, "publish", 1, StageKind.PUBLISH, Map.of("modelName", name), List.of(modelUri), null);
    ev().send(first);
    ModelPublished v1 = ev().awaitPublished(first);
    assertEquals(1, v1.version());
    assertEquals(TestJobs.ROOT.resolve("models").resolve(name).resolve("v1"), path(v1.uri()));
    assertTrue(Files.isRegularFile(path(v1.uri()).resolve("model.safetensors")));
    StageCompleted firstDone = ev().await(first, StageCompleted.class);
    assertEquals(List.of(v1.uri()), firstDone.outputUris());
    assertEquals(1.0, firstDone.metrics().get("version"));

    StageJob other = job("pl-" + UUID.randomUUID(), "publish", 1, StageKind.PUBLISH,
        Map.of("modelName", name), List.of(modelUri), null);
    ev().send(other);
    assertEquals(2, ev().awaitPublished(other).version());
    ev().await(other, StageCompleted.class);

    ledger.clear(); // as after a worker restart: the redelivered attempt runs again
    ev().sink("model-published").clear();
    ev().send(first);
    ModelPublished again = ev().awaitPublished(first);
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
    ev().send(job);
    ev().await(job, StageProgress.class);
    connector.<StageCancel>source("stage-control").send(StageCancel.of(pl, "pretrain", 1, "pipeline cancelled by user"));
    awaitIdle();
    List<StageProgress> progress = ev().of(job, StageProgress.class);
    assertTrue(progress.get(progress.size() - 1).step() < 500, "stopped early at " + progress.size());
    assertTrue(ev().of(job, StageCompleted.class).isEmpty() && ev().of(job, StageFailed.class).isEmpty(),
        "a cancelled attempt reports nothing more: " + ev().events(job));

    StageJob late = job(pl, "later", 1, StageKind.PRETRAIN, params, List.of(data), null);
    connector.<StageCancel>source("stage-control").send(StageCancel.of(pl, "later", 1, "superseded"));
    ev().send(late);
    StageJob marker = job(pl, "marker", 1, StageKind.PRETRAIN, Map.of("batchSize", 0), List.of(data), null);
    ev().send(marker);
    ev().await(marker, StageFailed.class); // jobs run in order: the cancelled one was handled before
    assertTrue(ev().events(late).isEmpty() && ev().heartbeats(late).isEmpty(), "cancelled before it started: skipped");
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
    StageJob later = job(pl, "tok-train", 1, StageKind.TOKENIZER_TRAIN, Map.of(), List.of(), null);
    ev().send(foreign, later, badData, badParam, badParam, escape);

    StageFailed data = ev().await(badData, StageFailed.class);
    assertEquals(ErrorClass.DATA, data.errorClass());
    assertTrue(data.where().endsWith("bad.jsonl:2"), data.toString());
    StageFailed param = ev().await(badParam, StageFailed.class);
    assertEquals(ErrorClass.SPEC, param.errorClass());
    assertEquals("parameters.batchSize", param.where());
    assertTrue(param.message().contains("batchSize"), param.message());
    StageFailed outside = ev().await(escape, StageFailed.class);
    assertEquals(ErrorClass.SPEC, outside.errorClass());
    assertEquals("inputUris[0]", outside.where());
    awaitIdle();
    Thread.sleep(300); // a duplicate would have been handled by now
    assertEquals(1, ev().events(badParam).size(), "the redelivered job ran once: " + ev().events(badParam));
    assertTrue(ev().events(foreign).isEmpty() && ev().events(later).isEmpty() && ev().heartbeats(foreign).isEmpty(),
        "other workers' kinds are skipped");
  }

  @Test
  void gpuJobOnAWorkerWithoutGpuIsTransient() throws Exception {
    Assumptions.assumeTrue(Engine.getInstance().getGpuCount() == 0, "this machine has a GPU");
    Map<String, Object> params = new HashMap<>(TestJobs.tinyParams(2));
    params.put("device", "gpu");
    StageJob job = job("pl-" + UUID.randomUUID(), "gpu", 1, StageKind.PRETRAIN, params,
        List.of(TestJobs.pretrainData(TestJobs.datasetDir()).toUri().toString()), null);
    ev().send(job);
    StageFailed f = ev().await(job, StageFailed.class);
    assertEquals(ErrorClass.TRANSIENT, f.errorClass());
    assertTrue(f.message().contains("has no GPU"), f.message());
  }

  private void awaitIdle() throws InterruptedException {
    assertTrue(state.awaitIdle(java.time.Duration.ofSeconds(60)), state.describe());
  }

  private static Path path(String uri) {
    return Path.of(URI.create(uri));
  }
}
