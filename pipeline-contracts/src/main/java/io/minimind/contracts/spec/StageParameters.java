package io.minimind.contracts.spec;

import static io.minimind.contracts.spec.ParameterDef.bool;
import static io.minimind.contracts.spec.ParameterDef.choice;
import static io.minimind.contracts.spec.ParameterDef.choiceList;
import static io.minimind.contracts.spec.ParameterDef.integer;
import static io.minimind.contracts.spec.ParameterDef.number;
import static io.minimind.contracts.spec.ParameterDef.numberMap;
import static io.minimind.contracts.spec.ParameterDef.path;
import static io.minimind.contracts.spec.ParameterDef.stringList;
import static io.minimind.contracts.spec.ParameterDef.text;

import io.minimind.contracts.messages.StageKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters each stage kind accepts, with types, ranges and defaults (MiniMind's training
 * scripts' values where MiniMind has one). Validation fills every default in, so a
 * {@link StageSpec#parameters()} map is complete and workers never guess a default themselves:
 * the value a run used is always visible in the stored spec.
 *
 * <p>This table is the single source of the parameter rules; {@code pipeline-spec.schema.json} is
 * generated from it and a test fails when the two drift apart.
 */
public final class StageParameters {

  /** Kinds whose output is a model directory (the ones {@code from} and publish can refer to). */
  public static final Set<StageKind> MODEL_PRODUCING = Collections.unmodifiableSet(EnumSet.of(
      StageKind.PRETRAIN, StageKind.SFT, StageKind.REASON, StageKind.LORA, StageKind.DPO,
      StageKind.DISTILL, StageKind.PPO, StageKind.GRPO, StageKind.CISPO, StageKind.SPO));

  /** Kinds that refine an existing model and cannot start from a fresh preset. */
  public static final Set<StageKind> REFINES_MODEL = Collections.unmodifiableSet(EnumSet.of(
      StageKind.LORA, StageKind.DPO, StageKind.PPO, StageKind.GRPO, StageKind.CISPO, StageKind.SPO));

  /** Model names publish accepts; they name directories under models/. */
  public static final String MODEL_NAME_PATTERN = "^[a-z0-9][a-z0-9._-]{0,63}$";

  /** Devices a training stage may ask for; {@code auto} takes a GPU when the worker has one. */
  public static final List<String> DEVICES = List.of("cpu", "gpu", "auto");

  /** Modules LoRA adapters can attach to (attention projections and the SwiGLU MLP). */
  public static final List<String> LORA_TARGETS = List.of("q", "k", "v", "o", "gate", "up", "down");

  /** Where single-process RL generates its rollouts (auto: java when the model allows it). */
  public static final List<String> ROLLOUT_ENGINES = List.of("auto", "java", "djl");

  /** Dataset layouts tokenize-dataset understands (MiniMind's four JSONL formats). */
  public static final List<String> DATASET_FORMATS = List.of("pretrain", "sft", "dpo", "rlaif");

  private static final Map<StageKind, List<ParameterDef>> DEFS = buildTable();

  private StageParameters() {}

  /** The parameters {@code kind} accepts, in documentation order. */
  public static List<ParameterDef> definitions(StageKind kind) {
    return DEFS.get(kind);
  }

  /** The parameter names {@code kind} accepts, in documentation order. */
  public static List<String> names(StageKind kind) {
    List<String> names = new ArrayList<>();
    for (ParameterDef d : DEFS.get(kind)) {
      names.add(d.name());
    }
    return List.copyOf(names);
  }

  /** The defaults of {@code kind}'s optional parameters (required ones have none). */
  public static Map<String, Object> defaults(StageKind kind) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ParameterDef d : DEFS.get(kind)) {
      if (d.defaultValue() != null) {
        out.put(d.name(), d.defaultValue());
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** Whether {@code kind} produces a model directory. */
  public static boolean producesModel(StageKind kind) {
    return MODEL_PRODUCING.contains(kind);
  }

  /** Whether {@code kind} reads a dataset (all kinds but publish). */
  public static boolean readsDataset(StageKind kind) {
    return kind != StageKind.PUBLISH;
  }

  /**
   * Checks {@code given} against {@code kind}'s table and returns the complete, normalised map
   * (defaults filled). Errors are added to {@code errors} with pointers below {@code pointer} (the
   * pointer of the parameters object); a bad value is left out of the result.
   *
   * @param given the parameters as parsed (null means none given; a null value means "use the
   *     default", as YAML writes an empty value)
   */
  public static Map<String, Object> validate(StageKind kind, Map<String, ?> given, String pointer,
      List<SpecError> errors) {
    List<ParameterDef> defs = DEFS.get(kind);
    Map<String, ?> in = given == null ? Map.of() : given;
    List<String> names = names(kind);
    for (String key : in.keySet()) {
      if (!names.contains(key)) {
        errors.add(new SpecError(SpecError.child(pointer, key),
            Values.unknownKey("parameter", key, names) + " (kind " + kind.wireName() + ")"));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (ParameterDef d : defs) {
      String at = SpecError.child(pointer, d.name());
      Object raw = in.get(d.name());
      if (raw != null) {
        Object v = d.check(raw, at, errors);
        if (v != null) {
          out.put(d.name(), v);
        }
      } else if (d.required()) {
        errors.add(new SpecError(at, "is required for kind " + kind.wireName() + ": "
            + d.expected() + " (" + d.description() + ")"));
      } else {
        out.put(d.name(), d.defaultValue());
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * {@link #validate(StageKind, Map, String, List)} for a parameters map alone (pointers relative
   * to it), for callers outside a spec, e.g. a CLI that runs one stage.
   *
   * @throws SpecValidationException listing every problem
   */
  public static Map<String, Object> validate(StageKind kind, Map<String, ?> given) {
    List<SpecError> errors = new ArrayList<>();
    Map<String, Object> out = validate(kind, given, "", errors);
    if (!errors.isEmpty()) {
      throw new SpecValidationException(errors);
    }
    return out;
  }

  private static Map<StageKind, List<ParameterDef>> buildTable() {
    Map<StageKind, List<ParameterDef>> t = new EnumMap<>(StageKind.class);
    t.put(StageKind.TOKENIZER_TRAIN, List.of(
        integer("vocabSize", 256L, 1_000_000L, 6400L, "size of the trained vocabulary"),
        integer("minFrequency", 0L, null, 0L, "minimum pair frequency for a BPE merge"),
        stringList("specialTokens", "extra special tokens besides MiniMind's own"),
        maxBadLines()));
    t.put(StageKind.TOKENIZE_DATASET, List.of(
        choice("format", DATASET_FORMATS, "pretrain", "the JSONL layout of the dataset"),
        maxSeqLen(),
        maxBadLines()));
    t.put(StageKind.PRETRAIN, training(32, 5e-4, 8));
    t.put(StageKind.SFT, training(16, 5e-5, 1));
    t.put(StageKind.REASON, withExtra(training(16, 5e-5, 1),
        number("tagWeight", 0.0, true, null, false, 10.0,
            "loss weight of the <think>/</think>/<answer>/</answer> tag tokens")));
    t.put(StageKind.LORA, withExtra(training(16, 1e-4, 1),
        integer("rank", 1L, 1024L, 8L, "LoRA rank"),
        number("alpha", 0.0, true, null, false, 16.0, "LoRA scale numerator: alpha/rank"),
        choiceList("targets", LORA_TARGETS, List.of("q", "k", "v", "o"),
            "modules that get adapters")));
    t.put(StageKind.DPO, withExtra(training(16, 4e-8, 1),
        number("beta", 0.0, true, null, false, 0.1, "DPO temperature"),
        bool("precomputeReference", false,
            "compute the frozen reference's log-probs once before training")));
    t.put(StageKind.DISTILL, withExtra(training(16, 5e-6, 1),
        path("teacher", "the teacher model directory"),
        number("alpha", 0.0, false, 1.0, false, 0.5, "CE weight: loss = alpha*CE + (1-alpha)*KL"),
        number("temperature", 0.0, true, null, false, 1.5, "softmax temperature for the teacher")));
    t.put(StageKind.PPO, withExtra(training(16, 8e-8, 1),
        clipEpsilon(0.1),
        number("valueLossCoef", 0.0, false, null, false, 0.5, "weight of the critic loss"),
        number("klCoef", 0.0, false, null, false, 0.02, "weight of the KL penalty"),
        number("gamma", 0.0, false, 1.0, false, 1.0, "reward discount"),
        number("lambda", 0.0, false, 1.0, false, 0.95, "GAE lambda"),
        integer("oldActorRefresh", 1L, null, 4L, "steps between refreshes of the old actor"),
        maxNewTokens(), rolloutTemperature(), rolloutTopK(), rolloutTopP(), rewardWeights(),
        targetTokens(), rolloutEngine()));
    t.put(StageKind.GRPO, withExtra(training(16, 8e-8, 1),
        integer("groupSize", 2L, 64L, 4L, "completions sampled per prompt"),
        beta(0.02), clipEpsilon(0.2), maxNewTokens(), rolloutTemperature(), rolloutTopK(),
        rolloutTopP(), rewardWeights(), targetTokens(), rolloutEngine()));
    t.put(StageKind.CISPO, withExtra(training(16, 8e-8, 1),
        integer("groupSize", 2L, 64L, 4L, "completions sampled per prompt"),
        beta(0.02),
        number("epsilonHigh", 0.0, true, null, false, 5.0,
            "upper clamp of the stop-gradient importance weight"),
        maxNewTokens(), rolloutTemperature(), rolloutTopK(), rolloutTopP(), rewardWeights(),
        targetTokens(), rolloutEngine()));
    t.put(StageKind.SPO, withExtra(training(16, 1e-7, 1),
        beta(0.02), maxNewTokens(), rolloutTemperature(), rolloutTopK(), rolloutTopP(),
        rewardWeights(), targetTokens(), rolloutEngine()));
    t.put(StageKind.PUBLISH, List.of(
        text("modelName", MODEL_NAME_PATTERN, null, "name under models/ in the artifact root")));
    for (StageKind k : StageKind.values()) {
      if (!t.containsKey(k)) {
        throw new IllegalStateException("no parameter table for stage kind " + k);
      }
    }
    return Collections.unmodifiableMap(t);
  }

  /** The parameters every training kind shares; only a few defaults differ by kind. */
  private static List<ParameterDef> training(long batchSize, double lr,
      long accumulation) {
    return List.of(
        integer("epochs", 1L, null, 1L, "passes over the dataset"),
        integer("batchSize", 1L, 4096L, batchSize, "samples per micro-batch"),
        number("learningRate", 0.0, true, 1.0, true, lr, "peak learning rate (cosine schedule)"),
        maxSeqLen(),
        integer("accumulationSteps", 1L, null, accumulation, "micro-batches per optimizer step"),
        number("gradClip", 0.0, true, null, false, 1.0, "gradient norm clip"),
        number("weightDecay", 0.0, false, null, false, 0.01, "AdamW weight decay"),
        integer("saveInterval", 0L, null, 100L, "steps between checkpoints (0 = only at the end)"),
        integer("logInterval", 1L, null, 10L, "steps between progress events"),
        integer("seed", null, null, 42L, "random seed (data order, initialisation)"),
        bool("shuffle", true, "shuffle the dataset each epoch"),
        integer("maxSteps", 0L, null, 0L, "stop after this many steps (0 = all epochs)"),
        integer("keepCheckpoints", 1L, null, 3L, "checkpoints kept on disk"),
        maxBadLines(),
        choice("device", DEVICES, "auto", "where to train; auto takes a GPU when there is one"));
  }

  private static List<ParameterDef> withExtra(List<ParameterDef> base, ParameterDef... extra) {
    List<ParameterDef> all = new ArrayList<>(base);
    all.addAll(List.of(extra));
    return List.copyOf(all);
  }

  private static ParameterDef maxSeqLen() {
    return integer("maxSeqLen", 16L, 32768L, 512L, "tokens per sample (longer ones are cut)");
  }

  private static ParameterDef maxBadLines() {
    return integer("maxBadLines", 0L, null, 0L, "malformed dataset lines tolerated before failing");
  }

  private static ParameterDef maxNewTokens() {
    return integer("maxNewTokens", 1L, 32768L, 256L, "tokens generated per rollout");
  }

  private static ParameterDef rewardWeights() {
    return numberMap("rewardWeights", "reward name -> weight (empty = reward-service defaults)");
  }

  private static ParameterDef rolloutTemperature() {
    return number("temperature", 0.0, true, null, false, 0.8, "sampling temperature of the rollouts");
  }

  private static ParameterDef rolloutTopK() {
    return integer("topK", 0L, null, 0L,
        "rollouts sample among the k likeliest tokens; 0 = whole vocabulary (MiniMind: 50)");
  }

  private static ParameterDef rolloutTopP() {
    return number("topP", 0.0, true, 1.0, false, 1.0,
        "rollouts sample from the smallest set with this much probability (MiniMind: 0.85)");
  }

  private static ParameterDef targetTokens() {
    return stringList("targetTokens", "tokens the \"target\" rule reward counts (tests, demos)");
  }

  private static ParameterDef rolloutEngine() {
    return choice("rolloutEngine", ROLLOUT_ENGINES, "auto",
        "rollouts on the pure-Java engine (java), on the policy's DJL graph (djl), or auto");
  }

  private static ParameterDef beta(double def) {
    return number("beta", 0.0, true, null, false, def, "KL penalty coefficient");
  }

  private static ParameterDef clipEpsilon(double def) {
    return number("clipEpsilon", 0.0, true, 1.0, true, def, "policy ratio clip range");
  }
}
