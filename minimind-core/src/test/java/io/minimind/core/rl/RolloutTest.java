package io.minimind.core.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.minimind.core.model.MiniMindModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutTest {
  @Test
  void rolloutsStopAtTheEndTokenAndCarryThePolicysLogProbs() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = RlFixtures.model(m, 3);
      PromptSource source = RlFixtures.prompts(4, 11);
      List<RlPrompt> prompts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        prompts.add(source.get(i));
      }
      PolicyRolloutGenerator gen = new PolicyRolloutGenerator(model, m, 40, 0.8, RlFixtures.END, RlFixtures::decode);
      List<RolloutSample> a = gen.generate(prompts, 4, 1234);
      assertEquals(16, a.size());
      int finished = 0;
      for (int i = 0; i < a.size(); i++) {
        RolloutSample s = a.get(i);
        assertEquals(prompts.get(i / 4), s.prompt(), "prompt-major order");
        int[] c = s.completionIds();
        for (int t = 0; t < c.length - 1; t++) {
          assertTrue(c[t] != RlFixtures.END, "no end token before the last position");
        }
        if (s.finished()) {
          finished++;
          assertEquals(RlFixtures.END, c[c.length - 1], "the end token is kept");
        } else {
          assertEquals(40, c.length);
        }
      }
      System.out.println("finished completions: " + finished + " of 16, lengths "
          + a.stream().map(s -> Integer.toString(s.length())).toList());
      assertTrue(finished > 0 && finished < 16, "some but not all completions end early");

      // The same seed gives the same completions; another seed other ones.
      List<RolloutSample> again = gen.generate(prompts, 4, 1234);
      List<RolloutSample> other = gen.generate(prompts, 4, 1235);
      boolean differs = false;
      for (int i = 0; i < 16; i++) {
        assertArrayEquals(a.get(i).completionIds(), again.get(i).completionIds());
        differs |= !java.util.Arrays.equals(a.get(i).completionIds(), other.get(i).completionIds());
      }
      assertTrue(differs);

      // The sampling log-probs equal a full forward pass over prompt + completion.
      RolloutBatch batch = new RolloutBatch(a, RlFixtures.PAD);
      try (NDManager scope = m.newSubManager()) {
        float[] full = TokenLogProbs.of(model, batch, scope, false).logp().toFloatArray();
        double worst = 0;
        for (int i = 0; i < 16; i++) {
          float[] old = a.get(i).oldLogProbs();
          for (int t = 0; t < old.length; t++) {
            worst = Math.max(worst, Math.abs(old[t] - full[i * batch.completionLen + t]));
          }
        }
        System.out.printf("max |rollout log-prob − forward log-prob| = %.2e%n", worst);
        assertTrue(worst < 1e-4, "log-probs differ by " + worst);
      }
    }
  }

  @Test
  void theJavaEngineSamplesTheSameCompletionsAsTheDjlModel() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = RlFixtures.model(m, 4);
      PromptSource source = RlFixtures.prompts(4, 12);
      List<RlPrompt> prompts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        prompts.add(source.get(i));
      }
      List<RolloutSample> djl = new PolicyRolloutGenerator(model, m, 24, 0.8, RlFixtures.END, RlFixtures::decode)
          .generate(prompts, 4, 99);
      List<RolloutSample> engine = new EngineRolloutGenerator(model, 24, 0.8, RlFixtures.END, RlFixtures::decode, 2)
          .generate(prompts, 4, 99);
      int same = 0;
      double worst = 0;
      for (int i = 0; i < 16; i++) {
        RolloutSample a = djl.get(i);
        RolloutSample b = engine.get(i);
        if (java.util.Arrays.equals(a.completionIds(), b.completionIds())) {
          same++;
          for (int t = 0; t < a.length(); t++) {
            worst = Math.max(worst, Math.abs(a.oldLogProbs()[t] - b.oldLogProbs()[t]));
          }
        }
        assertEquals(a.finished(), b.completionIds()[b.length() - 1] == RlFixtures.END);
      }
      System.out.printf("Java engine vs DJL: %d of 16 completions identical, max log-prob difference %.2e%n",
          same, worst);
      assertEquals(16, same, "same seeds, same weights: same samples");
      assertTrue(worst < 1e-4, "log-probs differ by " + worst);
    }
  }

  @Test
  void topKOneAndATinyTopPSampleTheLikeliestToken() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = RlFixtures.model(m, 4);
      PromptSource source = RlFixtures.prompts(2, 12);
      List<RlPrompt> prompts = List.of(source.get(0), source.get(1));
      RolloutSampling greedyK = new RolloutSampling(0.8, 1, 1.0);
      RolloutSampling greedyP = new RolloutSampling(0.8, 0, 1e-6);
      List<RolloutSample> k1 = new PolicyRolloutGenerator(model, m, 16, greedyK, RlFixtures.END, RlFixtures::decode)
          .generate(prompts, 2, 1);
      List<RolloutSample> k1OtherSeed = new PolicyRolloutGenerator(model, m, 16, greedyK, RlFixtures.END,
          RlFixtures::decode).generate(prompts, 2, 2);
      List<RolloutSample> p0 = new EngineRolloutGenerator(model, 16, greedyP, RlFixtures.END, RlFixtures::decode, 2)
          .generate(prompts, 2, 3);
      List<RolloutSample> free = new PolicyRolloutGenerator(model, m, 16, 5.0, RlFixtures.END, RlFixtures::decode)
          .generate(prompts, 2, 1);
      int differ = 0;
      for (int i = 0; i < 4; i++) {
        assertArrayEquals(k1.get(i).completionIds(), k1OtherSeed.get(i).completionIds(), "row " + i);
        assertArrayEquals(k1.get(i).completionIds(), p0.get(i).completionIds(), "row " + i);
        differ += java.util.Arrays.equals(k1.get(i).completionIds(), free.get(i).completionIds()) ? 0 : 1;
        for (float lp : k1.get(i).oldLogProbs()) {
          assertTrue(lp < 0, "the old log-probs stay those of the whole distribution: " + lp);
        }
      }
      assertTrue(differ > 0, "unfiltered sampling at temperature 5 differs from the filtered rows");
    }
  }
}
