package io.minimind.trainer;

import io.minimind.contracts.messages.Heartbeat;
import io.minimind.contracts.messages.Messages;
import io.minimind.contracts.messages.StageJob;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sends a heartbeat for the running attempt at once and then every {@code heartbeat-interval}, from
 * its own thread: the training thread may sit in one long step, and liveness must not depend on
 * step time. When heartbeats stop, the orchestrator declares the attempt lost and re-dispatches.
 */
@ApplicationScoped
public class Heartbeats {
  private static final Logger LOG = Logger.getLogger(Heartbeats.class);
  private final EventSender sender;
  private final WorkerSettings settings;
  private final String workerId;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "trainer-heartbeats");
    t.setDaemon(true);
    return t;
  });

  public Heartbeats(EventSender sender, WorkerSettings settings) {
    this.sender = sender;
    this.settings = settings;
    this.workerId = settings.id().filter(s -> !s.isBlank()).orElseGet(Heartbeats::defaultId);
  }

  /** This worker's id: {@code minimind.worker.id}, else {@code <hostname>-<pid>-<random>}. */
  public String workerId() {
    return workerId;
  }

  /**
   * Starts heartbeats for {@code job}; the first is sent before this returns, so the orchestrator
   * knows at once that the job was taken.
   *
   * @return stops them (call when the job ends)
   */
  public AutoCloseable start(StageJob job) {
    sender.heartbeat(Heartbeat.of(job, workerId, Messages.now()));
    long every = Math.max(1, settings.heartbeatInterval().toMillis());
    ScheduledFuture<?> task = scheduler.scheduleAtFixedRate(() -> beat(job), every, every,
        TimeUnit.MILLISECONDS);
    return () -> task.cancel(false);
  }

  private void beat(StageJob job) {
    try {
      sender.heartbeat(Heartbeat.of(job, workerId, Messages.now()));
    } catch (RuntimeException e) { // a missed beat is not fatal; the next one may get through
      LOG.warnf("heartbeat for %s not sent: %s", AttemptLedger.key(job), e.getMessage());
    }
  }

  @PreDestroy
  void stop() {
    scheduler.shutdownNow();
  }

  private static String defaultId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "trainer";
    }
    return host + "-" + ProcessHandle.current().pid() + "-"
        + UUID.randomUUID().toString().substring(0, 6);
  }
}
