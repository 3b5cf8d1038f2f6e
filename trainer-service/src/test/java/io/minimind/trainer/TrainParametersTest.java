package io.minimind.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minimind.core.train.TrainConfig;
import io.minimind.contracts.messages.StageKind;
import io.minimind.core.train.TrainingRun;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Job parameters → TrainConfig: JSON number types, defaults, and errors naming the parameter. */
class TrainParametersTest {

  @Test
  void mapsEveryParameterAcceptingAnyNumberType() {
    Map<String, Object> p = new HashMap<>();
    p.put("epochs", 3L);
    p.put("batchSize", 2.0); // a whole Double is a whole number
    p.put("learningRate", 0.002);
    p.put("maxSeqLen", 32);
    p.put("accumulationSteps", 2);
    p.put("gradClip", 1);
    p.put("weightDecay", 0);
    p.put("saveInterval", 0);
    p.put("logInterval", 1);
    p.put("seed", 7L);
    p.put("shuffle", false);
    p.put("maxSteps", 4);
    p.put("keepCheckpoints", 5);
    p.put("maxBadLines", 3);
    p.put("device", "CPU");
    p.put("preset", "tiny");
    Map<String, Object> overrides = new LinkedHashMap<>();
    overrides.put("hidden_size", 32.0);
    overrides.put("rms_norm_eps", 1e-6);
    overrides.put("num_hidden_layers", 1);
    p.put("overrides", overrides);
    TrainParameters t = TrainParameters.from(TrainingRun.Mode.PRETRAIN, p);
    assertEquals(new TrainConfig(3, 2, 0.002, 32, 2, 1.0, 0.0, 0, 1, 7, false, 4, 0, 5), t.train());
    assertEquals("tiny", t.preset());
    assertEquals(List.of("hidden_size=32", "rms_norm_eps=1.0E-6", "num_hidden_layers=1"), t.overrides());
    assertEquals(3, t.maxBadLines());
    assertEquals("cpu", t.device());
    assertNull(t.tokenizerUri());
    assertEquals(List.of(), JobParameters.ignored(StageKind.PRETRAIN, p));
  }

  @Test
  void defaultsAreMiniMindsPerMode() {
    assertEquals(TrainConfig.pretrainDefaults(), TrainParameters.from(TrainingRun.Mode.PRETRAIN, Map.of()).train());
    TrainParameters sft = TrainParameters.from(TrainingRun.Mode.SFT, Map.of());
    assertEquals(TrainConfig.sftDefaults(), sft.train());
    assertEquals(TrainParameters.DEFAULT_PRESET, sft.preset());
    assertEquals(0, sft.maxBadLines());
    assertEquals(List.of("lernRate"), JobParameters.ignored(StageKind.SFT, Map.of("lernRate", 1, "epochs", 1)));
  }

  @Test
  void eachKindTakesItsDefaultsFromTheContractTable() {
    TrainParameters dpo = TrainParameters.from(StageKind.DPO, Map.of());
    assertEquals(4e-8, dpo.train().learningRate());
    assertEquals(16, dpo.train().batchSize());
    assertEquals(1e-4, TrainParameters.from(StageKind.LORA, Map.of()).train().learningRate());
    TrainConfig pre = TrainParameters.from(StageKind.PRETRAIN, Map.of()).train();
    assertEquals(32, pre.batchSize());
    assertEquals(8, pre.accumulationSteps());
    assertEquals(1, pre.epochs(), "the table's epochs, not MiniMind's script default");
    assertEquals(100, pre.saveInterval());
    assertEquals(2e-5, TrainParameters.from(StageKind.GRPO, Map.of("learningRate", 2e-5)).train().learningRate());
    // the kind's own parameters are known to it, not to another kind
    assertEquals(List.of(), JobParameters.ignored(StageKind.GRPO, Map.of("groupSize", 4, "beta", 0.1)));
    assertEquals(List.of("groupSize"), JobParameters.ignored(StageKind.DPO, Map.of("groupSize", 4, "beta", 0.1)));
  }

