package io.minimind.contracts.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Invalid specs: each error points at the bad field and says what was expected. */
class PipelineSpecsErrorsTest {

  /** A valid spec whose pieces the tests replace. */
  private static String spec(String model, String datasets, String stages) {
    return "name: t\nmodel: " + model + "\ndatasets: " + datasets + "\nstages:\n" + stages;
  }

  private static final String MODEL = "{preset: tiny}";
  private static final String DATASETS = "{pre: datasets/sample/pretrain.jsonl, sft: d/sft.jsonl}";
  private static final String PRETRAIN = "  - {id: pre, kind: pretrain, dataset: pre}\n";
  private static final String PUBLISH = "  - {id: pub, kind: publish, parameters: {modelName: m}}\n";

  private static List<SpecError> errors(String text) {
    return assertThrows(SpecValidationException.class, () -> PipelineSpecs.parse(text)).errors();
  }

  /** Asserts there is exactly one error, at {@code pointer}, whose message contains each part. */
  private static void assertOnly(String text, String pointer, String... parts) {
    List<SpecError> errors = errors(text);
    assertEquals(1, errors.size(), () -> "expected one error, got " + errors);
    assertHas(errors, pointer, parts);
  }

  private static void assertHas(List<SpecError> errors, String pointer, String... parts) {
    for (SpecError e : errors) {
      if (e.pointer().equals(pointer) && List.of(parts).stream().allMatch(e.message()::contains)) {
        return;
      }
    }
    throw new AssertionError("no error at '" + pointer + "' containing " + List.of(parts)
        + " in " + errors);
  }

  @Test
  void missingName() {
    assertOnly("model: {preset: tiny}\ndatasets: " + DATASETS + "\nstages:\n" + PRETRAIN,
        "/name", "is required");
  }

  @Test
  void unknownTopLevelKeyListsAllowedKeys() {
    assertOnly(spec(MODEL, DATASETS, PRETRAIN) + "stage: x\n", "/stage",
        "unknown top-level key 'stage'", "did you mean 'stages'", "allowed: name, model");
  }

  @Test
  void bothPresetAndBase() {
    assertOnly(spec("{preset: tiny, base: models/x/v1}", DATASETS, PRETRAIN), "/model",
        "both preset and base");
  }

  @Test
  void unknownPreset() {
    assertOnly(spec("{preset: huge}", DATASETS, PRETRAIN), "/model/preset",
        "must be one of tiny, minimind2-small, minimind2, minimind2-moe", "got \"huge\"");
  }

  @Test
  void datasetPathWithDotDot() {
    assertOnly(spec(MODEL, "{pre: datasets/../../etc/passwd}", PRETRAIN), "/datasets/pre",
        "'..'");
  }

  @Test
  void absoluteDatasetPath() {
    assertOnly(spec(MODEL, "{pre: /data/pretrain.jsonl}", PRETRAIN), "/datasets/pre",
        "relative to the artifact root", "\"/data/pretrain.jsonl\"");
  }

  @Test
  void backslashInDatasetPath() {
    assertOnly(spec(MODEL, "{pre: 'datasets\\sample\\p.jsonl'}", PRETRAIN), "/datasets/pre",
        "backslashes");
  }

  @Test
  void stageIdWithBadCharacters() {
    assertOnly(spec(MODEL, DATASETS, "  - {id: Pre_Train, kind: pretrain, dataset: pre}\n"),
        "/stages/0/id", "must match ^[a-z][a-z0-9-]{0,39}$", "\"Pre_Train\"");
  }

  @Test
  void duplicateStageId() {
    assertOnly(spec(MODEL, DATASETS, PRETRAIN + "  - {id: pre, kind: sft, dataset: sft}\n"),
        "/stages/1/id", "duplicate stage id 'pre'", "/stages/0");
  }

  @Test
  void unknownKindListsValidKinds() {
    assertOnly(spec(MODEL, DATASETS, "  - {id: pre, kind: pretrian, dataset: pre}\n"),
        "/stages/0/kind", "\"pretrian\"", "tokenizer-train, tokenize-dataset, pretrain, sft",
        "publish");
  }

  @Test
  void stageReferencingUnknownDataset() {
    assertOnly(spec(MODEL, DATASETS, "  - {id: pre, kind: pretrain, dataset: wiki}\n"),
        "/stages/0/dataset", "must name a dataset", "pre, sft", "\"wiki\"");
  }

  @Test
  void datasetMissingForKindThatReadsData() {
    assertOnly(spec(MODEL, DATASETS, "  - {id: pre, kind: pretrain}\n"), "/stages/0/dataset",
        "is required for kind pretrain");
  }

  @Test
  void fromNamingALaterStage() {
    String stages = "  - {id: pre, kind: pretrain, dataset: pre, from: sft}\n"
        + "  - {id: sft, kind: sft, dataset: sft}\n";
    assertOnly(spec(MODEL, DATASETS, stages), "/stages/0/from",
        "stage 'sft' is not earlier (it is /stages/1)", "expected 'model' or the id of an earlier");
  }

  @Test
  void fromNamingItself() {
    assertOnly(spec(MODEL, DATASETS, "  - {id: pre, kind: pretrain, dataset: pre, from: pre}\n"),
        "/stages/0/from", "cannot start from itself");
  }

  @Test
  void publishWithoutModelStageBefore() {
    assertOnly(spec(MODEL, DATASETS, PUBLISH + PRETRAIN), "/stages/0",
        "publish needs a model-producing stage");
  }

