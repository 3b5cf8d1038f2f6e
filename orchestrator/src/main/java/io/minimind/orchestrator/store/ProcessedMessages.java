package io.minimind.orchestrator.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Deduplication of at-least-once Kafka delivery: a message id is recorded in the transaction that
 * applies the message, so a redelivered message finds its id and is skipped.
 */
@ApplicationScoped
public class ProcessedMessages {
  /** True the first time {@code messageId} is seen (and records it); false for a redelivery. */
  public boolean firstDelivery(Connection c, String messageId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("insert into processed_messages (message_id, processed_at) "
        + "values (?, ?) on conflict do nothing")) {
      ps.setString(1, messageId);
      ps.setTimestamp(2, Database.ts(Instant.now()));
      return ps.executeUpdate() == 1;
    }
  }
}
