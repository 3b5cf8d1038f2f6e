package io.minimind.stack;

import io.minimind.testsupport.EmbeddedKafka;
import io.minimind.testsupport.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The running platform: a KRaft broker in this JVM, PostgreSQL as a child process, and the packaged
 * orchestrator, trainer-service and tokenizer-service as child JVMs, all sharing one artifact root.
 * Everything that can be checked is checked before anything starts (ports, jars), so a mistake costs
 * a second, not a broker start. {@link #close()} stops the services first (they still talk to Kafka
 * and PostgreSQL while shutting down), then PostgreSQL, then Kafka; it runs once, from whichever of
 * the caller and the shutdown hook comes first.
 */
public final class Stack implements AutoCloseable {
  public static final String ORCHESTRATOR = "orchestrator";
  public static final String TRAINER = "trainer-service";
  public static final String TOKENIZER = "tokenizer-service";

  private final StackOptions options;
  private final PrintStream out;
  private final List<ServiceProcess> services = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private EmbeddedKafka kafka;
  private EmbeddedPostgresServer postgres;
  private ServiceProcess orchestrator;

  private Stack(StackOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** The jar {@code package} builds for {@code module}. */
  public static Path appJar(Path home, String module) {
    return home.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
  }

  /** Fails, naming the build command, when a service was not packaged. */
  public static void requireBuilt(Path home, String... modules) {
    for (String module : modules) {
      Path jar = appJar(home, module);
      if (!Files.isRegularFile(jar)) {
        throw new StackException(jar + " is missing. Build it with `./mvnw -pl " + module
            + " -am package -DskipTests` (or run `./minimind stack`, which builds what is missing).");
      }
    }
  }

  /** Checks, prepares the artifact root, starts everything and waits until every service is ready. */
  public static Stack start(StackOptions options, PrintStream out) throws IOException {
    Path home = options.homeDir();
    requireBuilt(home, ORCHESTRATOR, TRAINER, TOKENIZER);
    Ports.requireFree(options.orchestratorPort, ORCHESTRATOR, "--orchestrator-port");
    Ports.requireFree(options.trainerPort, TRAINER, "--trainer-port");
    Ports.requireFree(options.tokenizerPort, TOKENIZER, "--tokenizer-port");
    if (options.orchestratorPort == options.trainerPort || options.orchestratorPort == options.tokenizerPort
        || options.trainerPort == options.tokenizerPort) {
      throw new StackException("the three services need three different ports");
    }
    Path data = options.dataDir();
    Files.createDirectories(data.resolve("logs"));
    LocalStack.logInfrastructureTo(data.resolve("logs"));
    int copied = SampleData.copyIfAbsent(home.resolve("datasets").resolve("sample"),
        data.resolve("datasets").resolve("sample"));
    out.printf("artifact root      %s (%s)%n", data,
        copied == 0 ? "sample data already there" : copied + " sample files copied to datasets/sample/");

    Stack stack = new Stack(options, out);
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
    try {
      stack.startAll(home, data);
      return stack;
    } catch (IOException | RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private void startAll(Path home, Path data) throws IOException {
    out.print("kafka              starting (in this JVM)... ");
    kafka = new EmbeddedKafka();
    out.println(kafka.bootstrapServers());
    out.print("postgresql         starting... ");
    Path pgDir = data.resolve("postgres");
    deleteTree(pgDir); // a fresh cluster each start: the embedded server always runs initdb
    postgres = EmbeddedPostgresServer.start(pgDir);
    out.println(postgres.jdbcUrl() + " (data " + pgDir + ")");

    String root = data.toString();
    Map<String, String> orch = new LinkedHashMap<>();
    orch.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
    orch.put("quarkus.datasource.username", postgres.username());
    orch.put("quarkus.datasource.password", postgres.password());
    orch.put("minimind.orchestrator.artifact-root", root);
    if (options.apiToken != null && !options.apiToken.isBlank()) {
      orch.put("minimind.orchestrator.api-token", options.apiToken);
    }
    orchestrator = launch(home, data, ORCHESTRATOR, options.orchestratorPort, "512m", orch);
    launch(home, data, TRAINER, options.trainerPort, options.trainerHeap,
        Map.of("minimind.worker.artifact-root", root));
    launch(home, data, TOKENIZER, options.tokenizerPort, "512m",
        Map.of("minimind.tokenizer.data-root", root));
    Duration timeout = Duration.ofSeconds(options.readyTimeoutSeconds);
    for (ServiceProcess s : services) {
      s.awaitReady(timeout);
      out.printf("%-18s ready  %s  (log %s)%n", s.name(), s.baseUri(), s.logFile());
    }
  }

  private ServiceProcess launch(Path home, Path data, String module, int port, String heap,
      Map<String, String> props) throws IOException {
    ServiceProcess.Builder b = ServiceProcess.builder(module, appJar(home, module));
    if (TRAINER.equals(module)) { // RL rollouts on the pure-Java engine (rolloutEngine: auto)
      b.jvmArg("--add-modules=jdk.incubator.vector");
    }
    ServiceProcess s = b
        .property("kafka.bootstrap.servers", kafka.bootstrapServers())
        .property("quarkus.devservices.enabled", "false")
        .properties(props)
        .maxHeap(heap)
        .port(port)
        .workingDir(data.resolve("work").resolve(module))
        .logFile(data.resolve("logs").resolve(module + ".log"))
        .start();
    services.add(s);
    out.printf("%-18s starting on port %d (pid %d)%n", module, port, s.pid());
    return s;
  }

  /** The orchestrator's base URL, such as {@code http://localhost:8080}. */
  public String orchestratorUrl() {
    return orchestrator.baseUri().toString();
  }

  /** Whether {@link #close()} has begun (from the caller or the shutdown hook). */
  public boolean isClosed() {
    return closed.get();
  }

  public List<ServiceProcess> services() {
    return List.copyOf(services);
  }

  /** Stops services (SIGTERM, then SIGKILL after 30 s), then PostgreSQL, then Kafka; once. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    out.println("stopping " + (services.isEmpty() ? "infrastructure" : "services and infrastructure") + "...");
    List<Thread> stoppers = new ArrayList<>();
    for (ServiceProcess s : services) {
      Thread t = new Thread(s::close, "stop-" + s.name());
      t.start();
      stoppers.add(t);
    }
    for (Thread t : stoppers) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      if (postgres != null) {
        postgres.close();
      }
    } catch (IOException | RuntimeException e) {
      out.println("stopping postgresql: " + e);
    }
    try {
      if (kafka != null) {
        kafka.close();
      }
    } catch (IOException | RuntimeException e) {
      out.println("stopping kafka: " + e);
    }
    out.println("stopped.");
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
