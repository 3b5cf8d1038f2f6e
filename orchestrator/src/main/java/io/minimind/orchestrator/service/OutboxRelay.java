package io.minimind.orchestrator.service;

import io.minimind.orchestrator.store.Database;
import io.minimind.orchestrator.store.Outbox;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Sends outbox rows to Kafka in id order and marks each sent once the broker acknowledged it
 * (acks=all). A failure leaves the row unsent for the next round; a crash after the send but
 * before the mark sends it again, which consumers deduplicate by message id.
 */
@ApplicationScoped
public class OutboxRelay {
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private final Database db;
  private final Outbox outbox;
  private final Emitter<String> kafka;
  private final OrchestratorSettings settings;

  public OutboxRelay(Database db, Outbox outbox, @Channel("outbox") Emitter<String> kafka,
      OrchestratorSettings settings) {
    this.db = db;
    this.outbox = outbox;
    this.kafka = kafka;
    this.settings = settings;
  }

  @Scheduled(every = "${minimind.orchestrator.outbox-poll-interval:200ms}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void relay() {
    try {
      int sent;
      do {
        sent = relayBatch();
      } while (sent == settings.outboxBatch());
    } catch (RuntimeException e) {
      LOG.warnf("outbox relay round failed, will retry: %s", e.getMessage());
    }
  }

  /** Sends one batch; returns how many rows were sent. */
  int relayBatch() {
    return db.inTransaction(c -> {
      var entries = outbox.lockUnsent(c, settings.outboxBatch());
      // Pipelined: hand the whole batch to the producer, then wait for every ack. The idempotent
      // producer keeps each partition's order; if any send fails, nothing is marked sent and the
      // whole batch goes again (consumers deduplicate by message id).
      List<CompletableFuture<Void>> acks = new ArrayList<>();
      for (Outbox.Entry e : entries) {
        acks.add(send(e));
      }
      for (int i = 0; i < entries.size(); i++) {
        await(entries.get(i), acks.get(i));
        outbox.markSent(c, entries.get(i).id());
      }
      return entries.size();
    });
  }

  private CompletableFuture<Void> send(Outbox.Entry e) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    OutgoingKafkaRecordMetadata<String> meta = OutgoingKafkaRecordMetadata.<String>builder()
        .withTopic(e.topic()).withKey(e.key()).build();
    kafka.send(Message.of(e.payload())
        .addMetadata(meta)
        .withAck(() -> {
          acked.complete(null);
          return CompletableFuture.completedFuture(null);
        })
        .withNack(t -> {
          acked.completeExceptionally(t);
          return CompletableFuture.completedFuture(null);
        }));
    return acked;
  }

  private static void await(Outbox.Entry e, CompletableFuture<Void> acked) {
    try {
      acked.get(30, TimeUnit.SECONDS);
    } catch (Exception ex) {
      throw new IllegalStateException("sending outbox row " + e.id() + " to " + e.topic() + " failed: "
          + ex.getMessage(), ex);
    }
  }
}
