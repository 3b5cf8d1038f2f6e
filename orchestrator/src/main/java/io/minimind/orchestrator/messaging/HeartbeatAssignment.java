package io.minimind.orchestrator.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Tracks whether this orchestrator currently reads heartbeats, and since when. Missing heartbeats
 * only mean a lost worker if we were listening: after a restart the consumer group first has to
 * hand the partitions over (which waits for the dead instance's session to expire), and the
 * backlog of heartbeats sent meanwhile is read after that. The liveness monitor judges only once
 * a full timeout has passed since the partitions were assigned.
 */
@ApplicationScoped
@Identifier("heartbeats-rebalance")
public class HeartbeatAssignment implements KafkaConsumerRebalanceListener {
  private static final Logger LOG = Logger.getLogger(HeartbeatAssignment.class);
  private volatile Instant assignedAt;

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    if (!partitions.isEmpty()) {
      assignedAt = Instant.now();
      LOG.infof("reading heartbeats from %s", partitions);
    }
  }

  @Override
  public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    assignedAt = null;
  }

  /** When heartbeat partitions were last assigned to us, or null while we hold none. */
  public Instant listeningSince() {
    return assignedAt;
  }
}
