package io.minimind.core.lora;

import static io.minimind.core.lora.LoraFixtures.logits;
import static io.minimind.core.lora.LoraFixtures.maxDiff;
import static io.minimind.core.lora.LoraFixtures.model;
import static io.minimind.core.lora.LoraFixtures.tiny;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.minimind.core.model.MiniMindModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Attaching, merging and detaching adapters; isolation between models. */
class LoraAdaptersTest {
  static final LoraConfig ALL = new LoraConfig(4, 8, List.of(LoraTarget.values()));

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void mergedModelComputesTheAdaptedLogits(boolean moe) {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = model(m, tiny(moe), 3);
      float[] base = logits(model, m);
      LoraAdapters adapters = LoraAdapters.attach(model, ALL, m);
      // 2 layers × (4 attention + 3 MLP projections), MLP projections once per expert for MoE
      int perLayer = 4 + 3 * (moe ? 3 + 1 : 1);
      assertEquals(2 * perLayer, adapters.byWeight().size());
      float[] fresh = logits(model, m);
      assertArrayEquals(base, fresh, "B = 0: a fresh adapter changes nothing");
      LoraFixtures.randomizeB(adapters, m);
      float[] adapted = logits(model, m);
      adapters.merge();
      assertTrue(model.adapters().isEmpty(), "merge detaches");
      float[] merged = logits(model, m);
      double effect = maxDiff(base, adapted);
      double mergeError = maxDiff(adapted, merged);
      System.out.printf("lora merge (moe=%s): adapters move logits by up to %.4f; merged vs"
          + " adapted max |diff| %.2e%n", moe, effect, mergeError);
      assertTrue(effect > 1e-2, "the adapters must change the logits for this test to mean anything");
      assertTrue(mergeError < 1e-5, "merged logits differ by " + mergeError);
    }
  }

  @Test
  void detachRestoresThePlainModelBitForBit() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = model(m, tiny(false), 4);
      float[] before = logits(model, m);
      LoraAdapters adapters = LoraAdapters.attach(model, ALL, m);
      LoraFixtures.randomizeB(adapters, m);
      assertFalse(java.util.Arrays.equals(before, logits(model, m)));
      adapters.detach();
      assertArrayEquals(before, logits(model, m));
      assertTrue(model.parameters().values().stream().allMatch(p -> p.requiresGradient()),
          "base parameters are trainable again");
      assertThrows(IllegalStateException.class, adapters::merge);
    }
  }

  @Test
  void twoModelsInOneJvmDoNotSeeEachOthersAdapters() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel policy = model(m, tiny(false), 5);
      MiniMindModel reference = model(m, tiny(false), 5); // same weights
      float[] referenceBefore = logits(reference, m);
      assertArrayEquals(referenceBefore, logits(policy, m));
      LoraAdapters adapters = LoraAdapters.attach(policy, ALL, m);
      LoraFixtures.randomizeB(adapters, m);
      double moved = maxDiff(referenceBefore, logits(policy, m));
      System.out.printf("lora isolation: policy moved by %.4f, reference by %.1e%n", moved,
          maxDiff(referenceBefore, logits(reference, m)));
      assertTrue(moved > 1e-2);
      assertArrayEquals(referenceBefore, logits(reference, m), "the reference has no adapters");
      assertTrue(reference.adapters().isEmpty());
      assertTrue(reference.parameters().values().stream().allMatch(p -> p.requiresGradient()),
          "freezing the policy's base leaves the reference alone");
    }
  }

  @Test
  void targetsSelectProjections() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = model(m, tiny(false), 6);
      LoraAdapters adapters = LoraAdapters.attach(model,
          new LoraConfig(2, 2, List.of(LoraTarget.O, LoraTarget.Q, LoraTarget.Q)), m);
      assertEquals(List.of("model.layers.0.self_attn.q_proj.weight",
          "model.layers.0.self_attn.o_proj.weight", "model.layers.1.self_attn.q_proj.weight",
          "model.layers.1.self_attn.o_proj.weight"), adapters.adaptedWeights());
      assertEquals(List.of(LoraTarget.Q, LoraTarget.O), adapters.config().targets());
      String a = "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight";
      assertEquals(List.of(2L, 64L), List.of(adapters.parameters().get(a).getShape().get(0),
          adapters.parameters().get(a).getShape().get(1)));
      assertThrows(IllegalStateException.class, () -> LoraAdapters.attach(model, ALL, m),
          "a second set on the same model");
    }
  }

  @Test
  void badSettingsAreClearErrors() {
    var rank = assertThrows(IllegalArgumentException.class,
        () -> new LoraConfig(0, 16, LoraConfig.DEFAULT_TARGETS));
    assertTrue(rank.getMessage().contains("rank must be >= 1, got 0"), rank.getMessage());
    var alpha = assertThrows(IllegalArgumentException.class,
        () -> new LoraConfig(8, 0, LoraConfig.DEFAULT_TARGETS));
    assertTrue(alpha.getMessage().contains("alpha"), alpha.getMessage());
    var target = assertThrows(IllegalArgumentException.class,
        () -> LoraConfig.parseTargets(List.of("q", "qkv")));
    assertTrue(target.getMessage().contains("unknown LoRA target 'qkv'; targets are q, k, v, o,"
        + " gate, up, down"), target.getMessage());
    var none = assertThrows(IllegalArgumentException.class, () -> new LoraConfig(8, 16, List.of()));
    assertTrue(none.getMessage().contains("targets"), none.getMessage());
    System.out.println("lora bad settings: " + rank.getMessage() + " | " + target.getMessage());
  }
}
