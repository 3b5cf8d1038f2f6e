/**
 * Reward functions: MiniMind's rule rewards (length, thinking format, repetition), a target-token
 * reward for tests, and their weighted sum by the pipeline's {@code rewardWeights}.
 */
package io.minimind.core.rl.reward;
