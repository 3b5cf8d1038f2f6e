package io.minimind.trainer;

import io.minimind.contracts.messages.StageKind;
import io.minimind.core.align.DpoRun;
import io.minimind.core.distill.DistillRun;
import io.minimind.core.lora.LoraConfig;
import io.minimind.core.lora.LoraRun;
import io.minimind.core.rl.GrpoSettings;
import io.minimind.core.rl.PpoSettings;
import io.minimind.core.rl.RlRun;
import io.minimind.core.rl.RlSettings;
import io.minimind.core.rl.SpoSettings;
import io.minimind.core.rl.reward.RuleRewards;
import io.minimind.core.train.ProgressListener;
import io.minimind.core.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one training kind with the core: each method reads the kind's own parameters (defaults as
 * in the contract's table, which the orchestrator has already applied) and calls the core's run
 * for that algorithm. All kinds share {@link RunInputs}, checkpoints under {@code <out>/checkpoints}
 * and the model under {@code <out>/model}.
 */
final class StageRuns {
  private final ArtifactStore store;

  StageRuns(ArtifactStore store) {
    this.store = store;
  }

  /** The kinds this class runs (publish is {@link PublishJobRunner}'s). */
  static final List<StageKind> KINDS = List.of(StageKind.PRETRAIN, StageKind.SFT, StageKind.REASON,
      StageKind.LORA, StageKind.DPO, StageKind.DISTILL, StageKind.GRPO, StageKind.CISPO,
      StageKind.SPO, StageKind.PPO);

  StageOutput run(RunInputs in, ProgressListener listener) throws IOException {
    return switch (in.job().kind()) {
      case PRETRAIN, SFT, REASON -> supervised(in, listener);
      case LORA -> lora(in, listener);
      case DPO -> dpo(in, listener);
      case DISTILL -> distill(in, listener);
      case GRPO, CISPO, SPO, PPO -> rl(in, listener);
      default -> throw new SpecException("kind", "this worker does not train " + in.job().kind());
    };
  }

  private StageOutput supervised(RunInputs in, ProgressListener listener) throws IOException {
    TrainingRun.Mode mode = switch (in.job().kind()) {
      case PRETRAIN -> TrainingRun.Mode.PRETRAIN;
      case REASON -> TrainingRun.Mode.REASON;
      default -> TrainingRun.Mode.SFT;
    };
    double tagWeight = in.algorithm().number("tagWeight", 10.0, 0.0, true);
    TrainParameters p = in.train();
    TrainingRun.Outcome out = TrainingRun.run(new TrainingRun.Spec(mode, in.data(), in.outDir(),
        p.preset(), p.overrides(), in.initFrom(), in.tokenizer(), p.train(), p.maxBadLines(),
        in.resume(), tagWeight), listener);
    return new StageOutput(out.result(), outputs(out.modelDir()),
        Map.of("parameters", (double) out.parameters()));
  }

  /** LoRA: outputs [merged model, adapter]; the merged model feeds the next stage. */
  private StageOutput lora(RunInputs in, ProgressListener listener) throws IOException {
    AlgorithmParameters a = in.algorithm();
    LoraConfig lora;
    try {
      LoraConfig d = LoraConfig.defaults();
      lora = new LoraConfig(a.integer("rank", d.rank(), 1), a.number("alpha", d.alpha(), 0.0, true),
          LoraConfig.parseTargets(a.strings("targets", List.of("q", "k", "v", "o"))));
    } catch (IllegalArgumentException e) {
      throw e instanceof SpecException s ? s : new SpecException("parameters.targets", e.getMessage());
    }
    LoraRun.Outcome out = LoraRun.run(new LoraRun.Spec(in.data(), in.outDir(), in.requiredInitFrom(),
        lora, in.train().train(), in.train().maxBadLines(), in.resume()), listener);
    List<Path> outputs = out.modelDir() == null ? List.of() : List.of(out.modelDir(), out.adapterDir());
    return new StageOutput(out.result(), outputs, Map.of("parameters", (double) out.adapterParameters(),
        "baseParameters", (double) out.baseParameters()));
  }

  private StageOutput dpo(RunInputs in, ProgressListener listener) throws IOException {
    AlgorithmParameters a = in.algorithm();
    TrainingRun.Outcome out = DpoRun.run(new DpoRun.Spec(in.data(), in.outDir(), in.requiredInitFrom(),
        in.tokenizer(), in.train().train(), a.number("beta", 0.1, 0.0, true),
        in.train().maxBadLines(), in.resume(), a.bool("precomputeReference", false)), listener);
    return new StageOutput(out.result(), outputs(out.modelDir()),
        Map.of("parameters", (double) out.parameters()));
  }

