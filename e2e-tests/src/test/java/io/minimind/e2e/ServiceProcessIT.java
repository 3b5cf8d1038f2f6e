package io.minimind.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minimind.stack.ServiceProcess;
import io.minimind.stack.StackException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checks the harness itself on a stable, already-packaged service (the tokenizer), so a broken
 * harness is told apart from a broken service under test.
 */
class ServiceProcessIT {
  private static final String MODULE = "tokenizer-service";
  private static E2eEnvironment env;

  @BeforeAll
  static void startInfrastructure() throws Exception {
    if (E2ePaths.isBuilt(MODULE)) {
      env = E2eEnvironment.start();
    }
  }

  @BeforeEach
  void requireBuiltService() {
    E2ePaths.assumeBuilt(MODULE);
  }

  @AfterAll
  static void stopInfrastructure() throws Exception {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void readyThenKilled() throws Exception {
    try (ServiceProcess s = env.startService(MODULE,
        Map.of("minimind.tokenizer.data-root", env.artifactRoot().toString()), "512m")) {
      s.awaitReady(Duration.ofSeconds(90));
      assertTrue(s.isAlive());

      s.kill();

      assertFalse(s.isAlive());
      assertEquals(137, s.exitValue(), "128 + SIGKILL");
      assertTrue(Files.readString(s.logFile()).contains("-Dquarkus.http.port=" + s.port()));
    }
  }

  @Test
  void earlyExitFailsWithTheLogTail() throws Exception {
    try (ServiceProcess s = E2eEnvironment.serviceBuilder("broken-jvm", E2ePaths.appJar(MODULE))
        .jvmArg("-XX:+NoSuchVmOption").start()) {
      StackException e = assertThrows(StackException.class, () -> s.awaitReady(Duration.ofSeconds(30)));
      assertTrue(e.getMessage().contains("before it was ready"), e.getMessage());
      assertTrue(e.getMessage().contains("NoSuchVmOption"), e.getMessage());
    }
  }
}
