package io.minimind.orchestrator.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The transactional outbox: messages are inserted in the transaction of the state change that
 * causes them and sent later by {@code OutboxRelay}, so state and Kafka cannot diverge (a crash
 * between commit and send only delays the message; the relay sends it after restart).
 */
@ApplicationScoped
public class Outbox {
  /** One message waiting to be sent. */
  public record Entry(long id, String topic, String key, String payload) {}

  public void enqueue(Connection c, String topic, String key, String payload) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "insert into outbox (topic, msg_key, payload, created_at) values (?, ?, ?, ?)")) {
      ps.setString(1, topic);
      ps.setString(2, key);
      ps.setString(3, payload);
      ps.setTimestamp(4, Database.ts(Instant.now()));
      ps.executeUpdate();
    }
  }

  /**
   * The oldest unsent messages, locked so that a second orchestrator replica's relay skips them.
   * Call inside the transaction that marks them sent.
   */
  public List<Entry> lockUnsent(Connection c, int limit) throws SQLException {
    List<Entry> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("select id, topic, msg_key, payload from outbox "
        + "where sent_at is null order by id limit ? for update skip locked")) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        }
      }
    }
    return out;
  }

  public void markSent(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("update outbox set sent_at = ? where id = ?")) {
      ps.setTimestamp(1, Database.ts(Instant.now()));
      ps.setLong(2, id);
      ps.executeUpdate();
    }
  }

  /** Messages not yet sent (for health and metrics). */
  public long pending(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select count(*) from outbox where sent_at is null");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