  /** Distillation: the teacher is a model directory under the artifact root. */
  private StageOutput distill(RunInputs in, ProgressListener listener) throws IOException {
    AlgorithmParameters a = in.algorithm();
    Path teacher = store.resolvePath(a.text("teacher", null), "parameters.teacher");
    if (!Files.isDirectory(teacher)) {
      throw new SpecException("parameters.teacher", "parameters.teacher " + teacher
          + " is not a model directory");
    }
    TrainParameters p = in.train();
    TrainingRun.Outcome out = DistillRun.run(new DistillRun.Spec(in.data(), in.outDir(), teacher,
        in.initFrom(), p.preset(), p.overrides(), in.tokenizer(), p.train(),
        a.number("alpha", 0.5, 0.0, false), a.number("temperature", 1.5, 0.0, true),
        p.maxBadLines(), in.resume()), listener);
    return new StageOutput(out.result(), outputs(out.modelDir()),
        Map.of("parameters", (double) out.parameters()));
  }

  private StageOutput rl(RunInputs in, ProgressListener listener) throws IOException {
    AlgorithmParameters a = in.algorithm();
    RlSettings settings;
    try {
      settings = rlSettings(in.job().kind(), a, in.train().train().learningRate());
    } catch (SpecException e) {
      throw e;
    } catch (IllegalArgumentException e) { // a range the settings records check
      throw new SpecException("parameters", e.getMessage());
    }
    Map<String, Double> rewardWeights = a.numberMap("rewardWeights");
    for (String name : rewardWeights.keySet()) {
      if (!RuleRewards.NAMES.contains(name)) {
        throw new SpecException("parameters.rewardWeights." + name, "unknown reward '" + name
            + "' in rewardWeights; this worker scores with the rule rewards "
            + String.join(", ", RuleRewards.NAMES));
      }
    }
    RlRun.Outcome out = RlRun.run(new RlRun.Spec(settings, in.data(), in.outDir(),
        in.requiredInitFrom(), in.tokenizer(), in.train().train(), rewardWeights,
        a.strings("targetTokens", List.of()), in.train().maxBadLines(), in.resume(),
        a.text("rolloutEngine", "auto"), a.integer("topK", 0, 0), a.number("topP", 1.0, 0.0, true)),
        listener);
    return new StageOutput(out.result(), outputs(out.modelDir()),
        Map.of("prompts", (double) out.prompts()));
  }

  private static RlSettings rlSettings(StageKind kind, AlgorithmParameters a, double actorLr) {
    int maxNew = a.integer("maxNewTokens", 256, 1);
    double temperature = a.number("temperature", 0.8, 0.0, true);
    return switch (kind) {
      case GRPO, CISPO -> {
        GrpoSettings d = kind == StageKind.GRPO ? GrpoSettings.grpoDefaults() : GrpoSettings.cispoDefaults();
        yield new GrpoSettings(d.lossType(), a.integer("groupSize", d.groupSize(), 2),
            a.number("beta", d.beta(), 0.0, false), a.number("clipEpsilon", d.clipEpsilon(), 0.0, true),
            a.number("epsilonHigh", d.epsilonHigh(), 0.0, true), maxNew, temperature);
      }
      case SPO -> {
        SpoSettings d = SpoSettings.defaults();
        yield new SpoSettings(a.number("beta", d.beta(), 0.0, false), maxNew, temperature,
            d.rewardMin(), d.rewardMax());
      }
      default -> {
        PpoSettings d = PpoSettings.defaults(actorLr);
        yield new PpoSettings(a.number("clipEpsilon", d.clipEpsilon(), 0.0, true),
            a.number("valueLossCoef", d.valueLossCoef(), 0.0, false),
            a.number("klCoef", d.klCoef(), 0.0, false), a.number("gamma", d.gamma(), 0.0, false),
            a.number("lambda", d.lambda(), 0.0, false),
            a.integer("oldActorRefresh", d.oldActorRefresh(), 1), d.valueClip(),
            d.criticLearningRate(), maxNew, temperature);
      }
    };
  }

  /** A completed run's model directory as the output list (empty when the run stopped early). */
  private static List<Path> outputs(Path modelDir) {
    List<Path> out = new ArrayList<>();
    if (modelDir != null) {
      out.add(modelDir);
    }
    return out;
  }
}
