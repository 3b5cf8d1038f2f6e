package io.minimind.trainer;

import io.minimind.contracts.messages.StageCancel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads minimind.stage-control. Every worker instance reads every cancel (its own consumer group,
 * from the latest offset): the one running the attempt stops at the next step boundary, the others
 * remember it so that a late delivery of the job is skipped. Runs on the connector's thread, never
 * behind the (blocking, hours-long) job channel.
 */
@ApplicationScoped
public class StageControlListener {
  private static final Logger LOG = Logger.getLogger(StageControlListener.class);
  private final AttemptLedger ledger;
  private final WorkerState state;

  public StageControlListener(AttemptLedger ledger, WorkerState state) {
    this.ledger = ledger;
    this.state = state;
  }

  /**
   * Returns a completion stage (rather than void) so that Quarkus calls it on the connector's
   * thread: a void method would be treated as blocking and could queue behind the running job.
   */
  @Incoming("stage-control")
  public CompletionStage<Void> onCancel(StageCancel cancel) {
    if (cancel == null) { // not a StageCancel (deserialisation failed): nothing to do
      return CompletableFuture.completedFuture(null);
    }
    ledger.cancel(cancel);
    boolean running = state.running().map(cancel::targets).orElse(false);
    LOG.infof("cancel of %s (%s)%s", AttemptLedger.key(cancel), cancel.reason(),
        running ? ": stopping at the next step" : "");
    return CompletableFuture.completedFuture(null);
  }
}
