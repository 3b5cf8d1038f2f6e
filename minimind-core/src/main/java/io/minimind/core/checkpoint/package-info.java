/**
 * Checkpoints on disk. A training checkpoint is a directory {@code step-000100/} holding {@code
 * model.safetensors} (MiniMind state-dict names), {@code optimizer.safetensors} (AdamW moments),
 * {@code config.json} and {@code trainer_state.json} (step, data position, seeds, run settings). It
 * is written under a temporary name and renamed when complete, so a crash never leaves a
 * half-written checkpoint; {@code latest} names the newest one.
 */
package io.minimind.core.checkpoint;
