package io.minimind.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minimind.stack.ServiceProcess;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The platform's spine with everything real: the packaged orchestrator and trainer-service as
 * their own JVMs, a KRaft broker and PostgreSQL. A tiny pretrain → SFT → publish pipeline on the
 * sample data runs to SUCCEEDED; then the fault path: the worker running a stage is SIGKILLed, a
 * second worker resumes the stage from its last checkpoint, the orchestrator itself is SIGKILLed
 * and restarted mid-pipeline, and the pipeline still succeeds with every step counted once.
 */
class PipelineEndToEndIT {
  private static final Duration STAGE_TIMEOUT = Duration.ofMinutes(4);
  private static E2eEnvironment env;

  @BeforeAll
  static void startInfrastructure() throws Exception {
    if (E2ePaths.isBuilt(E2eEnvironment.ORCHESTRATOR, E2eEnvironment.TRAINER)) {
      env = E2eEnvironment.start();
    }
  }

  @BeforeEach
  void requireBuiltServices() {
    E2ePaths.assumeBuilt(E2eEnvironment.ORCHESTRATOR, E2eEnvironment.TRAINER);
  }

  @AfterAll
  static void stopInfrastructure() throws Exception {
    if (env != null) {
      env.close();
    }
  }

  /** Fast failover for the tests: a dead worker's partition moves on within ~6 s. */
  private static Map<String, String> worker(String id) {
    return Map.of("minimind.worker.id", id,
        "mp.messaging.incoming.stage-jobs.session.timeout.ms", "6000",
        "mp.messaging.incoming.stage-jobs.heartbeat.interval.ms", "1000");
  }

  @Test
  void tinyPipelineRunsToSucceededWithMetricsAndAPublishedModel() throws Exception {
    try (ServiceProcess orchestrator = env.startOrchestrator();
        ServiceProcess trainer = env.startTrainer(worker("e2e-worker"))) {
      orchestrator.awaitReady(Duration.ofSeconds(120));
      trainer.awaitReady(Duration.ofSeconds(120));
      OrchestratorClient api = new OrchestratorClient(orchestrator);
      String id = api.submit(PipelineSpecs.pretrainSftPublish("e2e-tiny", "e2e-tiny", 6, 3, 1, 32));
      JsonPath done = api.await(id, p -> "SUCCEEDED".equals(p.getString("state")), STAGE_TIMEOUT,
          "SUCCEEDED", orchestrator, trainer);

      assertEquals(List.of("SUCCEEDED", "SUCCEEDED", "SUCCEEDED"), done.getList("stages.state"));
      assertEquals("e2e-worker", done.getString("stages[0].attempts[0].workerId"));
      assertEquals(6, done.getInt("stages[0].lastCheckpoint.step"));
      JsonPath metrics = api.metrics(id);
      assertEquals(List.of(1, 2, 3, 4, 5, 6), metrics.getList("stages.pretrain.step"));
      assertEquals(List.of(1, 2, 3, 4), metrics.getList("stages.sft.step"));
      for (Float loss : metrics.<Float>getList("stages.pretrain.loss")) {
        assertTrue(loss > 0 && Float.isFinite(loss), "loss " + loss);
      }
      assertEquals("e2e-tiny", done.getString("models[0].name"));
      Path published = Path.of(URI.create(done.getString("models[0].uri")));
      assertTrue(published.startsWith(env.artifactRoot()), published.toString());
      for (String f : List.of("config.json", "model.safetensors", "tokenizer.json")) {
        assertTrue(Files.isRegularFile(published.resolve(f)), "published model has " + f);
      }
      assertTrue(api.models().getList("name").contains("e2e-tiny"));
    }
  }

