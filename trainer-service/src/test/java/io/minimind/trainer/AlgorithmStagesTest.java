package io.minimind.trainer;

import static io.minimind.trainer.TestJobs.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minimind.contracts.messages.ErrorClass;
import io.minimind.contracts.messages.StageCompleted;
import io.minimind.contracts.messages.StageFailed;
import io.minimind.contracts.messages.StageJob;
import io.minimind.contracts.messages.StageKind;
import io.minimind.contracts.messages.StageProgress;
import io.minimind.contracts.spec.StageParameters;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every training kind past SFT as a stage of the worker: each job starts from a tiny pretrained
 * model, runs two steps, reports its algorithm's metrics in progress events and completes with a
 * model directory (LoRA also with its adapter). Errors in the algorithm's parameters are SPEC
 * failures naming the parameter.
 */
@QuarkusTest
@QuarkusTestResource(value = InMemoryChannels.class, restrictToAnnotatedClass = true)
class AlgorithmStagesTest {
  private static Path dir;
  private static String base;

  @Inject
  @Any
  InMemoryConnector connector;

  @BeforeAll
  static void data() throws Exception {
    dir = TestJobs.datasetDir();
  }

  @Test
  void eachAlgorithmRunsAsAStage() throws Exception {
    String pl = "pl-" + UUID.randomUUID();
    String model = baseModel(pl);
    String sft = TestJobs.sftData(dir).toUri().toString();

    Map<String, Object> lora = refineParams();
    lora.put("rank", 2);
    lora.put("alpha", 4.0);
    lora.put("targets", List.of("q", "v"));
    StageCompleted loraDone = run(pl, StageKind.LORA, lora, List.of(sft, model), "loss");
    assertEquals(2, loraDone.outputUris().size(), "merged model and adapter: " + loraDone);
    assertTrue(Files.isRegularFile(path(loraDone.outputUris().get(0)).resolve("model.safetensors")));
    assertTrue(Files.list(path(loraDone.outputUris().get(1))).findAny().isPresent(), "adapter files");
    assertTrue(loraDone.metrics().get("parameters") < loraDone.metrics().get("baseParameters"),
        "only adapters train: " + loraDone.metrics());

    Map<String, Object> dpo = refineParams();
    dpo.put("precomputeReference", true);
    dpo.put("learningRate", 1e-4);
    run(pl, StageKind.DPO, dpo, List.of(dpoData(), model), "margin");

    run(pl, StageKind.REASON, refineParams(), List.of(reasonData(), model), "loss");

    Map<String, Object> distill = TestJobs.tinyParams(2);
    distill.put("teacher", TestJobs.ROOT.relativize(path(model)).toString());
    run(pl, StageKind.DISTILL, distill, List.of(sft), "kl");

    for (StageKind kind : List.of(StageKind.GRPO, StageKind.CISPO, StageKind.SPO, StageKind.PPO)) {
      run(pl, kind, rlParams(), List.of(rlaifData(), model), "reward_mean");
    }
  }

  @Test
  void algorithmParameterErrorsNameTheParameter() throws Exception {
    String pl = "pl-" + UUID.randomUUID();
    String sft = TestJobs.sftData(dir).toUri().toString();
    StageFailed noBase = fail(pl, "lora-no-base", StageKind.LORA, refineParams(), List.of(sft));
    assertEquals("inputUris[1]", noBase.where(), noBase.toString());

    String model = baseModel(pl);
    Map<String, Object> badTarget = refineParams();
    badTarget.put("targets", List.of("q", "lm_head"));
    StageFailed target = fail(pl, "lora-target", StageKind.LORA, badTarget, List.of(sft, model));
    assertTrue(target.where().startsWith("parameters.targets") && target.message().contains("lm_head"),
        target.toString());

    Map<String, Object> badReward = rlParams();
    badReward.put("rewardWeights", Map.of("nope", 1.0));
    StageFailed reward = fail(pl, "grpo-reward", StageKind.GRPO, badReward, List.of(rlaifData(), model));
    assertEquals("parameters.rewardWeights.nope", reward.where(), reward.toString());

    Map<String, Object> noTeacher = TestJobs.tinyParams(2);
    noTeacher.put("teacher", "../outside");
    StageFailed teacher = fail(pl, "distill-teacher", StageKind.DISTILL, noTeacher, List.of(sft));
    assertEquals("parameters.teacher", teacher.where(), teacher.toString());
  }

  /** A 4-step tiny pretrained model, shared by the stages of one test. */
  private String baseModel(String pl) throws Exception {
    if (base == null) {
      StageJob pre = job(pl, "pretrain", 1, StageKind.PRETRAIN, TestJobs.tinyParams(4),
          List.of(TestJobs.pretrainData(dir).toUri().toString()), null);
      ev().send(pre);
      base = ev().await(pre, StageCompleted.class).outputUris().get(0);
    }
    return base;
  }

