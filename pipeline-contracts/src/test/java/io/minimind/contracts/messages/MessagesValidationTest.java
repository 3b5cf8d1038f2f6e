package io.minimind.contracts.messages;

import static io.minimind.contracts.messages.MessagesJsonTest.ID;
import static io.minimind.contracts.messages.MessagesJsonTest.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessagesValidationTest {
  private static final String OUT = "file:///artifacts/p/s/";

  private static Arguments c(String expected, Executable ctor) {
    return Arguments.of(expected, ctor);
  }

  private static StageJob job(String messageId, int version, String pipelineId, String stageId,
      int attempt, StageKind kind, String outputUri, String resumeFrom, long createdAt) {
    return new StageJob(messageId, version, pipelineId, stageId, attempt, kind, Map.of(), List.of(),
        outputUri, resumeFrom, createdAt);
  }

  private static StageProgress progress(long step, long total, double loss, double lr, double tps,
      Long eta, Map<String, Double> metrics) {
    return new StageProgress(ID, 1, "p", "s", 1, T0, step, total, loss, lr, tps, eta, metrics);
  }

  static Stream<Arguments> cases() {
    Map<String, Object> nullKey = new HashMap<>();
    nullKey.put(null, 1);
    Map<String, Double> nullMetric = new HashMap<>();
    nullMetric.put("loss", null);
    return Stream.of(
        // Envelope (shared by every message).
        c("StageJob.messageId must not be null",
            () -> job(null, 1, "p", "s", 1, StageKind.SFT, OUT, null, T0)),
        c("StageJob.messageId must not be blank",
            () -> job("  ", 1, "p", "s", 1, StageKind.SFT, OUT, null, T0)),
        c("StageJob.messageId must be a UUID string, got 'msg-1'",
            () -> job("msg-1", 1, "p", "s", 1, StageKind.SFT, OUT, null, T0)),
        c("StageJob.schemaVersion must be >= 1 (current is 1), got 0",
            () -> job(ID, 0, "p", "s", 1, StageKind.SFT, OUT, null, T0)),
        c("StageJob.pipelineId must not be null",
            () -> job(ID, 1, null, "s", 1, StageKind.SFT, OUT, null, T0)),
        c("StageJob.pipelineId must not be blank",
            () -> job(ID, 1, "", "s", 1, StageKind.SFT, OUT, null, T0)),
        c("StageJob.stageId must not be null",
            () -> job(ID, 1, "p", null, 1, StageKind.SFT, OUT, null, T0)),
        c("StageJob.attempt must be >= 1 (attempts are numbered from 1), got -1",
            () -> job(ID, 1, "p", "s", -1, StageKind.SFT, OUT, null, T0)),
        c("StageJob.attempt must be >= 1 (attempts are numbered from 1), got 0",
            () -> job(ID, 1, "p", "s", 0, StageKind.SFT, OUT, null, T0)),
        c("StageJob.createdAt must be >= 0, got -5",
            () -> job(ID, 1, "p", "s", 1, StageKind.SFT, OUT, null, -5)),
        // StageJob payload.
        c("StageJob.kind must not be null",
            () -> job(ID, 1, "p", "s", 1, null, OUT, null, T0)),
        c("StageJob.outputUri must not be null",
            () -> job(ID, 1, "p", "s", 1, StageKind.SFT, null, null, T0)),
        c("StageJob.outputUri must be an absolute URI with a scheme, got 'artifacts/out'",
            () -> job(ID, 1, "p", "s", 1, StageKind.SFT, "artifacts/out", null, T0)),
        c("StageJob.resumeFrom is not a valid URI: 'file:///a b' (Illegal character in path)",
            () -> job(ID, 1, "p", "s", 1, StageKind.SFT, OUT, "file:///a b", T0)),
        c("StageJob.inputUris[1] must not be blank",
            () -> new StageJob(ID, 1, "p", "s", 1, StageKind.SFT, null, List.of("file:///a", ""),
                OUT, null, T0)),
        c("StageJob.parameters has a null or blank key",
            () -> new StageJob(ID, 1, "p", "s", 1, StageKind.SFT, nullKey, null, OUT, null, T0)),
        // StageProgress.
        c("StageProgress.step must be >= 0, got -1", () -> progress(-1, 10, 1, 0, 0, null, null)),
        c("StageProgress.totalSteps must be >= 1, got 0", () -> progress(0, 0, 1, 0, 0, null, null)),
        c("StageProgress.step (11) must not exceed totalSteps (10)",
            () -> progress(11, 10, 1, 0, 0, null, null)),
        c("StageProgress.loss must be finite, got NaN",
            () -> progress(1, 10, Double.NaN, 0, 0, null, null)),
        c("StageProgress.lr must be a finite number >= 0, got -1.0E-4",
            () -> progress(1, 10, 1, -1e-4, 0, null, null)),
        c("StageProgress.tokensPerSecond must be a finite number >= 0, got Infinity",
            () -> progress(1, 10, 1, 0, Double.POSITIVE_INFINITY, null, null)),
        c("StageProgress.etaSeconds must be >= 0, got -3", () -> progress(1, 10, 1, 0, 0, -3L, null)),
        c("StageProgress.metrics['loss'] must not be null",
            () -> progress(1, 10, 1, 0, 0, null, nullMetric)),
        c("StageProgress.metrics['gradNorm'] must be finite, got NaN",
            () -> progress(1, 10, 1, 0, 0, null, Map.of("gradNorm", Double.NaN))),
        c("StageProgress.sentAt must be >= 0, got -1",
            () -> new StageProgress(ID, 1, "p", "s", 1, -1, 0, 1, 1, 0, 0, null, null)),
        // CheckpointSaved.
        c("CheckpointSaved.uri must not be null",
            () -> new CheckpointSaved(ID, 1, "p", "s", 1, T0, null, 1)),
        c("CheckpointSaved.step must be >= 0, got -2",
            () -> new CheckpointSaved(ID, 1, "p", "s", 1, T0, "file:///c", -2)),
        // StageCompleted.
        c("StageCompleted.outputUris[0] must be an absolute URI with a scheme, got 'model'",
            () -> new StageCompleted(ID, 1, "p", "s", 1, T0, List.of("model"), null)),
        c("StageCompleted.pipelineId must not be blank",
            () -> new StageCompleted(ID, 1, " ", "s", 1, T0, null, null)),
        // StageFailed.
        c("StageFailed.errorClass must not be null",
            () -> new StageFailed(ID, 1, "p", "s", 1, T0, null, "boom", null)),
        c("StageFailed.message must not be null",
            () -> new StageFailed(ID, 1, "p", "s", 1, T0, ErrorClass.DATA, null, null)),
        c("StageFailed.message must not be blank",
            () -> new StageFailed(ID, 1, "p", "s", 1, T0, ErrorClass.DATA, " ", null)),
        c("StageFailed.where must not be blank",
            () -> new StageFailed(ID, 1, "p", "s", 1, T0, ErrorClass.DATA, "bad", "")),
        c("StageFailed.attempt must be >= 1 (attempts are numbered from 1), got -3",
            () -> new StageFailed(ID, 1, "p", "s", -3, T0, ErrorClass.DATA, "bad", null)),
        // Heartbeat.
        c("Heartbeat.workerId must not be blank",
            () -> new Heartbeat(ID, 1, "p", "s", 1, T0, "", T0)),
        c("Heartbeat.at must be >= 0, got -1", () -> new Heartbeat(ID, 1, "p", "s", 1, T0, "w", -1)),
        // ModelPublished.
        c("ModelPublished.modelName must not be null",
            () -> new ModelPublished(ID, 1, "p", "s", 1, T0, null, 1, "file:///m")),
        c("ModelPublished.version must be >= 1, got 0",
            () -> new ModelPublished(ID, 1, "p", "s", 1, T0, "m", 0, "file:///m")),
        c("ModelPublished.uri must not be blank",
            () -> new ModelPublished(ID, 1, "p", "s", 1, T0, "m", 1, " ")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectsWithClearMessage(String expected, Executable ctor) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ctor);
    assertEquals(expected, e.getMessage());
  }
}
