package io.minimind.e2e;

/** Pipeline specs for the end-to-end tests: the tiny preset, shrunk further, on the sample data. */
final class PipelineSpecs {
  private PipelineSpecs() {}

  /**
   * pretrain → SFT → publish.
   *
   * @param pretrainSteps optimizer steps of the pretrain stage
   * @param saveInterval steps between its checkpoints
   * @param logInterval steps between its progress events
   * @param hidden hidden size (a bigger model makes each step slower, for the fault test)
   */
  static String pretrainSftPublish(String name, String modelName, int pretrainSteps, int saveInterval,
      int logInterval, int hidden) {
    return """
        name: %s
        model:
          preset: tiny
          overrides: {hidden_size: %d, num_hidden_layers: 2, num_attention_heads: 4, num_key_value_heads: 2}
        datasets:
          poems: datasets/sample/pretrain_tiny.jsonl
          chats: datasets/sample/sft_tiny.jsonl
        retry: {maxAttempts: 3}
        stages:
          - id: pretrain
            kind: pretrain
            dataset: poems
            parameters: {maxSteps: %d, saveInterval: %d, logInterval: %d, batchSize: 4, maxSeqLen: 64,
                         accumulationSteps: 1, learningRate: 1.0e-3}
          - id: sft
            kind: sft
            dataset: chats
            parameters: {maxSteps: 4, saveInterval: 2, logInterval: 1, batchSize: 4, maxSeqLen: 64,
                         learningRate: 1.0e-4}
          - id: publish
            kind: publish
            parameters: {modelName: %s}
        """.formatted(name, hidden, pretrainSteps, saveInterval, logInterval, modelName);
  }
}
