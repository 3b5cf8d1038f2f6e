package io.minimind.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.minimind.stack.ServiceProcess;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged trainer-service starts as its own JVM against the embedded Kafka, reports ready, and
 * dies on SIGKILL: the ground the orchestrator/trainer fault tests will stand on.
 */
class TrainerProcessIT {
  private static E2eEnvironment env;

  @BeforeAll
  static void startInfrastructure() throws Exception {
    if (E2ePaths.isBuilt(E2eEnvironment.TRAINER)) {
      env = E2eEnvironment.start();
    }
  }

  @BeforeEach
  void requireBuiltService() {
    E2ePaths.assumeBuilt(E2eEnvironment.TRAINER);
  }

  @AfterAll
  static void stopInfrastructure() throws Exception {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void trainerBecomesReadyAndDiesOnKill() throws Exception {
    try (ServiceProcess trainer = env.startTrainer()) {
      trainer.awaitReady(Duration.ofSeconds(90));

      trainer.kill();

      assertFalse(trainer.isAlive(), "trainer survived SIGKILL");
      assertEquals(137, trainer.exitValue(), "128 + SIGKILL");
    }
  }
}
