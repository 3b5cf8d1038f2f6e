package io.minimind.core.distill;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.minimind.core.checkpoint.Checkpoints;
import io.minimind.core.data.TokenDataset;
import io.minimind.core.data.TokenizedSample;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.model.ModelOutput;
import io.minimind.core.train.AdamW;
import io.minimind.core.train.AdamWTraining;
import io.minimind.core.train.Batch;
import io.minimind.core.train.MicroBatchGradients;
import io.minimind.core.train.MicroBatchPlan;
import io.minimind.core.train.OptimizerStep;
import io.minimind.core.train.ProgressListener;
import io.minimind.core.train.RunIdentity;
import io.minimind.core.train.Scalars;
import io.minimind.core.train.StepResult;
import io.minimind.core.train.TrainConfig;
import io.minimind.core.train.TrainResult;
import io.minimind.core.train.TrainableWeights;
import io.minimind.core.train.TrainingLoop;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Distillation of a frozen teacher into a student on SFT samples, one {@link TrainingLoop} step at
 * a time: the teacher's logits are computed outside the gradient collector (no graph, no
 * gradients), the student's inside it, and {@link DistillationLoss} combines them. Teacher and
 * student may differ in size but must share the tokenizer, hence the vocabulary size.
 */
public final class DistillTrainer {
  /** Metric names reported with every step. */
  public static final String CE = "ce";
  public static final String KL = "kl";
  public static final String DISTILL = "distill_loss";
  public static final String TOTAL = "total";

  private final MiniMindModel student;
  private final MiniMindModel teacher;
  private final TokenDataset data;
  private final TrainConfig cfg;
  private final double alpha;
  private final double temperature;
  private final RunIdentity identity;
  private final Checkpoints checkpoints;
  private final ProgressListener listener;
  private final MicroBatchPlan plan;

  /**
   * @param alpha CE weight: loss = α·CE + (1 − α)·T²·KL
   * @param temperature softmax temperature T of both distributions in the KL term
   * @throws IllegalArgumentException when the vocabularies differ, naming both sizes
   */
  public DistillTrainer(MiniMindModel student, MiniMindModel teacher, TokenDataset data,
      TrainConfig cfg, double alpha, double temperature, RunIdentity identity,
      Checkpoints checkpoints, ProgressListener listener) {
    int sv = student.config().vocabSize();
    int tv = teacher.config().vocabSize();
    if (sv != tv) {
      throw new IllegalArgumentException("the teacher's vocab_size " + tv + " differs from the"
          + " student's vocab_size " + sv + "; distillation compares their next-token"
          + " distributions, so both must use the same tokenizer and vocabulary");
    }
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
    }
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be a positive number, got " + temperature);
    }
    this.student = student;
    this.teacher = teacher;
    this.data = data;
    this.cfg = cfg;
    this.alpha = alpha;
    this.temperature = temperature;
    this.identity = identity;
    this.checkpoints = checkpoints;
    this.listener = listener;
    this.plan = new MicroBatchPlan(data.size(), cfg);
  }

  /** Optimizer steps of the whole run. */
  public long totalSteps() {
    return plan.totalSteps();
  }

  /**
   * Runs (or resumes) training of the student.
   *
   * @param manager owns the optimizer state
   */
  public TrainResult run(NDManager manager, boolean resume) throws IOException {
    TrainableWeights trainable = TrainableWeights.fullModel(student);
    return AdamWTraining.run(trainable, cfg, identity, checkpoints, listener, manager, totalSteps(),
        resume, (step, total, optimizer) -> step(manager, step, total, trainable, optimizer));
  }

  private StepResult step(NDManager manager, long step, long total, TrainableWeights trainable,
      AdamW optimizer) {
    int micro = cfg.accumulationSteps();
    double[] sums = new double[4]; // total, ce, kl, aux
    long positions = 0;
    for (int a = 0; a < micro; a++) {
      Batch batch = batch(plan.items(plan.microBatch(step, a)));
      positions += batch.positions();
      try (NDManager scope = manager.newSubManager()) {
        NDArray inputs = batch.inputArray(scope);
        NDArray teacherLogits = teacher.forward(inputs, null, null, 0, false).logits(); // no graph
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          ModelOutput out = student.forward(inputs, null, null, 0, true);
          DistillationLoss.Result r = DistillationLoss.compute(out.logits(), teacherLogits,
              batch.targetArray(scope), batch.weightArray(scope), out.auxLoss(), alpha, temperature);
          // the MoE aux loss is already inside r.loss(), weighted by alpha as MiniMind does
          sums[0] += MicroBatchGradients.backwardFinite(collector, r.loss(), null, micro,
              "distillation loss", step, a);
          sums[1] += Scalars.asDouble(r.ce());
          sums[2] += Scalars.asDouble(r.kl());
          sums[3] += out.auxLoss() == null ? 0 : Scalars.asDouble(out.auxLoss());
        }
      }
    }
    OptimizerStep.Update u = OptimizerStep.scheduled(trainable.parameters(), optimizer, cfg, step, total);
    double kl = sums[2] / micro;
    Map<String, Double> metrics = Map.of(TOTAL, sums[0] / micro, CE, sums[1] / micro, KL, kl,
        DISTILL, temperature * temperature * kl);
    return new StepResult(sums[0] / micro, sums[3] / micro, u.learningRate(), u.gradNorm(),
        positions, plan.epochOfStep(step), metrics);
  }

  private Batch batch(int[] items) {
    List<TokenizedSample> samples = new ArrayList<>(items.length);
    for (int i : items) {
      samples.add(data.get(i));
    }
    return Batch.of(samples, identity.padId());
  }
}