  @Test
  void jobParametersAreCheckedAgainstTheContractsRanges() {
    Map<String, Object> ok = JobParameters.checked(StageKind.DISTILL,
        Map.of("teacher", "models/t/v1", "preset", "tiny", "typo", 1));
    assertEquals(0.5, ok.get("alpha"), "defaults filled in");
    assertEquals("tiny", ok.get("preset"), "the planner's keys pass through");
    assertTrue(!ok.containsKey("typo"), "unknown keys are dropped");
    SpecException alpha = assertThrows(SpecException.class, () -> JobParameters.checked(StageKind.DISTILL,
        Map.of("teacher", "models/t/v1", "alpha", 1.5)));
    assertEquals("parameters.alpha", alpha.where(), alpha.getMessage());
    assertTrue(alpha.getMessage().contains("1.5"), alpha.getMessage());
    assertEquals("parameters.rank", assertThrows(SpecException.class,
        () -> JobParameters.checked(StageKind.LORA, Map.of("rank", 4096))).where());
    assertEquals("parameters.targets.0", assertThrows(SpecException.class,
        () -> JobParameters.checked(StageKind.LORA, Map.of("targets", List.of("lm_head")))).where());
    assertEquals("parameters.gamma", assertThrows(SpecException.class,
        () -> JobParameters.checked(StageKind.PPO, Map.of("gamma", 1.5))).where());
  }

  @Test
  void algorithmParametersNameTheParameter() {
    AlgorithmParameters a = new AlgorithmParameters(Map.of("beta", -1.0, "targets", List.of("q", 3),
        "rewardWeights", Map.of("length", "high"), "groupSize", 1));
    assertEquals("parameters.beta", assertThrows(SpecException.class, () -> a.number("beta", 0.1, 0.0, true)).where());
    assertEquals("parameters.targets", assertThrows(SpecException.class, () -> a.strings("targets", List.of())).where());
    assertEquals("parameters.rewardWeights.length",
        assertThrows(SpecException.class, () -> a.numberMap("rewardWeights")).where());
    assertEquals("parameters.groupSize", assertThrows(SpecException.class, () -> a.integer("groupSize", 4, 2)).where());
    assertEquals(0.5, a.number("alpha", 0.5, 0.0, false));
  }

  @Test
  void badValuesNameTheParameter() {
    assertBad(Map.of("batchSize", "32"), "parameters.batchSize", "whole number");
    assertBad(Map.of("batchSize", 0), "parameters.batchSize", ">= 1");
    assertBad(Map.of("batchSize", 2.5), "parameters.batchSize", "whole number");
    assertBad(Map.of("epochs", 3_000_000_000L), "parameters.epochs", "at most");
    assertBad(Map.of("learningRate", 0), "parameters.learningRate", "(0, 1)");
    assertBad(Map.of("learningRate", "fast"), "parameters.learningRate", "finite number");
    assertBad(Map.of("gradClip", -1.0), "parameters.gradClip", "> 0");
    assertBad(Map.of("weightDecay", -0.1), "parameters.weightDecay", ">= 0");
    assertBad(Map.of("maxSeqLen", 1), "parameters.maxSeqLen", ">= 2");
    assertBad(Map.of("shuffle", "yes"), "parameters.shuffle", "true or false");
    assertBad(Map.of("maxSteps", -1), "parameters.maxSteps", ">= 0");
    assertBad(Map.of("device", "tpu"), "parameters.device", "cpu, gpu or auto");
    assertBad(Map.of("preset", 3), "parameters.preset", "string");
    assertBad(Map.of("overrides", List.of("hidden_size=32")), "parameters.overrides", "map");
    assertBad(Map.of("overrides", Map.of("hidden_size", List.of(1))), "parameters.overrides.hidden_size", "number");
    assertBad(Map.of("tokenizerUri", 5), "parameters.tokenizerUri", "string");
  }

  private static void assertBad(Map<String, Object> p, String where, String text) {
    SpecException e = assertThrows(SpecException.class,
        () -> TrainParameters.from(TrainingRun.Mode.PRETRAIN, p), p.toString());
    assertEquals(where, e.where(), e.getMessage());
    String param = where.substring("parameters.".length());
    assertTrue(e.getMessage().contains(param), e.getMessage());
    assertTrue(e.getMessage().contains(text), e.getMessage());
  }
}
