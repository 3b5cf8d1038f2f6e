package io.minimind.tokenizer;

import io.minimind.contracts.messages.Heartbeat;
import io.minimind.contracts.messages.Messages;
import io.minimind.contracts.messages.StageJob;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Heartbeats for the stage job this service is running (docs/stage-jobs.md): one at once, then
 * every {@code minimind.tokenizer.heartbeat-interval}, from their own thread, because a BPE merge
 * phase or a large shard can take longer than the orchestrator's heartbeat timeout between two
 * progress events.
 */
@ApplicationScoped
public class StageHeartbeats {
  private static final Logger LOG = Logger.getLogger(StageHeartbeats.class);
  private final Emitter<Heartbeat> heartbeats;
  private final TokenizerSettings settings;
  private final String workerId = "tokenizer-" + ProcessHandle.current().pid() + "-"
      + UUID.randomUUID().toString().substring(0, 6);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "tokenizer-heartbeats");
    t.setDaemon(true);
    return t;
  });

  public StageHeartbeats(@Channel("heartbeats") Emitter<Heartbeat> heartbeats,
      TokenizerSettings settings) {
    this.heartbeats = heartbeats;
    this.settings = settings;
  }

  /** Starts heartbeats for {@code job}; close the result when the job ends. */
  public AutoCloseable start(StageJob job) {
    beat(job);
    long every = Math.max(1, settings.heartbeatInterval().toMillis());
    ScheduledFuture<?> task = scheduler.scheduleAtFixedRate(() -> beat(job), every, every,
        TimeUnit.MILLISECONDS);
    return () -> task.cancel(false);
  }

  private void beat(StageJob job) {
    try {
      heartbeats.send(Heartbeat.of(job, workerId, Messages.now()));
    } catch (RuntimeException e) { // a missed beat is not fatal; the next one may get through
      LOG.warnf("heartbeat for %s/%s not sent: %s", job.pipelineId(), job.stageId(), e.getMessage());
    }
  }

  @PreDestroy
  void stop() {
    scheduler.shutdownNow();
  }
}
