package io.minimind.trainer;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

/**
 * Graceful shutdown (SIGTERM, pod eviction): asks the running job to stop at its next step
 * boundary and waits up to {@code minimind.worker.shutdown-grace}. The stopped job reports
 * StageFailed TRANSIENT, so the orchestrator re-dispatches it at once from its last checkpoint
 * instead of waiting for the heartbeat timeout. Observed early ({@code PLATFORM_BEFORE}) so that
 * the Kafka channels are still open for that last event.
 */
@ApplicationScoped
public class WorkerShutdown {
  private static final Logger LOG = Logger.getLogger(WorkerShutdown.class);
  private final WorkerState state;
  private final WorkerSettings settings;

  public WorkerShutdown(WorkerState state, WorkerSettings settings) {
    this.state = state;
    this.settings = settings;
  }

  void onShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
    state.requestShutdown();
    if (state.running().isEmpty()) {
      return;
    }
    LOG.infof("shutting down: stopping %s", state.describe());
    try {
      if (!state.awaitIdle(settings.shutdownGrace())) {
        LOG.warnf("still %s after %s; exiting anyway", state.describe(), settings.shutdownGrace());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
