package io.minimind.contracts.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a parsed spec tree (plain maps, lists and scalars) into the records, collecting every
 * error instead of stopping at the first. The top level, model, tokenizer, datasets and retry are
 * read here; stages by {@link StageReader}. A key whose value is null counts as absent, because
 * YAML writes an empty value that way.
 */
final class SpecReader {
  static final List<String> ROOT_KEYS =
      List.of("name", "model", "tokenizer", "datasets", "retry", "stages");
  static final List<String> MODEL_KEYS = List.of("preset", "overrides", "base");
  static final List<String> TOKENIZER_KEYS = List.of("source", "path", "stage");
  static final List<String> TOKENIZER_SOURCES =
      List.of(TokenizerSpec.MINIMIND, TokenizerSpec.PATH, TokenizerSpec.STAGE);
  static final List<String> RETRY_KEYS = List.of("maxAttempts");

  private final List<SpecError> errors;

  SpecReader(List<SpecError> errors) {
    this.errors = errors;
  }

  /** The spec, or null when {@link #errors} got at least one entry. */
  PipelineSpec read(Object doc) {
    Map<String, Object> m = object(doc, "", "an object with keys " + Values.list(ROOT_KEYS));
    if (m == null) {
      return null;
    }
    checkKeys(m, "", ROOT_KEYS, "top-level key");
    String name = name(m.get("name"));
    ModelSpec model = model(m.get("model"));
    TokenizerSpec tokenizer = tokenizer(m.get("tokenizer"));
    Set<String> declared = new LinkedHashSet<>();
    Map<String, String> datasets = datasets(m.get("datasets"), declared);
    RetryPolicy retry = retry(m.get("retry"));
    StageReader stages = new StageReader(errors, declared);
    List<StageSpec> stageList = stages.read(m.get("stages"));
    if (tokenizer != null && TokenizerSpec.STAGE.equals(tokenizer.source())) {
      stages.checkTokenizerStage(tokenizer.stage(), "/tokenizer/stage");
    }
    if (model != null && model.base() == null) {
      stages.checkRefinedModels();
    }
    if (!errors.isEmpty()) {
      return null;
    }
    return new PipelineSpec(name, model, tokenizer, datasets, stageList, retry);
  }

  private String name(Object v) {
    if (v == null) {
      errors.add(new SpecError("/name", "is required: a label of 1.."
          + PipelineSpecs.MAX_NAME_LENGTH + " characters"));
      return null;
    }
    if (!(v instanceof String s) || s.isBlank() || s.length() > PipelineSpecs.MAX_NAME_LENGTH) {
      errors.add(new SpecError("/name", "must be a non-blank string of 1.."
          + PipelineSpecs.MAX_NAME_LENGTH + " characters, got " + Values.describe(v)));
      return null;
    }
    return s;
  }

  private ModelSpec model(Object v) {
    if (v == null) {
      errors.add(new SpecError("/model", "is required: an object with either preset ("
          + Values.list(ModelSpec.PRESETS) + ") or base (a model directory)"));
      return null;
    }
    Map<String, Object> m = object(v, "/model", "an object with either preset or base");
    if (m == null) {
      return null;
    }
    checkKeys(m, "/model", MODEL_KEYS, "model key");
    Object preset = m.get("preset");
    Object base = m.get("base");
    if (preset != null && base != null) {
      errors.add(new SpecError("/model", "has both preset and base; set exactly one: preset for a"
          + " fresh model, base to start from an existing model directory"));
      return null;
    }
    if (preset == null && base == null) {
      errors.add(new SpecError("/model", "needs exactly one of preset ("
          + Values.list(ModelSpec.PRESETS) + ") or base (a model directory)"));
      return null;
    }
    Map<String, Object> overrides = overrides(m.get("overrides"), base != null);
    if (preset != null && !(preset instanceof String p && ModelSpec.PRESETS.contains(p))) {
      errors.add(new SpecError("/model/preset", "must be one of "
          + Values.list(ModelSpec.PRESETS) + ", got " + Values.describe(preset)));
      return null;
    }
    if (base != null && path(base, "/model/base") == null) {
      return null;
    }
    return new ModelSpec((String) preset, overrides, (String) base);
  }

