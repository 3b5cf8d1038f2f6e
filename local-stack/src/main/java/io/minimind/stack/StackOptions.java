package io.minimind.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options shared by {@code up} and {@code run} (a picocli mixin): where data goes, where the
 * repository is (service jars, sample data), the three HTTP ports, heaps and the optional API token.
 */
public final class StackOptions {
  @Option(names = "--data", defaultValue = "./data", paramLabel = "<dir>",
      description = "Artifact root shared by all services: datasets/, pipelines/, models/, logs/ (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--home", paramLabel = "<dir>",
      description = "Repository root holding the built services and datasets/sample (default: found from this jar).")
  Path home;

  @Option(names = "--orchestrator-port", defaultValue = "8080", paramLabel = "<port>",
      description = "HTTP port of the orchestrator (default: ${DEFAULT-VALUE}).")
  int orchestratorPort;

  @Option(names = "--trainer-port", defaultValue = "8081", paramLabel = "<port>",
      description = "HTTP port of trainer-service (default: ${DEFAULT-VALUE}).")
  int trainerPort;

  @Option(names = "--tokenizer-port", defaultValue = "8082", paramLabel = "<port>",
      description = "HTTP port of tokenizer-service (default: ${DEFAULT-VALUE}).")
  int tokenizerPort;

  @Option(names = "--trainer-heap", defaultValue = "2g", paramLabel = "<size>",
      description = "-Xmx of trainer-service (default: ${DEFAULT-VALUE}; the model's tensors live off-heap in libtorch).")
  String trainerHeap;

  @Option(names = "--api-token", paramLabel = "<token>",
      description = "Require `Authorization: Bearer <token>` on the orchestrator's /v1 API (minimind.orchestrator.api-token).")
  String apiToken;

  @Option(names = "--ready-timeout", defaultValue = "180", paramLabel = "<seconds>",
      description = "How long each service may take to become ready (default: ${DEFAULT-VALUE}).")
  int readyTimeoutSeconds;

  /** The artifact root as an absolute path. */
  public Path dataDir() {
    return data.toAbsolutePath().normalize();
  }

  /** {@code --home}, else {@code -Dminimind.home} (set by ./minimind), else from this jar, else the working dir. */
  public Path homeDir() {
    if (home != null) {
      return home.toAbsolutePath().normalize();
    }
    String property = System.getProperty("minimind.home");
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    try {
      // <home>/local-stack/target/local-stack.jar (or target/classes when run from an IDE)
      Path code = Path.of(StackOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path p = code; p != null; p = p.getParent()) {
        if (isRepoRoot(p)) {
          return p;
        }
      }
    } catch (Exception e) {
      // fall through to the working directory
    }
    return Path.of("").toAbsolutePath();
  }

  static boolean isRepoRoot(Path p) {
    return Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("orchestrator"))
        && Files.isDirectory(p.resolve("datasets"));
  }
}
