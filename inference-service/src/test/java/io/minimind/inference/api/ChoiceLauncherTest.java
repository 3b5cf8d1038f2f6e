package io.minimind.inference.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minimind.core.serving.BatchedModel;
import io.minimind.core.serving.BatcherLimits;
import io.minimind.core.serving.BatcherStats;
import io.minimind.core.serving.ContinuousBatcher;
import io.minimind.core.serving.InvalidParameterException;
import io.minimind.core.serving.SamplingParams;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import io.minimind.inference.chat.ChoiceAssembler;
import io.minimind.inference.chat.ChoiceRun;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** n choices are submitted all or none: a refused one cancels those already in the batch. */
class ChoiceLauncherTest {
  static final int MAX_TOKENS = 200;

  /** Always prefers token 7 (never a stop id here); each step takes a millisecond or two. */
  static final class SlowModel implements BatchedModel {
    @Override
    public int vocabSize() {
      return 8;
    }

    @Override
    public int contextLength() {
      return 1000;
    }

    @Override
    public Sequence open(int capacity) {
      return new Sequence() {
        @Override
        public int length() {
          return 0;
        }

        @Override
        public int capacity() {
          return capacity;
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public void step(List<Sequence> sequences, List<int[]> tokens, float[][] logits) {
      for (int i = 0; i < sequences.size(); i++) {
        Arrays.fill(logits[i], 0);
        logits[i][7] = 10;
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void aRefusedChoiceCancelsTheOnesAlreadySubmitted() throws Exception {
    BatcherLimits limits = new BatcherLimits(4, 8, 10_000, 64, 64, Duration.ofMinutes(1));
    try (ContinuousBatcher batcher = new ContinuousBatcher(new SlowModel(), limits, "launcher-test");
        MiniMindTokenizer tok = MiniMindTokenizer.defaultTokenizer()) {
      InvalidParameterException refused = assertThrows(InvalidParameterException.class,
          () -> ChoiceLauncher.submit(batcher, new int[] {1, 2, 3}, 3, i -> {
            if (i == 2) {
              throw new InvalidParameterException("n", "the third choice is refused");
            }
            return SamplingParams.greedy(MAX_TOKENS, 0);
          }, i -> ChoiceAssembler.plainText(tok, List.of()), null));
      assertEquals("n", refused.param());
      long deadline = System.currentTimeMillis() + 10_000;
      BatcherStats s = batcher.stats();
      while (s.finished() < 2 && System.currentTimeMillis() < deadline) {
        Thread.sleep(5);
        s = batcher.stats();
      }
      assertEquals(2, s.finished(), "both submitted choices ended: " + s);
      assertTrue(s.generatedTokens() < MAX_TOKENS, "they were cancelled, not run out: " + s);
    }
  }

  @Test
  void eachChoiceGetsItsOwnParamsAndAssembler() {
    BatcherLimits limits = new BatcherLimits(4, 8, 10_000, 64, 64, Duration.ofMinutes(1));
    try (ContinuousBatcher batcher = new ContinuousBatcher(new SlowModel(), limits, "launcher-test");
        MiniMindTokenizer tok = MiniMindTokenizer.defaultTokenizer()) {
      List<ChoiceRun> runs = ChoiceLauncher.submit(batcher, new int[] {1}, 2,
          i -> SamplingParams.greedy(3 + i, 0), i -> ChoiceAssembler.plainText(tok, List.of()), null);
      assertEquals(3, Waiting.await(runs.get(0).done()).completionTokens());
      assertEquals(4, Waiting.await(runs.get(1).done()).completionTokens());
      assertTrue(runs.get(0).assembler() != runs.get(1).assembler());
    }
  }
}
