package io.minimind.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Proves the embedded server is a real PostgreSQL reachable over JDBC, also when run as root. */
class EmbeddedPostgresServerTest {

  @Test
  void createsInsertsAndSelectsOverJdbc() throws Exception {
    Path dataDir;
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start()) {
      dataDir = pg.dataDir();
      assertTrue(dataDir.startsWith(Path.of("target").toAbsolutePath()), dataDir.toString());
      assertTrue(Files.exists(dataDir.resolve("PG_VERSION")));
      try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE run (id bigserial PRIMARY KEY, name text NOT NULL, params jsonb)");
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO run (name, params) VALUES (?, ?::jsonb)")) {
          insert.setString(1, "pretrain");
          insert.setString(2, "{\"epochs\": 1}");
          assertEquals(1, insert.executeUpdate());
        }
        try (ResultSet rs = s.executeQuery("SELECT name, params->>'epochs', current_setting('server_version_num')::int FROM run")) {
          assertTrue(rs.next());
          assertEquals("pretrain", rs.getString(1));
          assertEquals("1", rs.getString(2));
          assertTrue(rs.getInt(3) >= 170000, "PostgreSQL 17 expected");
          assertFalse(rs.next());
        }
      }
    }
    assertFalse(Files.exists(dataDir), "close() deletes the data directory");
  }

  @Test
  void testResourceSharesOneServerAndCreatesDatabases() throws Exception {
    PostgresTestResource first = new PostgresTestResource();
    first.init(Map.of());
    Map<String, String> a = first.start();
    PostgresTestResource second = new PostgresTestResource();
    second.init(Map.of(PostgresTestResource.DATABASE, "suite_b"));
    Map<String, String> b = second.start();
    first.stop();
    second.stop();

    assertEquals("postgresql", a.get("quarkus.datasource.db-kind"));
    String urlA = a.get("quarkus.datasource.jdbc.url");
    String urlB = b.get("quarkus.datasource.jdbc.url");
    assertTrue(urlA.endsWith("/postgres"), urlA);
    assertEquals(urlA.replace("/postgres", "/suite_b"), urlB, "same server, own database");
    // stop() keeps the shared server running for the next test class.
    try (Connection c = DriverManager.getConnection(urlB, b.get("quarkus.datasource.username"),
        b.get("quarkus.datasource.password"));
        ResultSet rs = c.createStatement().executeQuery("SELECT current_database()")) {
      assertTrue(rs.next());
      assertEquals("suite_b", rs.getString(1));
    }
  }
}
