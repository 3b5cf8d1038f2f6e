package io.minimind.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the repository and this module's target dir are, from failsafe's system properties
 * ({@code e2e.repo.root}, {@code e2e.target.dir}) or, in an IDE, from the working directory.
 */
public final class E2ePaths {
  private E2ePaths() {
  }

  public static Path repoRoot() {
    String configured = System.getProperty("e2e.repo.root");
    if (configured != null) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("e2e-tests")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find the repository root; set -De2e.repo.root");
  }

  public static Path targetDir() {
    String configured = System.getProperty("e2e.target.dir");
    return configured != null ? Path.of(configured) : repoRoot().resolve("e2e-tests").resolve("target");
  }

  /** {@code <module>/target/quarkus-app/quarkus-run.jar}, which {@code package} builds. */
  public static Path appJar(String module) {
    return repoRoot().resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
  }

  /** Whether every module's quarkus-run.jar exists. */
  public static boolean isBuilt(String... modules) {
    for (String module : modules) {
      if (!Files.isRegularFile(appJar(module))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Skips the calling test (not fails) when a service was not packaged, as with {@code -pl e2e-tests}
   * on a fresh checkout; the message says how to build it. Call it from {@code @BeforeEach}: an
   * assumption that fails in {@code @BeforeAll} hides its message (the report shows 0 tests run).
   */
  public static void assumeBuilt(String... modules) {
    for (String module : modules) {
      Path jar = appJar(module);
      Assumptions.assumeTrue(Files.isRegularFile(jar), () -> jar + " is missing, so this end-to-end test is skipped. Run"
          + " `./mvnw -pl " + module + " package -DskipTests` first, or build e2e-tests in the full"
          + " reactor (`./mvnw verify`), which packages the services before it.");
    }
  }
}
