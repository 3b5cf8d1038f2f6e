package io.minimind.contracts.spec;

import io.minimind.contracts.messages.StageKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code stages} list. Ids and kinds of all stages are read first, so that a reference
 * to a later stage can be reported as "later" rather than "unknown", and a stage with a bad field
 * still lets the other stages be checked.
 */
final class StageReader {
  static final List<String> STAGE_KEYS = List.of("id", "kind", "dataset", "from", "parameters");

  private final List<SpecError> errors;
  private final SpecReader helper;
  private final Set<String> datasetNames;
  private final List<String> ids = new ArrayList<>();
  private final List<StageKind> kinds = new ArrayList<>();
  private final List<String> froms = new ArrayList<>();

  StageReader(List<SpecError> errors, Set<String> datasetNames) {
    this.errors = errors;
    this.helper = new SpecReader(errors);
    this.datasetNames = datasetNames;
  }

  /** The valid stages; errors for the others. */
  List<StageSpec> read(Object v) {
    String range = "1.." + PipelineSpecs.MAX_STAGES;
    if (v == null) {
      errors.add(new SpecError("/stages", "is required: a list of " + range + " stages"));
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      errors.add(new SpecError("/stages", "must be a list of " + range + " stages, got "
          + Values.describe(v)));
      return List.of();
    }
    if (list.isEmpty() || list.size() > PipelineSpecs.MAX_STAGES) {
      errors.add(new SpecError("/stages", "must contain " + range + " stages, got "
          + list.size()));
      return List.of();
    }
    List<Map<String, Object>> stages = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Map<String, Object> m = helper.object(list.get(i), "/stages/" + i,
          "a stage object with keys " + Values.list(STAGE_KEYS));
      stages.add(m);
      ids.add(m == null ? null : id(m.get("id"), i));
      kinds.add(m == null ? null : kind(m.get("kind"), i));
    }
    List<StageSpec> out = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i) != null) {
        StageSpec s = stage(stages.get(i), i);
        if (s != null) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private String id(Object v, int i) {
    String at = "/stages/" + i + "/id";
    if (v == null) {
      errors.add(new SpecError(at, "is required: a name matching " + StageSpec.ID_PATTERN));
      return null;
    }
    if (!(v instanceof String s) || !Pattern.matches(StageSpec.ID_PATTERN, s)) {
      errors.add(new SpecError(at, "must match " + StageSpec.ID_PATTERN
          + " (lower-case letter, then up to 39 lower-case letters, digits or '-'), got "
          + Values.describe(v)));
      return null;
    }
    if (s.equals(StageSpec.FROM_MODEL_SPEC)) {
      errors.add(new SpecError(at, "'" + s + "' is reserved (from: model means the model spec);"
          + " choose another id"));
      return null;
    }
    int first = ids.indexOf(s);
    if (first >= 0) {
      errors.add(new SpecError(at, "duplicate stage id '" + s + "' (already used by /stages/"
          + first + "); ids must be unique"));
      return null;
    }
    return s;
  }

  private StageKind kind(Object v, int i) {
    String at = "/stages/" + i + "/kind";
    String valid = Values.list(Arrays.asList(StageKind.values()));
    if (v == null) {
      errors.add(new SpecError(at, "is required: one of " + valid));
      return null;
    }
    for (StageKind k : StageKind.values()) {
      if (k.wireName().equals(v)) {
        return k;
      }
    }
    errors.add(new SpecError(at, "unknown stage kind " + Values.describe(v)
        + "; expected one of " + valid));
    return null;
  }

  /** The stage, or null when it (or its id or kind) had an error. */
  private StageSpec stage(Map<String, Object> m, int i) {
    int before = errors.size();
    String at = "/stages/" + i;
    helper.checkKeys(m, at, STAGE_KEYS, "stage key");
    StageKind kind = kinds.get(i);
    if (kind == null) {
      return null;
    }
    String dataset = dataset(m.get("dataset"), kind, at + "/dataset");
    String from = from(m.get("from"), kind, i);
    while (froms.size() <= i) {
      froms.add(null);
    }
    froms.set(i, from);
    if (kind == StageKind.PUBLISH && earlierModelStages(i).isEmpty()) {
      errors.add(new SpecError(at, "publish needs a model-producing stage ("
          + Values.list(StageParameters.MODEL_PRODUCING) + ") before it; none of the earlier"
          + " stages produces a model"));
    }
    Map<String, Object> given = m.get("parameters") == null ? null
        : helper.object(m.get("parameters"), at + "/parameters", "an object of parameters");
    Map<String, Object> params = StageParameters.validate(kind, given, at + "/parameters", errors);
    if (errors.size() > before || ids.get(i) == null) {
      return null;
    }
    return new StageSpec(ids.get(i), kind, dataset, from, params);
  }

  private String dataset(Object v, StageKind kind, String at) {
    if (!StageParameters.readsDataset(kind)) {
      if (v != null) {
        errors.add(new SpecError(at, "is not allowed for kind " + kind.wireName()
            + " (it reads no dataset)"));
      }
      return null;
    }
    String known = datasetNames.isEmpty() ? "the spec defines no datasets"
        : "defined: " + Values.list(datasetNames);
    if (v == null) {
      errors.add(new SpecError(at, "is required for kind " + kind.wireName()
          + ": the name of a dataset in /datasets (" + known + ")"));
      return null;
    }
    if (!(v instanceof String s) || !datasetNames.contains(s)) {
      errors.add(new SpecError(at, "must name a dataset in /datasets (" + known + "), got "
          + Values.describe(v)));
      return null;
    }
    return s;
  }

  /**
   * With a preset model spec (no base model): a stage that refines a model (LoRA, DPO, RL) must
   * start from an earlier model-producing stage, since a freshly initialised model has nothing to
   * refine.
   */
  void checkRefinedModels() {
    for (int i = 0; i < kinds.size(); i++) {
      StageKind kind = kinds.get(i);
      if (kind == null || !StageParameters.REFINES_MODEL.contains(kind)) {
        continue;
      }
      String from = froms.get(i);
      boolean fromPreset = StageSpec.FROM_MODEL_SPEC.equals(from)
          || (from == null && earlierModelStages(i).isEmpty());
      if (fromPreset) {
        errors.add(new SpecError("/stages/" + i, "a " + kind.wireName() + " stage refines an"
            + " existing model, but it would start from a fresh preset; put a pretrain or sft"
            + " stage before it, or set model.base to a trained model directory"));
      }
    }
  }

  /** Validates {@code from}: "model" or an earlier model-producing stage. */
  private String from(Object v, StageKind kind, int i) {
    if (v == null) {
      return null;
    }
    String at = "/stages/" + i + "/from";
    if (!startsFromModel(kind)) {
      errors.add(new SpecError(at, "is not allowed for kind " + kind.wireName()
          + " (it does not start from a model)"));
      return null;
    }
    List<String> earlier = earlierModelStages(i);
    boolean modelAllowed = kind != StageKind.PUBLISH;
    String expected = "expected " + (modelAllowed ? "'model' or " : "")
        + "the id of an earlier model-producing stage"
        + (earlier.isEmpty() ? " (there is none)" : " (" + Values.list(earlier) + ")");
    if (v instanceof String s && s.equals(StageSpec.FROM_MODEL_SPEC) && modelAllowed) {
      return s;
    }
    if (v instanceof String s && earlier.contains(s)) {
      return s;
    }
    int j = v instanceof String s ? ids.indexOf(s) : -1;
    String why;
    if (j == i) {
      why = "a stage cannot start from itself";
    } else if (j > i) {
      why = "stage '" + v + "' is not earlier (it is /stages/" + j + ")";
    } else if (j >= 0) {
      why = "stage '" + v + "' is a " + kinds.get(j) + " stage and produces no model";
    } else if (StageSpec.FROM_MODEL_SPEC.equals(v)) {
      why = "publish cannot start from the model spec";
    } else {
      why = "no stage has id " + Values.describe(v);
    }
    errors.add(new SpecError(at, why + "; " + expected));
    return null;
  }

  private static boolean startsFromModel(StageKind kind) {
    return StageParameters.producesModel(kind) || kind == StageKind.PUBLISH;
  }

  private List<String> earlierModelStages(int i) {
    List<String> out = new ArrayList<>();
    for (int j = 0; j < i; j++) {
      if (kinds.get(j) != null && StageParameters.producesModel(kinds.get(j))
          && ids.get(j) != null) {
        out.add(ids.get(j));
      }
    }
    return out;
  }

  /**
   * {@code tokenizer.source: stage} must name a tokenizer-train stage, and every stage that
   * tokenizes text must run after it (before it there is no tokenizer yet).
   */
  void checkTokenizerStage(String id, String at) {
    int t = ids.indexOf(id);
    if (t < 0) {
      errors.add(new SpecError(at, "no stage has id " + Values.describe(id)
          + "; expected the id of a tokenizer-train stage"));
      return;
    }
    if (kinds.get(t) != StageKind.TOKENIZER_TRAIN) {
      errors.add(new SpecError(at, "stage '" + id + "' is a " + kinds.get(t)
          + " stage; expected the id of a tokenizer-train stage"));
      return;
    }
    for (int j = 0; j < t; j++) {
      StageKind k = kinds.get(j);
      if (k != null && k != StageKind.TOKENIZER_TRAIN && k != StageKind.PUBLISH) {
        errors.add(new SpecError("/stages/" + j, "uses the tokenizer of stage '" + id
            + "' (tokenizer.source: stage) but runs before it; move it after /stages/" + t));
      }
    }
  }
}