  @Test
  void refiningStageOnAFreshPreset() {
    String dpo = "  - {id: dpo, kind: dpo, dataset: sft}\n";
    assertOnly(spec(MODEL, DATASETS, dpo + PRETRAIN), "/stages/0",
        "a dpo stage refines an existing model, but it would start from a fresh preset");
    String grpoFromModel = "  - {id: rl, kind: grpo, dataset: sft, from: model}\n";
    assertOnly(spec(MODEL, DATASETS, PRETRAIN + grpoFromModel), "/stages/1", "a grpo stage refines");
    // after a model-producing stage, or on a base model, it is fine
    PipelineSpecs.parse(spec(MODEL, DATASETS, PRETRAIN + dpo));
    PipelineSpecs.parse(spec("{base: models/m/v1}", DATASETS, dpo));
  }

  @Test
  void learningRateAsString() {
    String stages = "  - {id: pre, kind: pretrain, dataset: pre, parameters: {learningRate: fast}}\n";
    assertOnly(spec(MODEL, DATASETS, stages), "/stages/0/parameters/learningRate",
        "must be a number in (0, 1), got \"fast\"");
  }

  @Test
  void negativeEpochs() {
    String stages = "  - {id: pre, kind: pretrain, dataset: pre, parameters: {epochs: -1}}\n";
    assertOnly(spec(MODEL, DATASETS, stages), "/stages/0/parameters/epochs",
        "must be an integer >= 1, got -1");
  }

  @Test
  void unknownParameterKeyListsAllowed() {
    String stages = "  - {id: pre, kind: pretrain, dataset: pre, parameters: {learingRate: 0.1}}\n";
    assertOnly(spec(MODEL, DATASETS, stages), "/stages/0/parameters/learingRate",
        "unknown parameter 'learingRate'", "did you mean 'learningRate'",
        "allowed: epochs, batchSize, learningRate");
  }

  @Test
  void loraTargetNotInList() {
    String stages = PRETRAIN
        + "  - {id: lora, kind: lora, dataset: sft, parameters: {targets: [q, v, mlp]}}\n";
    assertOnly(spec(MODEL, DATASETS, stages), "/stages/1/parameters/targets/2",
        "must be one of q, k, v, o, gate, up, down", "\"mlp\"");
  }

  @Test
  void publishRequiresModelName() {
    assertOnly(spec(MODEL, DATASETS, PRETRAIN + "  - {id: pub, kind: publish}\n"),
        "/stages/1/parameters/modelName", "is required for kind publish");
  }

  @Test
  void tokenizerStageMustBeTokenizerTrain() {
    String text = spec(MODEL, DATASETS, PRETRAIN) + "tokenizer: {source: stage, stage: pre}\n";
    assertOnly(text, "/tokenizer/stage", "is a pretrain stage", "tokenizer-train");
  }

  @Test
  void yamlSyntaxErrorNamesLineAndColumn() {
    List<SpecError> errors = errors("name: t\nmodel: {preset: tiny\nstages: []\n");
    assertEquals(1, errors.size(), errors::toString);
    assertEquals("", errors.get(0).pointer());
    assertTrue(errors.get(0).message().matches("invalid YAML at line \\d+, column \\d+: .+"),
        errors.get(0).message());
    assertTrue(!errors.get(0).message().contains("\n"));
  }

  @Test
  void jsonSyntaxErrorNamesLineAndColumn() {
    assertOnly("{\"name\": \"t\",\n \"model\": }", "", "invalid JSON at line 2, column");
  }

  @Test
  void emptyOrCommentOnlySpec() {
    assertOnly("  \n", "", "the spec is empty");
    assertOnly("# nothing here\n", "", "no content");
  }

  @Test
  void emptyStages() {
    assertOnly(spec(MODEL, DATASETS, "  []\n").replace("stages:\n  []", "stages: []"),
        "/stages", "must contain 1..50 stages, got 0");
  }

  @Test
  void severalErrorsAreAllReported() {
    String text = """
        model: {preset: tiny, base: models/x}
        datasets: {pre: /abs.jsonl}
        colour: blue
        stages:
          - {id: pre, kind: pretrain, dataset: pre, parameters: {epochs: 0, learningRate: fast}}
          - {id: pub, kind: publish, dataset: pre, parameters: {modelName: Bad Name}}
        """;
    SpecValidationException e =
        assertThrows(SpecValidationException.class, () -> PipelineSpecs.parse(text));
    List<SpecError> errors = e.errors();
    assertHas(errors, "/name", "is required");
    assertHas(errors, "/colour", "unknown top-level key");
    assertHas(errors, "/model", "both preset and base");
    assertHas(errors, "/datasets/pre", "relative");
    assertHas(errors, "/stages/0/parameters/epochs", ">= 1");
    assertHas(errors, "/stages/0/parameters/learningRate", "(0, 1)");
    assertHas(errors, "/stages/1/dataset", "not allowed for kind publish");
    assertHas(errors, "/stages/1/parameters/modelName", "must be a string matching");
    assertEquals(8, errors.size(), errors::toString);
    String[] lines = e.getMessage().split("\n");
    assertEquals(errors.size() + 1, lines.length);
    assertTrue(List.of(lines).contains("/stages/0/parameters/epochs: must be an integer >= 1, got 0"),
        e.getMessage());
  }

  @Test
  void pointerTokensAreEscaped() {
    assertEquals("/datasets/a~1b~0c", SpecError.child("/datasets", "a/b~c"));
    assertOnly(spec("{preset: tiny, overrides: {'a/b': 1}}", DATASETS, PRETRAIN),
        "/model/overrides/a~1b", "not a config.json key");
  }
}