  @Test
  void killedWorkerIsReplacedAndARestartedOrchestratorCarriesOn() throws Exception {
    ServiceProcess orchestrator = env.startOrchestrator();
    try (ServiceProcess a = env.startTrainer(worker("worker-a"));
        ServiceProcess b = env.startTrainer(worker("worker-b"))) {
      orchestrator.awaitReady(Duration.ofSeconds(120));
      a.awaitReady(Duration.ofSeconds(120));
      b.awaitReady(Duration.ofSeconds(120));
      OrchestratorClient api = new OrchestratorClient(orchestrator);
      String id = api.submit(PipelineSpecs.pretrainSftPublish("e2e-fault", "e2e-fault", 240, 10, 5, 96));

      JsonPath running = api.await(id, p -> p.getInt("stages[0].lastCheckpoint.step") >= 20
          && p.getString("stages[0].attempts[0].workerId") != null, STAGE_TIMEOUT,
          "pretrain running with a checkpoint at step >= 20", orchestrator, a, b);
      String first = running.getString("stages[0].attempts[0].workerId");
      ServiceProcess victim = first.equals("worker-a") ? a : b;
      ServiceProcess survivor = victim == a ? b : a;
      victim.kill();

      JsonPath resumed = api.await(id, p -> p.getInt("stages[0].attempt") == 2
          && "RUNNING".equals(p.getString("stages[0].state")), STAGE_TIMEOUT,
          "attempt 2 running on the surviving worker", orchestrator, survivor);
      String resumeFrom = resumed.getString("stages[0].attempts[1].resumeFrom");
      assertTrue(resumeFrom != null && resumeFrom.contains("/attempt-1/checkpoints/step-"), resumeFrom);

      orchestrator.kill(); // mid-pipeline: its state is all in PostgreSQL
      orchestrator = env.startOrchestrator();
      orchestrator.awaitReady(Duration.ofSeconds(120));
      api = new OrchestratorClient(orchestrator);

      JsonPath done = api.await(id, p -> "SUCCEEDED".equals(p.getString("state")), STAGE_TIMEOUT,
          "SUCCEEDED after the worker and orchestrator restarts", orchestrator, survivor);
      assertEquals(2, done.getList("stages[0].attempts").size(), "exactly one re-dispatch");
      assertTrue(done.getString("stages[0].attempts[0].outcome").contains("no heartbeat"),
          done.getString("stages[0].attempts[0].outcome"));
      assertEquals(survivor == a ? "worker-a" : "worker-b", done.getString("stages[0].attempts[1].workerId"));

      JsonPath metrics = api.metrics(id);
      List<Integer> steps = metrics.getList("stages.pretrain.step");
      List<Integer> attempts = metrics.getList("stages.pretrain.attempt");
      Set<Integer> unique = new HashSet<>(steps);
      assertEquals(steps.size(), unique.size(), "no step counted twice: " + steps);
      assertEquals(48, steps.size(), "steps 5, 10, ..., 240 each once: " + steps);
      int checkpointStep = Integer.parseInt(resumeFrom.replaceAll(".*step-0*", "").replace("/", ""));
      int firstOfAttempt2 = Integer.MAX_VALUE;
      for (int i = 0; i < steps.size(); i++) {
        if (attempts.get(i) == 2) {
          firstOfAttempt2 = Math.min(firstOfAttempt2, steps.get(i));
        }
      }
      assertEquals(checkpointStep + 5, firstOfAttempt2,
          "attempt 2 continued from its checkpoint (step counter continued)");
    } finally {
      orchestrator.close();
    }
  }

  @Test
  void cancellingAPipelineStopsTheWorkerMidStage() throws Exception {
    try (ServiceProcess orchestrator = env.startOrchestrator();
        ServiceProcess trainer = env.startTrainer(worker("cancel-worker"))) {
      orchestrator.awaitReady(Duration.ofSeconds(120));
      trainer.awaitReady(Duration.ofSeconds(120));
      OrchestratorClient api = new OrchestratorClient(orchestrator);
      String id = api.submit(PipelineSpecs.pretrainSftPublish("e2e-cancel", "e2e-cancel", 5000, 50, 5, 96));
      api.await(id, p -> p.getInt("stages[0].latestMetrics.step") >= 5, STAGE_TIMEOUT,
          "pretrain running", orchestrator, trainer);
      assertTrue(workerState(trainer).startsWith("running " + id + "/pretrain#1"), workerState(trainer));

      io.restassured.RestAssured.given().post(orchestrator.baseUri().toString().replaceAll("/$", "")
          + "/v1/pipelines/" + id + "/cancel").then().statusCode(200);

      long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!"idle".equals(workerState(trainer)) && System.nanoTime() < end) {
        Thread.sleep(200);
      }
      assertEquals("idle", workerState(trainer), "the worker stopped the cancelled stage:\n"
          + trainer.logTail(30));
      JsonPath p = api.pipeline(id);
      assertEquals("CANCELLED", p.getString("state"));
      assertTrue(p.getInt("stages[0].latestMetrics.step") < 5000, "stopped mid-stage");
    }
  }

  /** What the worker says it does in its readiness data ("idle" or "running p/s#n"). */
  private static String workerState(ServiceProcess trainer) {
    return io.restassured.RestAssured.given().get(trainer.baseUri().toString().replaceAll("/$", "")
        + "/q/health/ready").then().extract().path("checks.find { it.name == 'trainer-worker' }.data.state");
  }
}
