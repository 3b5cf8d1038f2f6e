package io.minimind.stack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link Stack#start} checks before it starts anything: every service jar is built, every port
 * is free. A failed check names the fix and leaves no data directory behind.
 */
class StackPreflightTest {
  @TempDir
  Path tmp;

  private StackOptions options(Path home, int orchestratorPort) {
    StackOptions o = new StackOptions();
    o.home = home;
    o.data = tmp.resolve("data");
    o.orchestratorPort = orchestratorPort;
    o.trainerPort = Ports.freePort();
    o.tokenizerPort = Ports.freePort();
    o.trainerHeap = "1g";
    o.readyTimeoutSeconds = 10;
    return o;
  }

  private Path fakeHome(String... builtModules) throws Exception {
    Path home = tmp.resolve("home");
    Files.createDirectories(home.resolve("datasets").resolve("sample"));
    for (String m : builtModules) {
      Path jar = Stack.appJar(home, m);
      Files.createDirectories(jar.getParent());
      Files.writeString(jar, "not really a jar");
    }
    return home;
  }

  @Test
  void aMissingJarNamesTheBuildCommand() throws Exception {
    Path home = fakeHome(Stack.ORCHESTRATOR, Stack.TOKENIZER);
    StackException e = assertThrows(StackException.class,
        () -> Stack.start(options(home, Ports.freePort()), quiet()));
    assertTrue(e.getMessage().contains("trainer-service/target/quarkus-app/quarkus-run.jar is missing"), e.getMessage());
    assertTrue(e.getMessage().contains("./mvnw -pl trainer-service -am package -DskipTests"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("data")), "nothing prepared before the checks pass");
  }

  @Test
  void aTakenPortNamesTheServiceAndTheOption() throws Exception {
    Path home = fakeHome(Stack.ORCHESTRATOR, Stack.TRAINER, Stack.TOKENIZER);
    try (ServerSocket busy = new ServerSocket()) {
      busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      StackException e = assertThrows(StackException.class,
          () -> Stack.start(options(home, busy.getLocalPort()), quiet()));
      assertTrue(e.getMessage().contains("port " + busy.getLocalPort() + " for orchestrator is already in use"),
          e.getMessage());
      assertTrue(e.getMessage().contains("--orchestrator-port"), e.getMessage());
    }
    assertFalse(Files.exists(tmp.resolve("data")), "nothing prepared before the checks pass");
  }

  @Test
  void portsOutOfRangeAreRejected() {
    StackException e = assertThrows(StackException.class, () -> Ports.requireFree(70000, "trainer-service",
        "--trainer-port"));
    assertTrue(e.getMessage().contains("--trainer-port"), e.getMessage());
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }
}
