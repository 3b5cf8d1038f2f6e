package io.minimind.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.minimind.core.checkpoint.Checkpoints;
import io.minimind.core.data.TokenizedSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reasoning SFT: the weighted loss and a short run. */
class ReasonTrainingTest {
  /** logits (2, 2, 3); row 0 weights 10 and 1, row 1 weights 0 (padding) and 1. */
  static final float[] LOGITS = {2, 0, -1, /**/ 0.5f, 1.5f, 0, /**/ 3, 1, 2, /**/ -1, 0, 1};
  static final long[] TARGETS = {0, 2, 1, 1};

  @Test
  void weightedCrossEntropyIsMiniMindsReasonLoss() {
    float[] weights = {10, 1, 0, 1};
    // by hand: −log softmax(row)[target] = log Σ exp(row) − row[target]
    double ce0 = Math.log(Math.exp(2) + Math.exp(0) + Math.exp(-1)) - 2;
    double ce1 = Math.log(Math.exp(0.5) + Math.exp(1.5) + Math.exp(0)) - 0;
    double ce3 = Math.log(Math.exp(-1) + Math.exp(0) + Math.exp(1)) - 0;
    // MiniMind: Σ w·ce over the batch divided by the number of counted targets (3), not Σ w (12)
    double expected = (10 * ce0 + ce1 + ce3) / 3;
    double plainMean = (ce0 + ce1 + ce3) / 3;
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray logits = m.create(LOGITS, new Shape(2, 2, 3));
      NDArray targets = m.create(TARGETS, new Shape(2, 2));
      double weighted = LanguageModelLoss.crossEntropy(logits, targets,
          m.create(weights, new Shape(2, 2))).getFloat();
      double plain = LanguageModelLoss.crossEntropy(logits, targets,
          m.create(new float[] {1, 1, 0, 1}, new Shape(2, 2))).getFloat();
      System.out.printf("reason loss: weighted %.6f (hand %.6f), 0/1 weights %.6f (hand %.6f)%n",
          weighted, expected, plain, plainMean);
      assertEquals(expected, weighted, 1e-5);
      assertEquals(plainMean, plain, 1e-5);
    }
  }

  @Test
  void batchCarriesTheSampleWeights() {
    TokenizedSample weighted = new TokenizedSample(new int[] {5, 6, 7, 8},
        new boolean[] {false, true, true, false}, new float[] {0, 10, 1, 0});
    TokenizedSample plain = new TokenizedSample(new int[] {5, 6, 7}, new boolean[] {false, true, true});
    Batch b = Batch.of(List.of(weighted, plain), 0);
    // position i predicts ids[i + 1]: its weight is that target's
    assertEquals(List.of(10f, 1f, 0f, 1f, 1f, 0f), boxed(b.weights()));
    assertEquals(4, b.countedTokens());
  }

  @Test
  void shortReasonRunCompletesAndWeighsTheTags(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("r1.jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      lines.add("{\"conversations\": [{\"role\": \"user\", \"content\": \"1+" + i + "=?\"},"
          + " {\"role\": \"assistant\", \"content\": \"<think>\\n1 加 " + i + "\\n</think>\\n<answer>"
          + (1 + i) + "</answer>\"}]}");
    }
    Files.write(data, lines);
    TrainConfig cfg = TrainingRunTest.quick(2);
    var reason = TrainingRun.run(new TrainingRun.Spec(TrainingRun.Mode.REASON, data,
        tmp.resolve("reason"), "tiny", TrainingRunTest.TINY, null, null, cfg, 0, false, 10),
        ProgressListener.NONE);
    var sameAsSft = TrainingRun.run(new TrainingRun.Spec(TrainingRun.Mode.REASON, data,
        tmp.resolve("reason1"), "tiny", TrainingRunTest.TINY, null, null, cfg, 0, false, 1),
        ProgressListener.NONE);
    var sft = TrainingRun.run(new TrainingRun.Spec(TrainingRun.Mode.SFT, data, tmp.resolve("sft"),
        "tiny", TrainingRunTest.TINY, null, null, cfg, 0, false), ProgressListener.NONE);
    System.out.printf("reason run: losses tagWeight 10 %s, tagWeight 1 %s, sft %s%n",
        reason.result().losses(), sameAsSft.result().losses(), sft.result().losses());
    assertTrue(reason.result().completed());
    assertTrue(Files.isRegularFile(reason.modelDir().resolve("model.safetensors")));
    assertEquals(sft.result().losses(), sameAsSft.result().losses(), "weight 1 is plain SFT");
    assertNotEquals(sft.result().losses().get(0), reason.result().losses().get(0));
    var state = Checkpoints.readState(tmp.resolve("reason/checkpoints/step-000002"));
    assertEquals("reason", state.mode());
    assertEquals("10.0", state.settingsOrEmpty().get("tag_weight"));
    var resumeOther = assertThrows(IllegalArgumentException.class, () -> TrainingRun.run(
        new TrainingRun.Spec(TrainingRun.Mode.REASON, data, tmp.resolve("reason"), "tiny",
            TrainingRunTest.TINY, null, null, TrainingRunTest.quick(3), 0, true, 5),
        ProgressListener.NONE));
    assertTrue(resumeOther.getMessage().contains("tag_weight=10.0"), resumeOther.getMessage());
  }

  private static List<Float> boxed(float[] v) {
    List<Float> out = new ArrayList<>();
    for (float f : v) {
      out.add(f);
    }
    return out;
  }
}
