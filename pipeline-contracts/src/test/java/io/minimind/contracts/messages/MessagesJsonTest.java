package io.minimind.contracts.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessagesJsonTest {
  /** A plain mapper: no modules, default settings (unknown fields fail unless the record says not). */
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static final String ID = "3f2b8c1e-9a4d-4e5f-8b6a-1c2d3e4f5a6b";
  static final long T0 = 1_767_225_600_000L;

  static StageJob job() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("epochs", 1);
    params.put("lr", 5.0E-4);
    params.put("useMoe", false);
    params.put("note", null);
    return new StageJob(ID, 1, "pl-1", "sft", 2, StageKind.SFT, params,
        List.of("file:///artifacts/pl-1/pretrain/model.safetensors"),
        "file:///artifacts/pl-1/sft/", "file:///artifacts/pl-1/sft/ckpt-200", T0);
  }

  static StageFailed failed() {
    return new StageFailed(ID, 1, "pl-1", "sft", 2, T0, ErrorClass.DATA,
        "invalid JSON: unexpected end of input", "data/sft_mini.jsonl:42");
  }

  static Stream<StageEvent> events() {
    return Stream.of(
        new StageProgress(ID, 1, "pl-1", "sft", 2, T0, 100, 1000, 2.5, 5.0E-4, 12345.5, 60L,
            Map.of("gradNorm", 0.75)),
        new StageProgress(ID, 1, "pl-1", "sft", 1, T0, 0, 1, 9.0, 0.0, 0.0, null, null),
        new CheckpointSaved(ID, 1, "pl-1", "sft", 2, T0, "file:///artifacts/pl-1/sft/ckpt-200", 200),
        new StageCompleted(ID, 1, "pl-1", "sft", 2, T0, List.of("file:///artifacts/pl-1/sft/model"),
            Map.of("finalLoss", 1.9)),
        failed(),
        new StageFailed(ID, 1, "pl-1", "sft", 2, T0, ErrorClass.TRANSIENT, "CUDA out of memory", null),
        new Heartbeat(ID, 1, "pl-1", "sft", 2, T0, "trainer-7f9c", T0 - 5),
        new ModelPublished(ID, 1, "pl-1", "publish", 1, T0, "minimind-tiny", 3,
            "file:///artifacts/models/minimind-tiny/3"));
  }

  @Test
  void stageJobRoundTrip() throws Exception {
    StageJob job = job();
    String json = MAPPER.writeValueAsString(job);
    assertEquals(job, MAPPER.readValue(json, StageJob.class));
    StageJob fresh = new StageJob(ID, 1, "p", "s", 1, StageKind.TOKENIZER_TRAIN, null, null,
        "file:///a/", null, T0);
    assertEquals(fresh, MAPPER.readValue(MAPPER.writeValueAsString(fresh), StageJob.class));
  }

  @ParameterizedTest
  @MethodSource("events")
  void eventRoundTripAsInterfaceAndAsRecord(StageEvent event) throws Exception {
    String json = MAPPER.writeValueAsString(event);
    assertTrue(json.startsWith("{\"type\":\""), json);
    StageEvent back = MAPPER.readValue(json, StageEvent.class);
    assertEquals(event, back);
    assertEquals(event, MAPPER.readValue(json, event.getClass()));
    // Serialising through the interface type gives the same JSON.
    assertEquals(json, MAPPER.writerFor(StageEvent.class).writeValueAsString(event));
  }

  @Test
  void stageJobGoldenJson() throws Exception {
    String golden = "{\"messageId\":\"" + ID + "\",\"schemaVersion\":1,\"pipelineId\":\"pl-1\","
        + "\"stageId\":\"sft\",\"attempt\":2,\"kind\":\"sft\","
        + "\"parameters\":{\"epochs\":1,\"lr\":5.0E-4,\"useMoe\":false,\"note\":null},"
        + "\"inputUris\":[\"file:///artifacts/pl-1/pretrain/model.safetensors\"],"
        + "\"outputUri\":\"file:///artifacts/pl-1/sft/\","
        + "\"resumeFrom\":\"file:///artifacts/pl-1/sft/ckpt-200\",\"createdAt\":" + T0 + "}";
    assertEquals(golden, MAPPER.writeValueAsString(job()));
    assertEquals(job(), MAPPER.readValue(golden, StageJob.class));
  }

  @Test
  void stageFailedGoldenJson() throws Exception {
    String golden = "{\"type\":\"stage-failed\",\"messageId\":\"" + ID + "\",\"schemaVersion\":1,"
        + "\"pipelineId\":\"pl-1\",\"stageId\":\"sft\",\"attempt\":2,\"sentAt\":" + T0 + ","
        + "\"errorClass\":\"DATA\",\"message\":\"invalid JSON: unexpected end of input\","
        + "\"where\":\"data/sft_mini.jsonl:42\"}";
    assertEquals(golden, MAPPER.writeValueAsString(failed()));
    assertEquals(failed(), MAPPER.readValue(golden, StageEvent.class));
  }

  @Test
  void otherEventsGoldenJson() throws Exception {
    List<StageEvent> ev = events().toList();
    String env = "\"messageId\":\"" + ID + "\",\"schemaVersion\":1,\"pipelineId\":\"pl-1\","
        + "\"stageId\":\"sft\",\"attempt\":2,\"sentAt\":" + T0 + ",";
    assertEquals("{\"type\":\"stage-progress\"," + env + "\"step\":100,\"totalSteps\":1000,"
        + "\"loss\":2.5,\"lr\":5.0E-4,\"tokensPerSecond\":12345.5,\"etaSeconds\":60,"
        + "\"metrics\":{\"gradNorm\":0.75}}", MAPPER.writeValueAsString(ev.get(0)));
    assertEquals("{\"type\":\"checkpoint-saved\"," + env
        + "\"uri\":\"file:///artifacts/pl-1/sft/ckpt-200\",\"step\":200}",
        MAPPER.writeValueAsString(ev.get(2)));
    assertEquals("{\"type\":\"stage-completed\"," + env
        + "\"outputUris\":[\"file:///artifacts/pl-1/sft/model\"],\"metrics\":{\"finalLoss\":1.9}}",
        MAPPER.writeValueAsString(ev.get(3)));
    assertEquals("{\"type\":\"heartbeat\"," + env + "\"workerId\":\"trainer-7f9c\",\"at\":"
        + (T0 - 5) + "}", MAPPER.writeValueAsString(ev.get(6)));
    assertEquals("{\"type\":\"model-published\",\"messageId\":\"" + ID + "\",\"schemaVersion\":1,"
        + "\"pipelineId\":\"pl-1\",\"stageId\":\"publish\",\"attempt\":1,\"sentAt\":" + T0 + ","
        + "\"modelName\":\"minimind-tiny\",\"version\":3,"
        + "\"uri\":\"file:///artifacts/models/minimind-tiny/3\"}",
        MAPPER.writeValueAsString(ev.get(7)));
  }

  @Test
  void stageKindWireValues() throws Exception {
    String[] expected = {"tokenizer-train", "tokenize-dataset", "pretrain", "sft", "reason", "lora",
        "dpo", "distill", "ppo", "grpo", "cispo", "spo", "publish"};
    StageKind[] kinds = StageKind.values();
    assertEquals(expected.length, kinds.length);
    for (int i = 0; i < kinds.length; i++) {
      assertEquals('"' + expected[i] + '"', MAPPER.writeValueAsString(kinds[i]));
      assertEquals(kinds[i], MAPPER.readValue('"' + expected[i] + '"', StageKind.class));
      assertEquals(kinds[i], StageKind.fromWireName(expected[i]));
      assertEquals(expected[i], kinds[i].wireName());
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> StageKind.fromWireName("TOKENIZER_TRAIN"));
    assertEquals("unknown stage kind 'TOKENIZER_TRAIN', expected one of: tokenizer-train, "
        + "tokenize-dataset, pretrain, sft, reason, lora, dpo, distill, ppo, grpo, cispo, spo, publish",
        e.getMessage());
  }

  @Test
  void errorClassWireValuesAndRetriable() throws Exception {
    for (ErrorClass c : ErrorClass.values()) {
      assertEquals('"' + c.name() + '"', MAPPER.writeValueAsString(c));
    }
    assertFalse(ErrorClass.DATA.retriable());
    assertFalse(ErrorClass.SPEC.retriable());
    assertTrue(ErrorClass.TRANSIENT.retriable());
    assertFalse(ErrorClass.INTERNAL.retriable());
  }

  @Test
  void unknownFieldsAreIgnoredOnRead() throws Exception {
    String json = MAPPER.writeValueAsString(job());
    String extended = "{\"futureField\":{\"nested\":[1,2]},\"priority\":7," + json.substring(1);
    assertEquals(job(), MAPPER.readValue(extended, StageJob.class));

    for (StageEvent ev : events().toList()) {
      String e = MAPPER.writeValueAsString(ev);
      String withExtra = e.substring(0, e.length() - 1) + ",\"traceId\":\"abc\",\"x\":{\"y\":1}}";
      assertEquals(ev, MAPPER.readValue(withExtra, StageEvent.class));
      assertEquals(ev, MAPPER.readValue(withExtra, ev.getClass()));
    }
  }

  @Test
  void unknownEventTypeIsRejected() {
    String json = "{\"type\":\"rollout-scored\",\"messageId\":\"" + ID + "\"}";
    assertThrows(Exception.class, () -> MAPPER.readValue(json, StageEvent.class));
  }

  @Test
  void validationErrorSurfacesThroughJackson() {
    String json = "{\"type\":\"heartbeat\",\"messageId\":\"" + ID + "\",\"schemaVersion\":1,"
        + "\"pipelineId\":\"pl-1\",\"stageId\":\" \",\"attempt\":1,\"sentAt\":1,"
        + "\"workerId\":\"w\",\"at\":1}";
    ValueInstantiationException e = assertThrows(ValueInstantiationException.class,
        () -> MAPPER.readValue(json, StageEvent.class));
    assertInstanceOf(IllegalArgumentException.class, e.getCause());
    assertEquals("Heartbeat.stageId must not be blank", e.getCause().getMessage());
  }

  @Test
  void factoriesFillTheEnvelope() {
    StageJob j = StageJob.create("pl-9", "pretrain", 1, StageKind.PRETRAIN, Map.of("epochs", 2),
        List.of(), "file:///artifacts/pl-9/pretrain/", null);
    assertEquals(Messages.SCHEMA_VERSION, j.schemaVersion());
    CheckpointSaved c = CheckpointSaved.of(j, "file:///artifacts/pl-9/pretrain/ckpt-10", 10);
    assertEquals("pl-9", c.pipelineId());
    assertEquals("pretrain", c.stageId());
    assertEquals(1, c.attempt());
    assertNotEquals(j.messageId(), c.messageId());
    assertTrue(c.sentAt() > 0);
  }

  @Test
  void collectionsAreDefensivelyCopiedAndUnmodifiable() {
    List<String> uris = new java.util.ArrayList<>(List.of("file:///a"));
    StageCompleted done = new StageCompleted(ID, 1, "p", "s", 1, T0, uris, null);
    uris.add("file:///b");
    assertEquals(List.of("file:///a"), done.outputUris());
    assertEquals(Map.of(), done.metrics());
    assertThrows(UnsupportedOperationException.class, () -> done.outputUris().add("file:///c"));
    assertThrows(UnsupportedOperationException.class, () -> job().parameters().put("x", 1));
  }
}