  private StageCompleted run(String pl, StageKind kind, Map<String, Object> params, List<String> inputs,
      String metric) throws Exception {
    StageJob job = job(pl, kind.wireName(), 1, kind, withContractDefaults(kind, params), inputs, null);
    ev().send(job);
    StageCompleted done = ev().await(job, StageCompleted.class);
    List<StageProgress> progress = ev().of(job, StageProgress.class);
    assertEquals(List.of(1L, 2L), progress.stream().map(StageProgress::step).toList(), kind + ": " + progress);
    assertTrue("loss".equals(metric) || progress.get(0).metrics().containsKey(metric),
        kind + " reports " + metric + ": " + progress.get(0));
    Path out = path(done.outputUris().get(0));
    assertEquals(Path.of(URI.create(job.outputUri())).resolve("model"), out);
    assertTrue(Files.isRegularFile(out.resolve("model.safetensors")), kind + " wrote " + out);
    assertEquals(2.0, done.metrics().get("steps"), kind + ": " + done);
    return done;
  }

  private StageFailed fail(String pl, String stage, StageKind kind, Map<String, Object> params,
      List<String> inputs) throws Exception {
    StageJob job = job(pl, stage, 1, kind, withContractDefaults(kind, params), inputs, null);
    ev().send(job);
    StageFailed f = ev().await(job, StageFailed.class);
    assertEquals(ErrorClass.SPEC, f.errorClass(), f.toString());
    return f;
  }

  /** The job's parameters as the orchestrator sends them: the table's defaults filled in. */
  private static Map<String, Object> withContractDefaults(StageKind kind, Map<String, Object> params) {
    Map<String, Object> all = new HashMap<>(StageParameters.defaults(kind));
    all.putAll(params);
    return all;
  }

  /** Parameters of a stage that starts from the base model: no preset, two steps. */
  private static Map<String, Object> refineParams() {
    Map<String, Object> p = TestJobs.tinyParams(2);
    p.remove("preset");
    p.remove("overrides");
    return p;
  }

  private static Map<String, Object> rlParams() {
    Map<String, Object> p = refineParams();
    p.put("groupSize", 2);
    p.put("maxNewTokens", 4);
    p.put("maxSeqLen", 64);
    p.put("rewardWeights", Map.of("length", 1.0, "repetition", 1.0));
    p.put("topK", 50); // MiniMind's rollout filter
    p.put("topP", 0.85);
    return p;
  }

  private static String dpoData() throws Exception {
    return Files.write(dir.resolve("dpo.jsonl"), List.of(
        "{\"chosen\": [{\"role\": \"user\", \"content\": \"静夜思的作者是谁？\"}, {\"role\": \"assistant\", \"content\": \"李白。\"}],"
            + " \"rejected\": [{\"role\": \"user\", \"content\": \"静夜思的作者是谁？\"}, {\"role\": \"assistant\", \"content\": \"杜甫。\"}]}",
        "{\"chosen\": [{\"role\": \"user\", \"content\": \"你好\"}, {\"role\": \"assistant\", \"content\": \"你好！\"}],"
            + " \"rejected\": [{\"role\": \"user\", \"content\": \"你好\"}, {\"role\": \"assistant\", \"content\": \"再见。\"}]}"))
        .toUri().toString();
  }

  private static String reasonData() throws Exception {
    return Files.write(dir.resolve("reason.jsonl"), List.of(
        "{\"conversations\": [{\"role\": \"user\", \"content\": \"1+1=?\"}, {\"role\": \"assistant\","
            + " \"content\": \"<think>一加一等于二。</think><answer>2</answer>\"}]}",
        "{\"conversations\": [{\"role\": \"user\", \"content\": \"静夜思的作者是谁？\"}, {\"role\": \"assistant\","
            + " \"content\": \"<think>这是唐诗。</think><answer>李白。</answer>\"}]}"))
        .toUri().toString();
  }

  private static String rlaifData() throws Exception {
    return Files.write(dir.resolve("rlaif.jsonl"), List.of(
        "{\"conversations\": [{\"role\": \"user\", \"content\": \"你好\"}, {\"role\": \"assistant\", \"content\": \"\"}]}",
        "{\"conversations\": [{\"role\": \"user\", \"content\": \"静夜思的作者是谁？\"}, {\"role\": \"assistant\", \"content\": \"\"}]}"))
        .toUri().toString();
  }

  private JobEvents ev() {
    return new JobEvents(connector);
  }

  private static Path path(String uri) {
    return Path.of(URI.create(uri));
  }
}
