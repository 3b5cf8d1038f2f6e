package io.minimind.core.nn;

import ai.djl.ndarray.NDArray;

/**
 * Per-forward inputs shared by every attention layer, built once by the model.
 *
 * @param cos RoPE cosines at each token's position, (B, T, 1, D)
 * @param sin RoPE sines, (B, T, 1, D)
 * @param mask additive attention mask (B, 1, 1, T, S): 0 where query t may attend key s, a large
 *     negative number elsewhere; null when every key is visible (single-token decode, no padding)
 */
public record AttentionContext(NDArray cos, NDArray sin, NDArray mask) {}
