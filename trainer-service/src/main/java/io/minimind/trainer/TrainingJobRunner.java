package io.minimind.trainer;

import io.minimind.contracts.messages.CheckpointSaved;
import io.minimind.contracts.messages.StageCompleted;
import io.minimind.contracts.messages.StageJob;
import io.minimind.contracts.messages.StageProgress;
import io.minimind.core.checkpoint.Checkpoints;
import io.minimind.core.train.ProgressListener;
import io.minimind.core.train.StepMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Runs a training job of any kind ({@link StageRuns}: pretrain, sft, reason, lora, dpo, distill,
 * grpo, cispo, spo, ppo) and turns its callbacks into stage events. Resuming is by checkpoint adoption: {@code resumeFrom} (an earlier
 * attempt's checkpoint) is hard-linked into this attempt's {@code checkpoints/}, so the earlier
 * attempt's directory is never written to; and a redelivered attempt that already has checkpoints
 * of its own continues from them.
 */
@ApplicationScoped
public class TrainingJobRunner {
  private static final Logger LOG = Logger.getLogger(TrainingJobRunner.class);
  private final ArtifactStore store;
  private final EventSender sender;
  private final AttemptLedger ledger;
  private final WorkerState state;
  private final StageRuns runs;

  public TrainingJobRunner(ArtifactStore store, EventSender sender, AttemptLedger ledger,
      WorkerState state) {
    this.store = store;
    this.sender = sender;
    this.ledger = ledger;
    this.state = state;
    this.runs = new StageRuns(store);
  }

  /** How a run ended, for the listener: completed, stopped by a cancel, or by shutdown. */
  public enum Ending { COMPLETED, CANCELLED, SHUTDOWN }

  /** Runs the job; events are sent as it goes. Throws on failure (classified by the caller). */
  public Ending run(StageJob job) throws IOException {
    StageOutput out = runs.run(inputs(job), new Listener(job));
    if (!out.result().completed()) {
      return state.shuttingDown() ? Ending.SHUTDOWN : Ending.CANCELLED;
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    double finalLoss = out.result().finalLoss();
    if (Double.isFinite(finalLoss)) { // NaN when resumed at the last step: nothing ran
      metrics.put("finalLoss", finalLoss);
    }
    metrics.put("steps", (double) out.result().stepsDone());
    metrics.put("tokensPerSecond", finite(out.result().tokensPerSecond()));
    metrics.putAll(out.metrics());
    sender.event(StageCompleted.of(job, out.outputs().stream().map(store::uri).toList(), metrics));
    return Ending.COMPLETED;
  }

  /** The job's resolved inputs, parameters, output and resume decision. */
  RunInputs inputs(StageJob job) throws IOException {
    List<String> unknown = JobParameters.ignored(job.kind(), job.parameters());
    if (!unknown.isEmpty()) {
      LOG.warnf("%s: ignoring parameters this worker does not know: %s", AttemptLedger.key(job), unknown);
    }
    Map<String, Object> checked = JobParameters.checked(job.kind(), job.parameters());
    TrainParameters params = TrainParameters.from(job.kind(), checked);
    List<String> inputs = job.inputUris();
    if (inputs.isEmpty() || inputs.size() > 2) {
      throw new SpecException("inputUris", "a " + job.kind() + " stage takes inputUris [dataset] or"
          + " [dataset, initModel], got " + inputs.size() + " URIs");
    }
    Path data = existing(job, 0, false);
    Path initFrom = inputs.size() == 2 ? existing(job, 1, true) : null;
    Path tokenizer = null;
    if (params.tokenizerUri() != null) {
      tokenizer = store.resolve(params.tokenizerUri(), "parameters.tokenizerUri");
      if (!Files.isDirectory(tokenizer)) {
        throw new SpecException("parameters.tokenizerUri",
            "parameters.tokenizerUri " + params.tokenizerUri() + " is not a tokenizer directory");
      }
    }
    Path outDir = store.resolve(job.outputUri(), "outputUri");
    boolean resume = resumeState(job, outDir);
    return new RunInputs(job, data, initFrom, tokenizer, outDir, resume, params,
        new AlgorithmParameters(checked));
  }

  /**
   * Prepares {@code <outDir>/checkpoints} and says whether to resume. This attempt's own
   * checkpoints (a redelivery after a crash) win over {@code resumeFrom}: they are newer.
   */
  private boolean resumeState(StageJob job, Path outDir) throws IOException {
    Checkpoints own = new Checkpoints(outDir.resolve("checkpoints"));
    if (own.latest().isPresent()) {
      LOG.infof("%s: continuing from this attempt's own checkpoint %s", AttemptLedger.key(job),
          own.latest().get());
      return true;
    }
    if (job.resumeFrom() == null) {
      return false;
    }
    Path ckpt = store.resolve(job.resumeFrom(), "resumeFrom");
    if (!Files.isDirectory(ckpt)) {
      throw new SpecException("resumeFrom", "resumeFrom " + job.resumeFrom() + " does not exist");
    }
    Path adopted;
    try {
      adopted = own.adopt(ckpt);
    } catch (io.minimind.core.io.CheckpointFormatException e) {
      throw new SpecException("resumeFrom", "resumeFrom " + job.resumeFrom()
          + " is not a checkpoint: " + e.getMessage());
    }
    LOG.infof("%s: resuming from %s (adopted as %s)", AttemptLedger.key(job), ckpt, adopted);
    return true;
  }

  private Path existing(StageJob job, int index, boolean directory) {
    String field = "inputUris[" + index + "]";
    Path p = store.resolve(job.inputUris().get(index), field);
    if (directory ? !Files.isDirectory(p) : !Files.exists(p)) {
      throw new SpecException(field, field + " " + job.inputUris().get(index) + " does not exist"
          + (directory ? " or is not a model directory" : ""));
    }
    return p;
  }

  private static double finite(double v) {
    return Double.isFinite(v) && v >= 0 ? v : 0.0;
  }

  /** Forwards training callbacks as events; asks the ledger and state whether to stop. */
  private final class Listener implements ProgressListener {
    private final StageJob job;

    Listener(StageJob job) {
      this.job = job;
    }

    @Override
    public void onStep(StepMetrics m) {
      Map<String, Double> extra = new LinkedHashMap<>();
      m.metrics().forEach((name, value) -> putFinite(extra, name, value)); // reward, KL, margin...
      putFinite(extra, "auxLoss", m.auxLoss());
      putFinite(extra, "gradNorm", m.gradNorm());
      extra.put("epoch", (double) m.epoch());
      Long eta = Double.isFinite(m.etaSeconds()) && m.etaSeconds() >= 0 ? Math.round(m.etaSeconds()) : null;
      sender.event(StageProgress.of(job, m.step(), Math.max(1, m.totalSteps()), m.loss(),
          finite(m.learningRate()), finite(m.tokensPerSecond()), eta, extra));
    }

    @Override
    public void onCheckpoint(long step, Path directory) {
      sender.event(CheckpointSaved.of(job, store.uri(directory), step));
    }

    @Override
    public boolean stopRequested() {
      return state.shuttingDown() || ledger.isCancelled(job);
    }

    private void putFinite(Map<String, Double> map, String key, double v) {
      if (Double.isFinite(v)) {
        map.put(key, v);
      }
    }
  }
}
