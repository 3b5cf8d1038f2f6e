package io.minimind.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at a real PostgreSQL ({@link EmbeddedPostgresServer}) and keeps Dev
 * Services off (no Docker). One server serves the whole test JVM (see {@link SharedPostgres}):
 * {@link #stop()} leaves it running for the next test class and a shutdown hook stops it.
 *
 * <p>Tables therefore outlive a test class. To keep suites apart, give each its own database:
 * {@code initArgs = @ResourceArg(name = PostgresTestResource.DATABASE, value = "orchestrator_it")};
 * it is created on first use. Without it the resource uses the {@code postgres} database.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
  /** Init arg: the database to use, created if it does not exist. */
  public static final String DATABASE = "database";

  private String database = EmbeddedPostgresServer.DATABASE;

  @Override
  public void init(Map<String, String> initArgs) {
    database = initArgs.getOrDefault(DATABASE, database);
  }

  @Override
  public Map<String, String> start() {
    String adminUrl = SharedPostgres.jdbcUrl();
    String url = adminUrl;
    if (!EmbeddedPostgresServer.DATABASE.equals(database)) {
      EmbeddedPostgresServer.createDatabase(adminUrl, EmbeddedPostgresServer.USER,
          EmbeddedPostgresServer.PASSWORD, database);
      url = SharedPostgres.withDatabase(adminUrl, database);
    }
    return Map.of("quarkus.datasource.db-kind", "postgresql",
        "quarkus.datasource.jdbc.url", url,
        "quarkus.datasource.username", EmbeddedPostgresServer.USER,
        "quarkus.datasource.password", EmbeddedPostgresServer.PASSWORD,
        "quarkus.datasource.devservices.enabled", "false");
  }

  @Override
  public void stop() {
    // Shared by every test class of this JVM; stopped by SharedPostgres's shutdown hook.
  }
}
