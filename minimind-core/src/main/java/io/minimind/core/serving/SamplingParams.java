package io.minimind.core.serving;

import io.minimind.core.sampling.GenerationConfig;

/**
 * How one request samples, in OpenAI's terms; messages name the OpenAI parameter so the API can
 * pass them on as 400 errors unchanged.
 *
 * @param temperature 0 = greedy; (0, 2]
 * @param topP nucleus mass, (0, 1]
 * @param topK 0 = off
 * @param repetitionPenalty HF-style multiplicative penalty over prompt and output (1 = off)
 * @param presencePenalty OpenAI: subtracted once from the logit of every token already generated
 * @param frequencyPenalty OpenAI: subtracted per occurrence in the generated tokens
 * @param maxTokens tokens to generate at most
 * @param stopIds generation ends after any of these (the id is not part of the returned text)
 * @param seed seeds this request's sampler: equal seeds give equal output, alone or batched
 * @param logprobs report the chosen token's log-probability
 * @param topLogprobs also the k most likely alternatives (0..20)
 */
public record SamplingParams(double temperature, double topP, int topK, double repetitionPenalty,
    double presencePenalty, double frequencyPenalty, int maxTokens, int[] stopIds, long seed,
    boolean logprobs, int topLogprobs) {

  public static final int MAX_TOP_LOGPROBS = 20;

  public SamplingParams {
    check(temperature >= 0 && temperature <= 2, "temperature", "must be in [0, 2]", temperature);
    check(topP > 0 && topP <= 1, "top_p", "must be in (0, 1]", topP);
    check(topK >= 0, "top_k", "must be >= 0", topK);
    check(repetitionPenalty > 0 && repetitionPenalty <= 10, "repetition_penalty", "must be in (0, 10]",
        repetitionPenalty);
    check(presencePenalty >= -2 && presencePenalty <= 2, "presence_penalty", "must be in [-2, 2]",
        presencePenalty);
    check(frequencyPenalty >= -2 && frequencyPenalty <= 2, "frequency_penalty", "must be in [-2, 2]",
        frequencyPenalty);
    check(maxTokens >= 1, "max_tokens", "must be >= 1", maxTokens);
    check(topLogprobs >= 0 && topLogprobs <= MAX_TOP_LOGPROBS, "top_logprobs",
        "must be in [0, " + MAX_TOP_LOGPROBS + "]", topLogprobs);
    check(topLogprobs == 0 || logprobs, "top_logprobs", "needs logprobs: true", topLogprobs);
    stopIds = stopIds == null ? new int[0] : stopIds.clone();
  }

  /** Greedy decoding of up to {@code maxTokens}. */
  public static SamplingParams greedy(int maxTokens, int... stopIds) {
    return new SamplingParams(0, 1, 0, 1, 0, 0, maxTokens, stopIds, 0, false, 0);
  }

  /** The core sampler's view (temperature, top-k, top-p, repetition penalty, seed). */
  GenerationConfig generationConfig() {
    return new GenerationConfig(maxTokens, temperature, topK, topP, repetitionPenalty, stopIds, seed);
  }

  public boolean isStop(int token) {
    for (int s : stopIds) {
      if (s == token) {
        return true;
      }
    }
    return false;
  }

  private static void check(boolean ok, String param, String rule, Object value) {
    if (!ok) {
      throw new InvalidParameterException(param, param + " " + rule + ", got " + value);
    }
  }
}
