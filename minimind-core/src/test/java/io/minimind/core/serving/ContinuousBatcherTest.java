package io.minimind.core.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minimind.core.sampling.FinishReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ContinuousBatcherTest {
  /** Collects one request's tokens and how it ended. */
  static final class Collect implements GenerationListener {
    final List<Integer> tokens = new ArrayList<>();
    final CompletableFuture<FinishReason> done = new CompletableFuture<>();
    int completion;
    int stopAfter = Integer.MAX_VALUE;

    @Override
    public boolean onToken(TokenChoice token) {
      tokens.add(token.token());
      return tokens.size() < stopAfter;
    }

    @Override
    public void onFinish(FinishReason reason, int promptTokens, int completionTokens) {
      completion = completionTokens;
      done.complete(reason);
    }

    @Override
    public void onError(Throwable error) {
      done.completeExceptionally(error);
    }

    FinishReason await() throws Exception {
      return done.get(20, TimeUnit.SECONDS);
    }
  }

  private static BatcherLimits limits(int maxBatch, int maxQueued) {
    return new BatcherLimits(maxBatch, maxQueued, 100_000, 8, 12, Duration.ofMinutes(1));
  }

  private static SamplingParams sampled(int max, long seed, int... stops) {
    return new SamplingParams(0.9, 0.95, 0, 1, 0, 0, max, stops, seed, false, 0);
  }

  private static int[] prompt(int n, int salt) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = (i * 5 + salt) % FakeBatchedModel.VOCAB;
    }
    return p;
  }

  private static List<Integer> alone(int[] prompt, SamplingParams params) throws Exception {
    try (ContinuousBatcher b = new ContinuousBatcher(new FakeBatchedModel(4096), limits(1, 10), "alone")) {
      Collect c = new Collect();
      b.submit(prompt, params, c);
      c.await();
      return c.tokens;
    }
  }

  @Test
  void batchedRequestsGetExactlyTheTokensTheyGetAloneAndReallyShareSteps() throws Exception {
    int n = 12;
    List<int[]> prompts = new ArrayList<>();
    List<SamplingParams> params = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      prompts.add(prompt(3 + 7 * i, i)); // 3..80 tokens: several prefill chunks for the long ones
      params.add(i % 3 == 0 ? SamplingParams.greedy(20 + i) : sampled(20 + i, 1000 + i));
    }
    FakeBatchedModel model = new FakeBatchedModel(4096);
    List<Collect> got = new ArrayList<>();
    try (ContinuousBatcher b = new ContinuousBatcher(model, limits(16, 64), "batched")) {
      for (int i = 0; i < n; i++) {
        Collect c = new Collect();
        b.submit(prompts.get(i), params.get(i), c);
        got.add(c);
      }
      for (Collect c : got) {
        assertEquals(FinishReason.LENGTH, c.await());
      }
      BatcherStats s = b.stats();
      assertTrue(s.maxBatchSeen() >= 8, "requests shared steps: " + s);
      assertTrue(s.meanBatch() > 2, "mean batch " + s.meanBatch());
      assertEquals(n, s.finished());
    }
    for (int i = 0; i < n; i++) {
      assertEquals(alone(prompts.get(i), params.get(i)), got.get(i).tokens, "request " + i);
    }
    assertEquals(0, model.open, "every cache freed");
  }

  @Test
  void prefillIsChunkedWithinAStepBudgetSoDecodingStreamsKeepGoing() throws Exception {
    FakeBatchedModel model = new FakeBatchedModel(4096);
    model.stepDelayMillis = 2;
    try (ContinuousBatcher b = new ContinuousBatcher(model, limits(4, 10), "chunks")) {
      Collect streaming = new Collect();
      b.submit(prompt(4, 1), SamplingParams.greedy(60), streaming);
      Thread.sleep(20);
      Collect longPrompt = new Collect();
      b.submit(prompt(200, 2), SamplingParams.greedy(2), longPrompt);
      longPrompt.await();
      streaming.await();
    }
    boolean sawMixed = false;
    for (int[] counts : model.stepTokenCounts) {
      int total = 0;
      for (int c : counts) {
        assertTrue(c <= 8, "a chunk is at most prefillChunk tokens");
        total += c;
      }
      assertTrue(total <= 12 + 4, "prefill budget per step (+1 per decoding stream)");
      sawMixed |= counts.length == 2 && (counts[0] == 1 || counts[1] == 1) && total > 2;
    }
    assertTrue(sawMixed, "a decode token and a prompt chunk went in the same step");
  }

  @Test
  void stopIdsEndTheRequestWithoutBeingDeliveredAndListenersCanCancel() throws Exception {
    List<Integer> free = alone(prompt(5, 3), SamplingParams.greedy(30));
    int stop = free.get(4);
    int firstStop = free.indexOf(stop);
    try (ContinuousBatcher b = new ContinuousBatcher(new FakeBatchedModel(4096), limits(4, 10), "stop")) {
      Collect c = new Collect();
      b.submit(prompt(5, 3), SamplingParams.greedy(30, stop), c);
      assertEquals(FinishReason.STOP, c.await());
      assertEquals(free.subList(0, firstStop), c.tokens);
      assertEquals(firstStop + 1, c.completion, "the stop token counts as generated");
      Collect impatient = new Collect();
      impatient.stopAfter = 3;
      b.submit(prompt(5, 4), SamplingParams.greedy(30), impatient);
      assertEquals(FinishReason.CANCELLED, impatient.await());
      assertEquals(3, impatient.tokens.size());
    }
  }

  @Test
  void requestsBeyondContextOrQueueAreRefused() throws Exception {
    FakeBatchedModel slow = new FakeBatchedModel(64);
    slow.stepDelayMillis = 5;
    try (ContinuousBatcher b = new ContinuousBatcher(slow, limits(1, 1), "full")) {
      var e = assertThrows(InvalidParameterException.class,
          () -> b.submit(prompt(40, 1), SamplingParams.greedy(30), new Collect()));
      assertEquals("max_tokens", e.param());
      Collect running = new Collect();
      running.stopAfter = Integer.MAX_VALUE;
      b.submit(prompt(4, 1), SamplingParams.greedy(50), running);
      Thread.sleep(100); // it is admitted and runs; the next one waits in the queue
      b.submit(prompt(4, 2), SamplingParams.greedy(5), new Collect());
      assertThrows(QueueFullException.class, () -> b.submit(prompt(4, 3), SamplingParams.greedy(5), new Collect()));
      running.await();
    }
  }
}
