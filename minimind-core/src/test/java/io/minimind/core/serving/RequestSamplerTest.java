package io.minimind.core.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RequestSamplerTest {
  private static SamplingParams params(double temperature, double presence, double frequency,
      boolean logprobs, int top, long seed) {
    return new SamplingParams(temperature, 1, 0, 1, presence, frequency, 16, new int[0], seed, logprobs, top);
  }

  @Test
  void logprobsAreTheLogSoftmaxAndTopAlternativesComeMostLikelyFirst() {
    // logits (ln 1, ln 2, ln 3, ln 4): probabilities 0.1, 0.2, 0.3, 0.4.
    float[] logits = {0f, (float) Math.log(2), (float) Math.log(3), (float) Math.log(4)};
    TokenChoice c = new RequestSampler(params(0, 0, 0, true, 2, 0), 4, new int[0]).next(logits);
    assertEquals(3, c.token());
    assertEquals(Math.log(0.4), c.logprob(), 1e-6);
    assertArrayEquals(new int[] {3, 2}, c.topIds());
    assertEquals(Math.log(0.3), c.topLogprobs()[1], 1e-6);
  }

  @Test
  void presenceAndFrequencyPenaltiesLowerTokensAlreadyGenerated() {
    float[] logits = {0f, 1.0f, 0.5f};
    RequestSampler presence = new RequestSampler(params(0, 0.8, 0, false, 0, 0), 3, new int[0]);
    assertEquals(1, presence.next(logits).token());
    assertEquals(2, presence.next(logits).token(), "1.0 - 0.8 < 0.5");
    RequestSampler frequency = new RequestSampler(params(0, 0, 0.3, false, 0, 0), 3, new int[0]);
    assertEquals(1, frequency.next(logits).token());
    assertEquals(1, frequency.next(logits).token(), "1.0 - 0.3 > 0.5");
    assertEquals(2, frequency.next(logits).token(), "1.0 - 0.6 < 0.5");
    RequestSampler none = new RequestSampler(params(0, 0, 0, false, 0, 0), 3, new int[0]);
    none.next(logits);
    assertEquals(1, none.next(logits).token());
  }

  @Test
  void equalSeedsSampleEqualTokens() {
    float[] logits = new float[50];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) Math.sin(i);
    }
    RequestSampler a = new RequestSampler(params(1.0, 0, 0, false, 0, 42), 50, new int[0]);
    RequestSampler b = new RequestSampler(params(1.0, 0, 0, false, 0, 42), 50, new int[0]);
    for (int i = 0; i < 16; i++) {
      assertEquals(a.next(logits).token(), b.next(logits).token());
    }
  }

  @Test
  void outOfRangeParametersNameTheOpenAiParameter() {
    var e = assertThrows(InvalidParameterException.class, () -> params(3, 0, 0, false, 0, 0));
    assertEquals("temperature", e.param());
    e = assertThrows(InvalidParameterException.class, () -> params(1, 0, 0, false, 3, 0));
    assertEquals("top_logprobs", e.param());
    e = assertThrows(InvalidParameterException.class, () -> params(1, 2.5, 0, false, 0, 0));
    assertEquals("presence_penalty", e.param());
  }
}
