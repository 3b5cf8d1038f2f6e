package io.minimind.trainer;

import io.minimind.contracts.messages.Heartbeat;
import io.minimind.contracts.messages.ModelPublished;
import io.minimind.contracts.messages.StageEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Sends this worker's events and waits until Kafka has them. The job was acknowledged when it
 * started, so an event lost in a producer buffer would be lost for good; waiting for the broker's
 * ack (acks=all, idempotent producer) makes every event durable before the worker goes on. Keys
 * are the pipeline id, so one pipeline's events stay in order on one partition.
 */
@ApplicationScoped
public class EventSender {
  private final Emitter<StageEvent> events;
  private final Emitter<Heartbeat> heartbeats;
  private final Emitter<ModelPublished> published;

  public EventSender(@Channel("stage-events") Emitter<StageEvent> events,
      @Channel("heartbeats") Emitter<Heartbeat> heartbeats,
      @Channel("model-published") Emitter<ModelPublished> published) {
    this.events = events;
    this.heartbeats = heartbeats;
    this.published = published;
  }

  /** Sends a stage event (progress, checkpoint, completed, failed) on minimind.stage-events. */
  public void event(StageEvent event) {
    send(events, event);
  }

  /** Sends a heartbeat on minimind.heartbeats. */
  public void heartbeat(Heartbeat heartbeat) {
    send(heartbeats, heartbeat);
  }

  /** Announces a published model on minimind.model-published. */
  public void published(ModelPublished event) {
    send(published, event);
  }

  /**
   * @throws java.util.concurrent.CompletionException when the broker refused the record or the
   *     send timed out (classified TRANSIENT)
   */
  private static <T extends StageEvent> void send(Emitter<T> emitter, T payload) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Metadata key = Metadata.of(
        OutgoingKafkaRecordMetadata.<String>builder().withKey(payload.pipelineId()).build());
    Message<T> message = Message.of(payload, key,
        () -> {
          done.complete(null);
          return CompletableFuture.completedFuture(null);
        },
        reason -> {
          done.completeExceptionally(reason);
          return CompletableFuture.completedFuture(null);
        });
    emitter.send(message);
    done.join();
  }
}