  /** config.json overrides: scalar values only, since they are passed on as config fields. */
  private Map<String, Object> overrides(Object v, boolean withBase) {
    if (v == null) {
      return Map.of();
    }
    if (withBase) {
      errors.add(new SpecError("/model/overrides", "is only allowed with preset (a base model"
          + " directory brings its own config.json)"));
      return Map.of();
    }
    Map<String, Object> m = object(v, "/model/overrides", "an object of config.json keys");
    Map<String, Object> out = new LinkedHashMap<>();
    if (m == null) {
      return out;
    }
    for (Map.Entry<String, Object> e : m.entrySet()) {
      String at = SpecError.child("/model/overrides", e.getKey());
      Object value = e.getValue();
      if (!Pattern.matches(ModelSpec.OVERRIDE_KEY_PATTERN, e.getKey())) {
        errors.add(new SpecError(at, "is not a config.json key; expected a name matching "
            + ModelSpec.OVERRIDE_KEY_PATTERN + " (e.g. hidden_size, rope_scaling.factor)"));
      } else if (Values.isInteger(value)) {
        out.put(e.getKey(), ((Number) value).longValue());
      } else if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
        out.put(e.getKey(), n.doubleValue());
      } else if (value instanceof String || value instanceof Boolean) {
        out.put(e.getKey(), value);
      } else {
        errors.add(new SpecError(at, "must be a number, string or boolean, got "
            + Values.describe(value)));
      }
    }
    return out;
  }

  private TokenizerSpec tokenizer(Object v) {
    if (v == null) {
      return TokenizerSpec.minimind();
    }
    Map<String, Object> m = object(v, "/tokenizer",
        "an object with source (" + Values.list(TOKENIZER_SOURCES) + ")");
    if (m == null) {
      return null;
    }
    checkKeys(m, "/tokenizer", TOKENIZER_KEYS, "tokenizer key");
    Object source = m.get("source");
    if (!(source instanceof String s && TOKENIZER_SOURCES.contains(s))) {
      errors.add(new SpecError("/tokenizer/source", (source == null ? "is required: " : "must be ")
          + "one of " + Values.list(TOKENIZER_SOURCES)
          + (source == null ? "" : ", got " + Values.describe(source))));
      return null;
    }
    boolean ok = onlyWith(m, "path", s, TokenizerSpec.PATH)
        & onlyWith(m, "stage", s, TokenizerSpec.STAGE);
    String path = null;
    String stage = null;
    if (s.equals(TokenizerSpec.PATH) && m.get("path") != null) {
      path = path(m.get("path"), "/tokenizer/path");
      ok &= path != null;
    } else if (s.equals(TokenizerSpec.STAGE) && m.get("stage") != null) {
      stage = m.get("stage") instanceof String id ? id : null;
      if (stage == null) {
        errors.add(new SpecError("/tokenizer/stage", "must be the id of a tokenizer-train stage,"
            + " got " + Values.describe(m.get("stage"))));
        ok = false;
      }
    }
    return ok ? new TokenizerSpec(s, path, stage) : null;
  }

  /** {@code key} is required when source is {@code owner}, and forbidden otherwise. */
  private boolean onlyWith(Map<String, Object> m, String key, String source, String owner) {
    String at = "/tokenizer/" + key;
    if (source.equals(owner) && m.get(key) == null) {
      errors.add(new SpecError(at, "is required when source is " + owner));
      return false;
    }
    if (!source.equals(owner) && m.get(key) != null) {
      errors.add(new SpecError(at, "is only allowed when source is " + owner
          + " (source is " + source + ")"));
      return false;
    }
    return true;
  }

  /**
   * The valid datasets. {@code declared} gets every declared name, valid or not, so that a stage
   * naming a dataset whose path is bad is not reported a second time as naming an unknown one.
   */
  private Map<String, String> datasets(Object v, Set<String> declared) {
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    Map<String, Object> m = object(v, "/datasets", "an object mapping dataset names to paths");
    if (m == null) {
      return out;
    }
    for (Map.Entry<String, Object> e : m.entrySet()) {
      declared.add(e.getKey());
      String at = SpecError.child("/datasets", e.getKey());
      if (!Pattern.matches(PipelineSpecs.DATASET_NAME_PATTERN, e.getKey())) {
        errors.add(new SpecError(at, "is not a valid dataset name; expected a name matching "
            + PipelineSpecs.DATASET_NAME_PATTERN));
      } else {
        String p = path(e.getValue(), at);
        if (p != null) {
          out.put(e.getKey(), p);
        }
      }
    }
    return out;
  }

  private RetryPolicy retry(Object v) {
    if (v == null) {
      return RetryPolicy.defaults();
    }
    Map<String, Object> m = object(v, "/retry", "an object with maxAttempts");
    if (m == null) {
      return null;
    }
    checkKeys(m, "/retry", RETRY_KEYS, "retry key");
    Object max = m.get("maxAttempts");
    if (max == null) {
      return RetryPolicy.defaults();
    }
    if (!Values.isInteger(max) || ((Number) max).longValue() < 1
        || ((Number) max).longValue() > RetryPolicy.MAX_ATTEMPTS_LIMIT) {
      errors.add(new SpecError("/retry/maxAttempts", "must be an integer in [1, "
          + RetryPolicy.MAX_ATTEMPTS_LIMIT + "], got " + Values.describe(max)));
      return null;
    }
    return new RetryPolicy(((Number) max).intValue());
  }

  /** The path if valid, else null after adding an error at {@code at}. */
  String path(Object v, String at) {
    String problem = Values.pathProblem(v);
    if (problem != null) {
      errors.add(new SpecError(at, problem));
      return null;
    }
    return (String) v;
  }

  /** {@code v} as an object, or null after adding an error saying what was expected. */
  @SuppressWarnings("unchecked")
  Map<String, Object> object(Object v, String at, String expected) {
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    errors.add(new SpecError(at, "must be " + expected + ", got " + Values.describe(v)));
    return null;
  }

  /** Adds an error for each key not in {@code allowed}, pointing at the key. */
  void checkKeys(Map<String, Object> m, String at, List<String> allowed, String what) {
    for (String key : new ArrayList<>(m.keySet())) {
      if (!allowed.contains(key)) {
        errors.add(new SpecError(SpecError.child(at, key), Values.unknownKey(what, key, allowed)));
      }
    }
  }
}
