package io.minimind.trainer;

import io.minimind.core.train.TrainResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a finished (or stopped) run of any training kind left behind.
 *
 * @param result steps, losses, throughput and whether every step ran
 * @param outputs the directories for {@code StageCompleted.outputUris}: the model first (the next
 *     stage's input), then extras such as a LoRA adapter
 * @param metrics kind-specific numbers for the completion event (parameters, prompts...)
 */
record StageOutput(TrainResult result, List<Path> outputs, Map<String, Double> metrics) {}
