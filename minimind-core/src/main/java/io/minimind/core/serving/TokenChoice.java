package io.minimind.core.serving;

/**
 * A sampled token and, when asked for, its log-probability and the most likely alternatives.
 *
 * @param token the chosen id
 * @param logprob log-probability of {@code token} under the model's distribution after the
 *     presence/frequency penalties and before temperature and truncation (NaN when not requested)
 * @param topIds the {@code top_logprobs} most likely ids, most likely first (empty when not requested)
 * @param topLogprobs their log-probabilities
 */
public record TokenChoice(int token, float logprob, int[] topIds, float[] topLogprobs) {}
