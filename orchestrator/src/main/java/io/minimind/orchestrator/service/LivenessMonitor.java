package io.minimind.orchestrator.service;

import io.minimind.orchestrator.messaging.HeartbeatAssignment;
import io.minimind.orchestrator.store.AttemptStore;
import io.minimind.orchestrator.store.Database;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Declares running attempts lost when their heartbeats stop, so the stage is re-dispatched. It
 * judges only after reading heartbeats for a full timeout ({@link HeartbeatAssignment}): after a
 * restart, heartbeats sent while the orchestrator was down are still in Kafka and must be read
 * first.
 */
@ApplicationScoped
public class LivenessMonitor {
  private static final Logger LOG = Logger.getLogger(LivenessMonitor.class);
  private final Database db;
  private final AttemptStore attempts;
  private final StageEventHandler handler;
  private final OrchestratorSettings settings;
  private final HeartbeatAssignment assignment;

  public LivenessMonitor(Database db, AttemptStore attempts, StageEventHandler handler,
      OrchestratorSettings settings,
      @Identifier("heartbeats-rebalance") HeartbeatAssignment assignment) {
    this.db = db;
    this.attempts = attempts;
    this.handler = handler;
    this.settings = settings;
    this.assignment = assignment;
  }

  @Scheduled(every = "${minimind.orchestrator.liveness-check-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void check() {
    Instant now = Instant.now();
    Instant listening = assignment.listeningSince();
    if (listening == null || now.isBefore(listening.plus(settings.heartbeatTimeout()))) {
      return; // not (yet long enough) reading heartbeats: silence proves nothing
    }
    try {
      for (AttemptStore.Silent s : db.read(c -> attempts.silentSince(c, now.minus(settings.heartbeatTimeout())))) {
        LOG.warnf("%s/%s attempt %d: no heartbeat since %s; declaring it lost", s.pipelineId(),
            s.stageId(), s.attempt(), s.lastSign());
        handler.lost(s.pipelineId(), s.stageId(), s.attempt(), s.lastSign());
      }
    } catch (RuntimeException e) {
      LOG.warnf("liveness check failed, will retry: %s", e.getMessage());
    }
  }
}
