package io.minimind.testsupport;

import java.io.IOException;

/**
 * The one {@link EmbeddedPostgresServer} of a test JVM, started on first use and stopped by a JVM
 * shutdown hook, so that every {@code @QuarkusTest} class (each may restart Quarkus) reuses it
 * instead of paying for initdb again.
 *
 * <p>Quarkus may load test resources in more than one class loader, each with its own copy of this
 * class and its statics. The server's JDBC URL is therefore also published as the system property
 * {@value #URL_PROPERTY}, which all class loaders share: a copy that finds it set reuses that
 * server rather than starting a second one. The lock is {@link System#getProperties()} for the
 * same reason: it is the one object every class loader sees.
 */
final class SharedPostgres {
  static final String URL_PROPERTY = "minimind.test.postgres.jdbc-url";

  private SharedPostgres() {
  }

  /** JDBC URL of the default database of the shared server; starts the server on first call. */
  static String jdbcUrl() {
    synchronized (System.getProperties()) {
      String url = System.getProperty(URL_PROPERTY);
      if (url != null) {
        return url;
      }
      EmbeddedPostgresServer server;
      try {
        server = EmbeddedPostgresServer.start();
      } catch (IOException e) {
        throw new IllegalStateException("cannot start the embedded PostgreSQL server", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (IOException e) {
          System.err.println("cannot stop the embedded PostgreSQL server: " + e);
        }
      }, "embedded-postgres-stop"));
      System.setProperty(URL_PROPERTY, server.jdbcUrl());
      return server.jdbcUrl();
    }
  }

  /** The URL of {@code database} on the shared server; {@code base} ends with {@code /postgres}. */
  static String withDatabase(String base, String database) {
    return base.substring(0, base.lastIndexOf('/') + 1) + database;
  }
}
