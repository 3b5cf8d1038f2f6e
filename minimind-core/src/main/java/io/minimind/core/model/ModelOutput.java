package io.minimind.core.model;

import ai.djl.ndarray.NDArray;

/**
 * What one forward pass returns.
 *
 * @param logits (B, T', V) where T' = logitsToKeep (or T when 0)
 * @param auxLoss MoE load-balancing loss summed over layers (scalar), or null
 */
public record ModelOutput(NDArray logits, NDArray auxLoss) {}
