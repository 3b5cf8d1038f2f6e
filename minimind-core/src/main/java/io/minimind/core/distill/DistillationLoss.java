package io.minimind.core.distill;

import ai.djl.ndarray.NDArray;
import io.minimind.core.nn.GraphConstants;
import io.minimind.core.train.LanguageModelLoss;

/**
 * MiniMind's distillation objective ({@code train_distillation.py}):
 *
 * <pre>
 *   loss = α·CE(student, labels) + (1 − α)·T²·KL(p_teacher,T ‖ p_student,T)
 * </pre>
 *
 * where p_·,T = softmax(logits / T). Both terms cover only the positions whose target is a
 * response token (weight 1). How MiniMind reduces them, followed here:
 *
 * <ul>
 *   <li>CE is the mean over those positions ({@code sum(ce · mask) / mask.sum()});
 *   <li>KL is {@code F.kl_div(log q_s, p_t, reduction='batchmean')} over the masked positions'
 *       rows: Σ over positions and vocabulary of p_t·(log p_t − log q_s), divided by the number of
 *       positions — the per-position KL averaged over positions, not over vocabulary entries;
 *   <li>T² keeps the soft-target gradients' scale independent of T (Hinton et al., 2015);
 *   <li>an MoE student's load-balancing loss is added to CE, inside the α weight.
 * </ul>
 */
public final class DistillationLoss {
  private DistillationLoss() {}

  /**
   * @param loss scalar objective, in the student's autograd graph
   * @param ce masked mean cross-entropy of the student on the labels
   * @param kl masked mean KL(p_teacher,T ‖ p_student,T), before the T² factor
   */
  public record Result(NDArray loss, NDArray ce, NDArray kl) {}

  /**
   * @param student (B, T, V) student logits
   * @param teacher (B, T, V) teacher logits, without gradient
   * @param targets (B, T) int64 labels
   * @param weights (B, T) 1 where the position counts
   * @param auxLoss the student's MoE auxiliary loss, or null
   * @param alpha CE weight in [0, 1]
   * @param temperature softmax temperature T > 0
   */
  public static Result compute(NDArray student, NDArray teacher, NDArray targets, NDArray weights,
      NDArray auxLoss, double alpha, double temperature) {
    check(student, teacher, alpha, temperature);
    NDArray ce = LanguageModelLoss.crossEntropy(student, targets, weights); // scalar
    NDArray kl = kl(student, teacher, weights, temperature); // scalar
    NDArray supervised = auxLoss == null ? ce : ce.add(auxLoss);
    NDArray loss = supervised.mul(GraphConstants.scalar(ce, alpha))
        .add(kl.mul(GraphConstants.scalar(kl, (1 - alpha) * temperature * temperature)));
    return new Result(loss, ce, kl);
  }

  /**
   * Σ_positions w·Σ_v p_t(v)·(log p_t(v) − log q_s(v)) / Σ w, with p_t = softmax(teacher/T) and
   * q_s = softmax(student/T); 0 when no position counts.
   */
  public static NDArray kl(NDArray student, NDArray teacher, NDArray weights, double temperature) {
    NDArray teacherScaled = teacher.div(GraphConstants.scalar(teacher, temperature)); // (B, T, V)
    NDArray logP = teacherScaled.logSoftmax(-1); // (B, T, V) teacher, no gradient
    NDArray p = logP.exp(); // (B, T, V)
    NDArray logQ = student.div(GraphConstants.scalar(student, temperature)).logSoftmax(-1);
    NDArray perPosition = p.mul(logP.sub(logQ)).sum(new int[] {-1}); // (B, T)
    NDArray w = weights.toType(student.getDataType(), false); // (B, T)
    return perPosition.mul(w).sum().div(w.sum().maximum(1)); // scalar
  }

  private static void check(NDArray student, NDArray teacher, double alpha, double temperature) {
    if (!student.getShape().equals(teacher.getShape())) {
      throw new IllegalArgumentException("student logits " + student.getShape()
          + " and teacher logits " + teacher.getShape() + " differ; distillation needs the same"
          + " batch and vocabulary");
    }
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
    }
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be a positive number, got " + temperature);
    }
  }
}
