/**
 * Preference alignment: Direct Preference Optimization (DPO) against a frozen reference model —
 * the per-sequence log-probabilities it compares ({@link io.minimind.core.align.SequenceLogProbs}),
 * its loss and rewards ({@link io.minimind.core.align.DpoLoss}), the step function run by the
 * shared training loop ({@link io.minimind.core.align.DpoTrainer}) and a run from files
 * ({@link io.minimind.core.align.DpoRun}).
 */
package io.minimind.core.align;
