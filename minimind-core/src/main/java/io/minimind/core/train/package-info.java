/**
 * Training: the loop ({@link io.minimind.core.train.Trainer}), AdamW, MiniMind's learning-rate
 * schedule, gradient clipping, batching, data order and progress reporting. Checkpoint files are
 * in {@link io.minimind.core.checkpoint}.
 */
package io.minimind.core.train;
