package io.minimind.trainer;

import io.minimind.contracts.messages.StageJob;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * What this worker is doing right now: the job it runs (one at a time) and whether the process is
 * shutting down. Shared by the job listener (sets it), the readiness check (shows it), the
 * training listener (asks whether to stop) and the shutdown hook (waits for the job to stop).
 */
@ApplicationScoped
public class WorkerState {
  private StageJob running;
  private volatile boolean shuttingDown;

  /** Marks {@code job} as running; fails if another job runs (jobs are strictly one at a time). */
  public synchronized void begin(StageJob job) {
    if (running != null) {
      throw new IllegalStateException("already running " + AttemptLedger.key(running));
    }
    running = job;
  }

  /** The job has ended (completed, failed or stopped). */
  public synchronized void end() {
    running = null;
    notifyAll();
  }

  public synchronized Optional<StageJob> running() {
    return Optional.ofNullable(running);
  }

  /** {@code idle} or {@code running <pipeline>/<stage>#<attempt>}, for the readiness check and logs. */
  public synchronized String describe() {
    return running == null ? "idle" : "running " + AttemptLedger.key(running);
  }

  /** Asks the running job to stop at its next step and refuses new ones. */
  public void requestShutdown() {
    shuttingDown = true;
  }

  public boolean shuttingDown() {
    return shuttingDown;
  }

  /** Waits until no job runs, at most {@code timeout}; true when idle. */
  public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (running != null) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
