package io.minimind.core.sampling;

/**
 * One generated sequence.
 *
 * @param tokens generated ids (the stop id included when the reason is STOP)
 * @param promptTokens length of the prompt
 * @param reason why generation ended
 */
public record GenerationResult(int[] tokens, int promptTokens, FinishReason reason) {}
