package io.minimind.orchestrator.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Plain-JDBC transactions. Every state change and the outbox rows it causes go through one
 * {@link #inTransaction} call, so they commit together or not at all. Serialization failures,
 * deadlocks and lost connections are retried (the work must be safe to repeat, which it is: it
 * starts from what the database says).
 */
@ApplicationScoped
public class Database {
  private static final Logger LOG = Logger.getLogger(Database.class);
  private static final int ATTEMPTS = 6;

  private final DataSource dataSource;

  public Database(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Work inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  public <T> T inTransaction(Work<T> work) {
    SQLException last = null;
    for (int i = 0; i < ATTEMPTS; i++) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(c);
          throw e;
        }
      } catch (SQLException e) {
        if (!retriable(e)) {
          throw new StoreException(e);
        }
        last = e;
        LOG.warnf("database transaction failed (%s, SQLState %s); retrying", e.getMessage(), e.getSQLState());
        sleep(100L << i);
      }
    }
    throw new StoreException(last);
  }

  /** Read-only work on an auto-commit connection. */
  public <T> T read(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  private static boolean retriable(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.equals("40001") || state.equals("40P01") || state.startsWith("08"));
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      LOG.debug("rollback failed", e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a transaction", e);
    }
  }

  public static Timestamp ts(Instant t) {
    return t == null ? null : Timestamp.from(t);
  }

  public static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  /** A database failure that is not the caller's fault; maps to 503 in the API. */
  public static final class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
      super("database error: " + (cause == null ? "unknown" : cause.getMessage()), cause);
    }
  }
}
