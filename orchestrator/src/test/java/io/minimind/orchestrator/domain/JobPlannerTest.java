package io.minimind.orchestrator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minimind.contracts.Topics;
import io.minimind.contracts.messages.StageJob;
import io.minimind.contracts.messages.StageKind;
import io.minimind.contracts.spec.ModelSpec;
import io.minimind.contracts.spec.PipelineSpec;
import io.minimind.contracts.spec.RetryPolicy;
import io.minimind.contracts.spec.StageSpec;
import io.minimind.contracts.spec.TokenizerSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobPlannerTest {
  private static final Path ROOT = Path.of("/srv/artifacts");
  private static final String PID = "7d1f0c2e-0000-4000-8000-000000000001";
  private final JobPlanner planner = new JobPlanner(new ArtifactRoot(ROOT));

  private static PipelineSpec spec(TokenizerSpec tokenizer, StageSpec... stages) {
    return new PipelineSpec("p", new ModelSpec("tiny", Map.of("hidden_size", 64), null), tokenizer,
        Map.of("pre", "datasets/pre.jsonl", "sft", "datasets/sft.jsonl"), List.of(stages),
        RetryPolicy.defaults());
  }

  private static StageSpec stage(String id, StageKind kind, String dataset, String from,
      Map<String, Object> params) {
    return new StageSpec(id, kind, dataset, from, params);
  }

  @Test
  void firstTrainingStageStartsFromThePresetAndWritesToItsAttemptDirectory() {
    PipelineSpec s = spec(TokenizerSpec.minimind(),
        stage("pretrain", StageKind.PRETRAIN, "pre", null, Map.of("epochs", 1L)));
    JobPlanner.Planned p = planner.plan(PID, s, 0, 1, Map.of(), null);
    StageJob job = p.job();
    assertEquals(Topics.STAGE_REQUESTS, p.topic());
    assertEquals(List.of("file:///srv/artifacts/datasets/pre.jsonl"), job.inputUris());
    assertEquals("tiny", job.parameters().get("preset"));
    assertEquals(Map.of("hidden_size", 64), job.parameters().get("overrides"));
    assertEquals(1L, job.parameters().get("epochs"));
    assertEquals("file:///srv/artifacts/pipelines/" + PID + "/pretrain/attempt-1", job.outputUri());
    assertNull(job.resumeFrom());
    assertTrue(!job.parameters().containsKey("tokenizerUri"));
  }

  @Test
  void laterStagesContinueFromThePreviousModelAndRetriesResume() {
    PipelineSpec s = spec(TokenizerSpec.minimind(),
        stage("pretrain", StageKind.PRETRAIN, "pre", null, Map.of()),
        stage("sft", StageKind.SFT, "sft", null, Map.of("device", "gpu")),
        stage("publish", StageKind.PUBLISH, null, null, Map.of("modelName", "m")));
    Map<String, List<String>> outputs = Map.of("pretrain", List.of("file:///srv/artifacts/a/model"),
        "sft", List.of("file:///srv/artifacts/b/model"));
    JobPlanner.Planned sft = planner.plan(PID, s, 1, 2, outputs, "file:///srv/artifacts/ck/step-000004");
    assertEquals(List.of("file:///srv/artifacts/datasets/sft.jsonl", "file:///srv/artifacts/a/model"),
        sft.job().inputUris());
    assertTrue(!sft.job().parameters().containsKey("preset"), "a continued model keeps its architecture");
    assertEquals(2, sft.job().attempt());
    assertEquals("file:///srv/artifacts/ck/step-000004", sft.job().resumeFrom());
    assertEquals(Topics.STAGE_REQUESTS_GPU, sft.topic(), "device: gpu goes to GPU workers only");
    JobPlanner.Planned pub = planner.plan(PID, s, 2, 1, outputs, null);
    assertEquals(List.of("file:///srv/artifacts/b/model"), pub.job().inputUris());
  }

  @Test
  void fromModelRestartsFromTheSpecAndFromAStageIdPicksThatStage() {
    PipelineSpec s = spec(TokenizerSpec.minimind(),
        stage("pretrain", StageKind.PRETRAIN, "pre", null, Map.of()),
        stage("sft", StageKind.SFT, "sft", null, Map.of()),
        stage("fresh", StageKind.PRETRAIN, "pre", StageSpec.FROM_MODEL_SPEC, Map.of()),
        stage("sft2", StageKind.SFT, "sft", "pretrain", Map.of()));
    Map<String, List<String>> outputs = Map.of("pretrain", List.of("file:///srv/artifacts/a/model"),
        "sft", List.of("file:///srv/artifacts/b/model"), "fresh", List.of("file:///srv/artifacts/c/model"));
    assertEquals("tiny", planner.plan(PID, s, 2, 1, outputs, null).job().parameters().get("preset"));
    assertEquals("file:///srv/artifacts/a/model", planner.plan(PID, s, 3, 1, outputs, null).job().inputUris().get(1));
  }

  @Test
  void shardsOfAnEarlierTokenizeStageReplaceTheRawDatasetAndTheTrainedTokenizerIsPassedOn() {
    PipelineSpec s = spec(new TokenizerSpec(TokenizerSpec.STAGE, null, "tok"),
        stage("tok", StageKind.TOKENIZER_TRAIN, "pre", null, Map.of()),
        stage("shards", StageKind.TOKENIZE_DATASET, "pre", null, Map.of()),
        stage("pretrain", StageKind.PRETRAIN, "pre", null, Map.of()));
    Map<String, List<String>> outputs = Map.of("tok", List.of("file:///srv/artifacts/t/"),
        "shards", List.of("file:///srv/artifacts/s/"));
    StageJob tok = planner.plan(PID, s, 0, 1, Map.of(), null).job();
    assertTrue(!tok.parameters().containsKey("tokenizerUri"), "the tokenizer stage makes it");
    StageJob shards = planner.plan(PID, s, 1, 1, outputs, null).job();
    assertEquals(List.of("file:///srv/artifacts/datasets/pre.jsonl"), shards.inputUris());
    assertEquals("file:///srv/artifacts/t/", shards.parameters().get("tokenizerUri"));
    StageJob pre = planner.plan(PID, s, 2, 1, outputs, null).job();
    assertEquals(List.of("file:///srv/artifacts/s/"), pre.inputUris());
    assertEquals("file:///srv/artifacts/t/", pre.parameters().get("tokenizerUri"));
  }

  @Test
  void pathsLeavingTheRootAreRejectedWithThePointer() {
    ArtifactRoot root = new ArtifactRoot(ROOT);
    var e = assertThrows(ArtifactRoot.OutsideRootException.class,
        () -> root.underRoot("../etc/passwd", "/datasets/x"));
    assertEquals("/datasets/x", e.pointer());
    assertThrows(ArtifactRoot.OutsideRootException.class, () -> root.underRoot("/etc/passwd", "/d"));
    assertThrows(ArtifactRoot.OutsideRootException.class, () -> root.fromUri("file:///etc/passwd", "u"));
    assertThrows(ArtifactRoot.OutsideRootException.class, () -> root.fromUri("http://x/y", "u"));
    assertEquals(ROOT.resolve("datasets/a.jsonl"), root.underRoot("datasets/./a.jsonl", "/d"));
  }
}
