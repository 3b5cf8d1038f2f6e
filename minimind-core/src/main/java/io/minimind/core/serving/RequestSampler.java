package io.minimind.core.serving;

import io.minimind.core.sampling.GenerationConfig;
import io.minimind.core.sampling.Rng;
import io.minimind.core.sampling.Sampler;

/**
 * Samples one request's tokens: OpenAI's presence and frequency penalties over the tokens this
 * request generated, then the core {@link Sampler} (repetition penalty over prompt and output,
 * temperature, top-k, top-p) with the request's own seeded {@link Rng} — so a request samples the
 * same tokens whether it runs alone or batched with others. Buffers are allocated once per
 * request; nothing per token except the (rare) top-logprob arrays.
 */
public final class RequestSampler {
  private final SamplingParams params;
  private final GenerationConfig config;
  private final Sampler sampler;
  private final Rng rng;
  private final float[] adjusted;
  private final int[] generatedCounts;
  private final int[] history; // prompt then generated tokens, for the repetition penalty
  private int historyLength;

  public RequestSampler(SamplingParams params, int vocabSize, int[] prompt) {
    this.params = params;
    this.config = params.generationConfig();
    this.sampler = new Sampler(vocabSize);
    this.rng = new Rng(params.seed());
    this.adjusted = new float[vocabSize];
    this.generatedCounts = new int[vocabSize];
    this.history = new int[prompt.length + params.maxTokens()];
    System.arraycopy(prompt, 0, history, 0, prompt.length);
    this.historyLength = prompt.length;
  }

  /** Picks the next token from {@code logits} (V) and records it. */
  public TokenChoice next(float[] logits) {
    System.arraycopy(logits, 0, adjusted, 0, adjusted.length);
    if (params.presencePenalty() != 0 || params.frequencyPenalty() != 0) {
      for (int t = 0; t < adjusted.length; t++) {
        int c = generatedCounts[t];
        if (c > 0) {
          adjusted[t] -= (float) (params.presencePenalty() + params.frequencyPenalty() * c);
        }
      }
    }
    int token = sampler.sample(adjusted, history, historyLength, config, rng);
    TokenChoice choice = params.logprobs() ? Logprobs.of(adjusted, token, params.topLogprobs())
        : new TokenChoice(token, Float.NaN, new int[0], new float[0]);
    generatedCounts[token]++;
    if (historyLength < history.length) {
      history[historyLength++] = token;
    }
    return choice;
  }
}
