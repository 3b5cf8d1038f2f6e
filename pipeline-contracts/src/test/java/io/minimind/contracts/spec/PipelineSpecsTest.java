package io.minimind.contracts.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.minimind.contracts.messages.StageKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Valid specs: YAML and JSON give the same records, and defaults are filled in. */
class PipelineSpecsTest {
  static final Path EXAMPLES = Path.of("../examples/pipelines");

  static final String YAML = """
      name: sample-pretrain-sft
      model:
        preset: tiny
        overrides: {hidden_size: 64, num_hidden_layers: 2}
      tokenizer: {source: minimind}
      datasets:
        pretrain: datasets/sample/pretrain.jsonl
        sft: datasets/sample/sft.jsonl
      retry: {maxAttempts: 3}
      stages:
        - id: pretrain
          kind: pretrain
          dataset: pretrain
          from: model
          parameters: {epochs: 1, batchSize: 8, learningRate: 5.0e-4, maxSeqLen: 128}
        - {id: sft, kind: sft, dataset: sft,
           parameters: {epochs: 1, batchSize: 4, learningRate: 5.0e-5}}
        - {id: publish, kind: publish, parameters: {modelName: minimind-sample}}
      """;

  static final String JSON = """
      {"name": "sample-pretrain-sft",
       "model": {"preset": "tiny", "overrides": {"hidden_size": 64, "num_hidden_layers": 2}},
       "tokenizer": {"source": "minimind"},
       "datasets": {"pretrain": "datasets/sample/pretrain.jsonl", "sft": "datasets/sample/sft.jsonl"},
       "retry": {"maxAttempts": 3},
       "stages": [
         {"id": "pretrain", "kind": "pretrain", "dataset": "pretrain", "from": "model",
          "parameters": {"epochs": 1, "batchSize": 8, "learningRate": 0.0005, "maxSeqLen": 128}},
         {"id": "sft", "kind": "sft", "dataset": "sft",
          "parameters": {"epochs": 1, "batchSize": 4, "learningRate": 5e-5}},
         {"id": "publish", "kind": "publish", "parameters": {"modelName": "minimind-sample"}}]}
      """;

  @Test
  void yamlAndJsonGiveEqualRecords() {
    PipelineSpec yaml = PipelineSpecs.parse(YAML);
    assertEquals(yaml, PipelineSpecs.parse(JSON));
    assertEquals("sample-pretrain-sft", yaml.name());
    assertEquals(new ModelSpec("tiny", Map.of("hidden_size", 64L, "num_hidden_layers", 2L), null),
        yaml.model());
    assertEquals(TokenizerSpec.minimind(), yaml.tokenizer());
    assertEquals("datasets/sample/sft.jsonl", yaml.datasets().get("sft"));
    assertEquals(new RetryPolicy(3), yaml.retry());
    assertEquals(List.of("pretrain", "sft", "publish"),
        yaml.stages().stream().map(StageSpec::id).toList());
    assertEquals(StageKind.SFT, yaml.stage("sft").kind());
    assertEquals("model", yaml.stage("pretrain").from());
    assertNull(yaml.stage("sft").from());
    assertNull(yaml.stage("publish").dataset());
  }

  @Test
  void defaultsAreFilledAndValuesNormalised() {
    PipelineSpec spec = PipelineSpecs.parse(YAML);
    Map<String, Object> pretrain = spec.stage("pretrain").parameters();
    assertEquals(StageParameters.names(StageKind.PRETRAIN).size(), pretrain.size());
    assertEquals(8L, pretrain.get("batchSize"));
    assertEquals(5.0e-4, pretrain.get("learningRate"));
    assertEquals(8L, pretrain.get("accumulationSteps"));
    assertEquals(1.0, pretrain.get("gradClip"));
    assertEquals(true, pretrain.get("shuffle"));
    assertEquals("auto", pretrain.get("device"));
    assertEquals(42L, pretrain.get("seed"));
    Map<String, Object> sft = spec.stage("sft").parameters();
    assertEquals(1L, sft.get("accumulationSteps"));
    assertEquals(512L, sft.get("maxSeqLen"));
    assertEquals(Map.of("modelName", "minimind-sample"), spec.stage("publish").parameters());
  }

  @Test
  void optionalSectionsDefault() {
    PipelineSpec spec = PipelineSpecs.parse("""
        name: minimal
        model: {base: models/minimind2/v1}
        datasets: {d: data/lora.jsonl}
        stages:
          - id: lora
            kind: lora
            dataset: d
            parameters:
          - {id: pub, kind: publish, from: lora, parameters: {modelName: m}}
        """);
    assertEquals(TokenizerSpec.minimind(), spec.tokenizer());
    assertEquals(RetryPolicy.defaults(), spec.retry());
    assertEquals("models/minimind2/v1", spec.model().base());
    Map<String, Object> lora = spec.stage("lora").parameters();
    assertEquals(List.of("q", "k", "v", "o"), lora.get("targets"));
    assertEquals(8L, lora.get("rank"));
    assertEquals(16.0, lora.get("alpha"));
    assertEquals(1e-4, lora.get("learningRate"));
  }

  @Test
  void everyKindHasCompleteDefaultsExceptRequiredOnes() {
    for (StageKind kind : StageKind.values()) {
      Map<String, Object> defaults = StageParameters.defaults(kind);
      for (ParameterDef d : StageParameters.definitions(kind)) {
        assertEquals(!d.required(), defaults.containsKey(d.name()), kind + "." + d.name());
      }
    }
    assertEquals(0.02, StageParameters.defaults(StageKind.GRPO).get("beta"));
    assertEquals(1e-7, StageParameters.defaults(StageKind.SPO).get("learningRate"));
    assertEquals(4L, StageParameters.defaults(StageKind.GRPO).get("groupSize"));
    assertThrows(SpecValidationException.class,
        () -> StageParameters.validate(StageKind.DISTILL, Map.of()));
  }

  @Test
  void tokenizerFromStageAndPathSourcesParse() {
    PipelineSpec spec = PipelineSpecs.parse("""
        name: t
        model: {preset: tiny}
        tokenizer: {source: path, path: tokenizers/mine}
        datasets: {d: data/x.jsonl}
        stages: [{id: p, kind: pretrain, dataset: d}]
        """);
    assertEquals(new TokenizerSpec("path", "tokenizers/mine", null), spec.tokenizer());
  }

  @Test
  void jsonIsDetectedByItsFirstNonBlankCharacter() {
    assertTrue(PipelineSpecs.isJson("  \n {\"name\": 1}"));
    assertFalse(PipelineSpecs.isJson("name: x"));
    assertFalse(PipelineSpecs.isJson("# comment\n{a: 1}"));
  }

  @Test
  void everyExampleParsesWithoutErrors() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      files = s.filter(p -> p.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList();
    }
    assertTrue(files.size() >= 4, "expected at least 4 examples in " + EXAMPLES.toAbsolutePath());
    for (Path f : files) {
      try {
        PipelineSpecs.parse(Files.readString(f));
      } catch (SpecValidationException e) {
        fail(f + " is invalid:\n" + e.getMessage());
      }
    }
  }

  @Test
  void sampleExampleYamlAndJsonAreTheSamePipeline() throws IOException {
    assertEquals(
        PipelineSpecs.parse(Files.readString(EXAMPLES.resolve("sample-pretrain-sft.yaml"))),
        PipelineSpecs.parse(Files.readString(EXAMPLES.resolve("sample-pretrain-sft.json"))));
  }
}
