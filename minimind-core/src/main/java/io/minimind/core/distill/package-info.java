/**
 * White-box knowledge distillation: a student learns from a frozen teacher's full next-token
 * distributions (not only its sampled text) on SFT data — the loss ({@link
 * io.minimind.core.distill.DistillationLoss}), the step function run by the shared training loop
 * ({@link io.minimind.core.distill.DistillTrainer}) and a run from files ({@link
 * io.minimind.core.distill.DistillRun}).
 */
package io.minimind.core.distill;
