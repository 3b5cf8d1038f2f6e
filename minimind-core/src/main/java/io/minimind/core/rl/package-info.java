/**
 * Reinforcement learning from rule rewards: GRPO, CISPO, SPO and PPO on the shared {@link
 * io.minimind.core.train.TrainingLoop}. Three swappable parts: rollout generation ({@link
 * io.minimind.core.rl.RolloutGenerator}: prompts → completions with the sampling policy's log-probs),
 * reward scoring ({@link io.minimind.core.rl.reward.RewardFunction}) and the policy update (the
 * losses and the {@code *Step} step functions). {@link io.minimind.core.rl.RlRun} runs one from files.
 * Formulas and defaults: docs/rl.md.
 */
package io.minimind.core.rl;
