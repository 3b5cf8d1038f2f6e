package io.minimind.orchestrator.service;

import io.minimind.orchestrator.store.AttemptStore;
import io.minimind.orchestrator.store.Database;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Declares running attempts lost when their heartbeats stop, so the stage is re-dispatched. After
 * the orchestrator (re)starts it waits one timeout before judging: heartbeats sent while it was
 * down are still in Kafka and must be read first.
 */
@ApplicationScoped
public class LivenessMonitor {
  private static final Logger LOG = Logger.getLogger(LivenessMonitor.class);
  private final Database db;
  private final AttemptStore attempts;
  private final StageEventHandler handler;
  private final OrchestratorSettings settings;
  private final Instant started = Instant.now();

  public LivenessMonitor(Database db, AttemptStore attempts, StageEventHandler handler,
      OrchestratorSettings settings) {
    this.db = db;
    this.attempts = attempts;
    this.handler = handler;
    this.settings = settings;
  }

  @Scheduled(every = "${minimind.orchestrator.liveness-check-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s")
  void check() {
    Instant now = Instant.now();
    if (now.isBefore(started.plus(settings.heartbeatTimeout()))) {
      return;
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
