package io.minimind.e2e;

import io.minimind.stack.SampleData;
import io.minimind.stack.ServiceProcess;
import io.minimind.testsupport.EmbeddedKafka;
import io.minimind.testsupport.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared infrastructure of one end-to-end test class: a real Kafka broker (in this JVM), a real
 * PostgreSQL (a child process, started on first need: only the orchestrator uses it) and one
 * artifact root that the orchestrator and every worker share, as they would share a volume in a
 * deployment. It launches the services as {@link ServiceProcess}es wired to all three.
 *
 * <p>Create it in {@code @BeforeAll} and close it in {@code @AfterAll}: close stops the services it
 * started, then PostgreSQL and Kafka. The artifact root, under {@code target/e2e-work/}, is kept for
 * inspection after a failure; {@code mvn clean} removes it.
 */
public final class E2eEnvironment implements AutoCloseable {
  public static final String ORCHESTRATOR = "orchestrator";
  public static final String TRAINER = "trainer-service";

  private final EmbeddedKafka kafka;
  private final Path artifactRoot;
  private final List<ServiceProcess> started = new ArrayList<>();
  private EmbeddedPostgresServer postgres;

  private E2eEnvironment(EmbeddedKafka kafka, Path artifactRoot) {
    this.kafka = kafka;
    this.artifactRoot = artifactRoot;
  }

  /** Starts Kafka and makes a fresh artifact root holding {@code datasets/sample/}. */
  public static E2eEnvironment start() throws IOException {
    Path work = E2ePaths.targetDir().resolve("e2e-work");
    Files.createDirectories(work);
    Path root = Files.createTempDirectory(work, "artifacts-");
    // Without derive/ (the tooling that derived the data: hundreds of MB of node_modules).
    SampleData.copyIfAbsent(E2ePaths.repoRoot().resolve("datasets").resolve("sample"),
        root.resolve("datasets").resolve("sample"));
    return new E2eEnvironment(new EmbeddedKafka(), root);
  }

  public String kafkaBootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The directory every service reads datasets from and writes artifacts to. */
  public Path artifactRoot() {
    return artifactRoot;
  }

  /** The PostgreSQL server, started on the first call. */
  public synchronized EmbeddedPostgresServer postgres() throws IOException {
    if (postgres == null) {
      postgres = EmbeddedPostgresServer.start(
          E2ePaths.targetDir().resolve("embedded-postgres").resolve(artifactRoot.getFileName()));
    }
    return postgres;
  }

  /** Launches the orchestrator (not yet ready: call {@link ServiceProcess#awaitReady}). */
  public ServiceProcess startOrchestrator() throws IOException {
    return startOrchestrator(Map.of());
  }

  /** As {@link #startOrchestrator()}, with {@code extra} system properties overriding the defaults. */
  public ServiceProcess startOrchestrator(Map<String, String> extra) throws IOException {
    EmbeddedPostgresServer pg = postgres();
    Map<String, String> p = new LinkedHashMap<>();
    p.put("quarkus.datasource.jdbc.url", pg.jdbcUrl());
    p.put("quarkus.datasource.username", pg.username());
    p.put("quarkus.datasource.password", pg.password());
    p.put("minimind.orchestrator.artifact-root", artifactRoot.toString());
    // Short, so that a killed worker is noticed within a test's patience.
    p.put("minimind.orchestrator.heartbeat-timeout", "6s");
    p.putAll(extra);
    return startService(ORCHESTRATOR, p, "512m");
  }

  /** Launches a trainer worker (not yet ready). Each call starts another worker. */
  public ServiceProcess startTrainer() throws IOException {
    return startTrainer(Map.of());
  }

  public ServiceProcess startTrainer(Map<String, String> extra) throws IOException {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("minimind.worker.artifact-root", artifactRoot.toString());
    p.put("minimind.worker.heartbeat-interval", "500ms");
    p.putAll(extra);
    return startService(TRAINER, p, "1g");
  }

  /**
   * Launches any packaged service module with Kafka wired in; the basis of the methods above and a
   * way to add the tokenizer, reward or inference services to a test.
   */
  public ServiceProcess startService(String module, Map<String, String> properties, String maxHeap)
      throws IOException {
    ServiceProcess s = serviceBuilder(module, E2ePaths.appJar(module))
        .property("kafka.bootstrap.servers", kafka.bootstrapServers())
        .property("quarkus.devservices.enabled", "false")
        .properties(properties)
        .maxHeap(maxHeap)
        .start();
    synchronized (started) {
      started.add(s);
    }
    return s;
  }

  /** Stops every service still running, then PostgreSQL and Kafka; keeps the artifact root. */
  @Override
  public void close() throws IOException {
    synchronized (started) {
      started.forEach(ServiceProcess::close);
      started.clear();
    }
    try {
      if (postgres != null) {
        postgres.close();
      }
    } finally {
      kafka.close();
    }
  }

  /**
   * A launch of {@code jar} with this module's layout: log in {@code target/e2e-logs/<name>-<n>.log},
   * a fresh working directory {@code target/e2e-work/<name>-<n>}.
   */
  public static ServiceProcess.Builder serviceBuilder(String name, Path jar) {
    return ServiceProcess.builder(name, jar)
        .logDir(E2ePaths.targetDir().resolve("e2e-logs"))
        .workRoot(E2ePaths.targetDir().resolve("e2e-work"));
  }
}
