/**
 * Neural-network blocks of the MiniMind decoder, one DJL {@link ai.djl.nn.AbstractBlock} per
 * layer: {@link io.minimind.core.nn.RmsNorm}, {@link io.minimind.core.nn.CausalSelfAttention},
 * {@link io.minimind.core.nn.SwiGluMlp}, {@link io.minimind.core.nn.MoeFeedForward} and {@link
 * io.minimind.core.nn.DecoderLayer}. Shapes use B batch, T new tokens, S attended tokens (cache +
 * new), d hidden, H query heads, K key/value heads, G = H/K, D head dim, V vocabulary.
 */
package io.minimind.core.nn;
