package io.minimind.trainer;

import ai.djl.engine.Engine;
import io.minimind.contracts.messages.ErrorClass;
import io.minimind.contracts.messages.StageFailed;
import io.minimind.contracts.messages.StageJob;
import io.minimind.contracts.messages.StageKind;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes stage jobs from Kafka and runs the kinds this worker owns ({@code pretrain}, {@code sft},
 * {@code publish}), one at a time, on the {@code trainer-jobs} worker pool (max concurrency 1,
 * shared by both job channels). A job is acknowledged when it <em>starts</em> (docs/stage-jobs.md):
 * training runs for hours, far beyond any poll or commit deadline, and liveness is carried by
 * heartbeats instead; if this worker dies mid-job, the orchestrator re-dispatches from the last
 * checkpoint as a new attempt.
 *
 * <p>{@code stage-jobs} reads minimind.stage-requests; {@code gpu-stage-jobs} reads
 * minimind.stage-requests.gpu and is enabled only on workers with a GPU (profile {@code gpu}).
 */
@ApplicationScoped
public class StageJobListener {
  private static final Logger LOG = Logger.getLogger(StageJobListener.class);
  /** Kinds run here; lora, dpo, distill, ppo, grpo, spo will join in a later issue. */
  static final Set<StageKind> OWNED = owned();
  private final AttemptLedger ledger;
  private final WorkerState state;
  private final Heartbeats heartbeats;
  private final EventSender sender;
  private final FailureClassifier classifier;
  private final TrainingJobRunner training;
  private final PublishJobRunner publishing;

  public StageJobListener(AttemptLedger ledger, WorkerState state, Heartbeats heartbeats,
      EventSender sender, FailureClassifier classifier, TrainingJobRunner training,
      PublishJobRunner publishing) {
    this.ledger = ledger;
    this.state = state;
    this.heartbeats = heartbeats;
    this.sender = sender;
    this.classifier = classifier;
    this.training = training;
    this.publishing = publishing;
  }

  /** Jobs from minimind.stage-requests. */
  @Incoming("stage-jobs")
  @Blocking(value = "trainer-jobs", ordered = true)
  public CompletionStage<Void> onJob(Message<StageJob> message) {
    return handle(message);
  }

  /** Jobs from minimind.stage-requests.gpu (channel enabled only in the {@code gpu} profile). */
  @Incoming("gpu-stage-jobs")
  @Blocking(value = "trainer-jobs", ordered = true)
  public CompletionStage<Void> onGpuJob(Message<StageJob> message) {
    return handle(message);
  }

  private CompletionStage<Void> handle(Message<StageJob> message) {
    StageJob job = message.getPayload();
    if (job == null) { // a record that is not a StageJob: nothing to run, nothing to report
      LOG.warn("skipping a stage request that is not a valid StageJob");
      return message.ack();
    }
    if (!OWNED.contains(job.kind())) {
      LOG.debugf("skipping %s (%s): not run by this worker", AttemptLedger.key(job), job.kind());
      return message.ack();
    }
    if (state.shuttingDown()) { // not started: leave it unacknowledged for the next worker
      LOG.infof("not starting %s: shutting down", AttemptLedger.key(job));
      return CompletableFuture.completedFuture(null);
    }
    if (!ledger.claim(job)) {
      LOG.infof("skipping %s: already run here or cancelled", AttemptLedger.key(job));
      return message.ack();
    }
    message.ack().toCompletableFuture().join(); // acknowledged when started (see class doc)
    run(job);
    return CompletableFuture.completedFuture(null);
  }

  /** Runs one claimed job with heartbeats; every outcome ends in at most one final event. */
  void run(StageJob job) {
    state.begin(job);
    LOG.infof("starting %s (%s)", AttemptLedger.key(job), job.kind());
    try (AutoCloseable beats = heartbeats.start(job)) {
      if ("gpu".equals(job.parameters().get("device")) && Engine.getInstance().getGpuCount() == 0) {
        sender.event(StageFailed.of(job, ErrorClass.TRANSIENT,
            "worker " + heartbeats.workerId() + " has no GPU", "parameters.device"));
        return;
      }
      if (job.kind() == StageKind.PUBLISH) {
        publishing.run(job);
      } else {
        finish(job, training.run(job));
      }
    } catch (Throwable e) {
      fail(job, e);
      if (e instanceof Error err && !(e instanceof OutOfMemoryError)) {
        throw err;
      }
    } finally {
      state.end();
      LOG.infof("finished %s", AttemptLedger.key(job));
    }
  }

  private void finish(StageJob job, TrainingJobRunner.Ending ending) {
    switch (ending) {
      case COMPLETED -> LOG.infof("%s completed", AttemptLedger.key(job));
      case CANCELLED -> LOG.infof("%s stopped: cancelled by the orchestrator", AttemptLedger.key(job));
      case SHUTDOWN -> sender.event(StageFailed.of(job, ErrorClass.TRANSIENT,
          "cancelled: worker " + heartbeats.workerId() + " is shutting down", null));
    }
  }

  private void fail(StageJob job, Throwable e) {
    FailureClassifier.Failure f = classifier.classify(e);
    if (f.errorClass() == ErrorClass.INTERNAL || f.errorClass() == ErrorClass.TRANSIENT) {
      LOG.errorf(e, "%s failed (%s)", AttemptLedger.key(job), f.errorClass());
    } else {
      LOG.warnf("%s failed (%s): %s", AttemptLedger.key(job), f.errorClass(), f.message());
    }
    try {
      sender.event(StageFailed.of(job, f.errorClass(), f.message(), f.where()));
    } catch (RuntimeException sendError) { // the broker is gone; heartbeats stop, it is re-dispatched
      LOG.errorf(sendError, "could not report the failure of %s", AttemptLedger.key(job));
    }
  }

  private static Set<StageKind> owned() {
    Set<StageKind> kinds = EnumSet.copyOf(StageRuns.KINDS);
    kinds.add(StageKind.PUBLISH);
    return kinds;
  }
}
