package io.minimind.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What {@code run} prints: one line per stage change, and a rejected spec's pointers. */
class ProgressOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode pipeline(String state, String stageState, Integer step, Double loss) throws Exception {
    String metrics = step == null ? "null" : "{\"step\":" + step + ",\"totalSteps\":200,\"loss\":" + loss + "}";
    return JSON.readTree("{\"name\":\"p\",\"state\":\"" + state + "\",\"stages\":[{\"id\":\"pretrain\",\"state\":\""
        + stageState + "\",\"attempt\":1,\"latestMetrics\":" + metrics + ",\"error\":null}]}");
  }

  @Test
  void printsOnlyChanges() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ProgressPrinter p = new ProgressPrinter(new PrintStream(buf, true, StandardCharsets.UTF_8));
    p.update(pipeline("RUNNING", "RUNNING", null, null));
    p.update(pipeline("RUNNING", "RUNNING", null, null));
    p.update(pipeline("RUNNING", "RUNNING", 10, 8.64651));
    assertEquals("SUCCEEDED", p.update(pipeline("SUCCEEDED", "SUCCEEDED", 10, 8.64651)));
    String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(5, lines.length, String.join("\n", lines));
    assertTrue(lines[2].endsWith("pretrain     RUNNING    step 10/200  loss 8.6465"), lines[2]);
    assertTrue(lines[4].endsWith("pipeline p SUCCEEDED"), lines[4]);
  }

  @Test
  void aFailedStageShowsItsErrorClassAndPlace() throws Exception {
    JsonNode stage = JSON.readTree("{\"id\":\"sft\",\"state\":\"FAILED\",\"attempt\":2,\"latestMetrics\":null,"
        + "\"error\":{\"errorClass\":\"DATA\",\"message\":\"bad line\",\"where\":\"sft.jsonl:3\"}}");
    assertEquals("sft          FAILED      attempt 2  DATA: bad line (sft.jsonl:3)", ProgressPrinter.stageLine(stage));
  }

  @Test
  void a422ListsEveryPointer() {
    String body = "{\"type\":\"SpecValidationException\",\"code\":422,\"message\":\"invalid pipeline spec (2 errors)\\n/stages/0/kind: unknown\","
        + "\"errors\":[{\"pointer\":\"/stages/0/kind\",\"message\":\"unknown kind 'pretrian'\"},"
        + "{\"pointer\":\"/datasets/sft\",\"message\":\"missing\"}]}";
    assertEquals("the orchestrator answered 422: invalid pipeline spec (2 errors)\n"
        + "  /stages/0/kind: unknown kind 'pretrian'\n  /datasets/sft: missing",
        OrchestratorApi.describeError(422, body));
  }
}
