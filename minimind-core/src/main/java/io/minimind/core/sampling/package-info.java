/**
 * Token generation: a pure, seeded {@link io.minimind.core.sampling.Sampler} over logits, and the
 * {@link io.minimind.core.sampling.Generator} decode loop with a KV cache that the chat command
 * and the inference service use. The engine works only with token ids.
 */
package io.minimind.core.sampling;
