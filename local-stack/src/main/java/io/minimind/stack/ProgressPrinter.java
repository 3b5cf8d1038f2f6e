package io.minimind.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns successive pipeline views ({@code GET /v1/pipelines/{id}} or one server-sent event) into one
 * line per change: a stage's state, attempt, step/total or loss. The orchestrator sends the whole
 * pipeline on every change; printing only what changed keeps a run readable in a terminal.
 */
public final class ProgressPrinter {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private final PrintStream out;
  private final Map<String, String> lastLine = new HashMap<>();
  private String lastState;

  public ProgressPrinter(PrintStream out) {
    this.out = out;
  }

  /** Prints what changed since the previous view; returns the pipeline's state. */
  public String update(JsonNode pipeline) {
    for (JsonNode stage : pipeline.path("stages")) {
      String id = stage.path("id").asText();
      String line = stageLine(stage);
      if (!line.equals(lastLine.put(id, line))) {
        out.println(LocalTime.now().format(TIME) + "  " + line);
      }
    }
    String state = pipeline.path("state").asText();
    if (!state.equals(lastState)) {
      lastState = state;
      String error = pipeline.path("error").isTextual() ? ": " + pipeline.path("error").asText() : "";
      out.println(LocalTime.now().format(TIME) + "  pipeline " + pipeline.path("name").asText() + " " + state + error);
    }
    return state;
  }

  /** {@code pretrain  RUNNING  step 40/200  loss 5.1234  attempt 1}, fields present only when known. */
  static String stageLine(JsonNode stage) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-12s %-10s",
        stage.path("id").asText(), stage.path("state").asText()));
    JsonNode m = stage.path("latestMetrics");
    if (m.has("step")) {
      b.append(" step ").append(m.path("step").asLong());
      if (m.path("totalSteps").asLong() > 0) {
        b.append('/').append(m.path("totalSteps").asLong());
      }
    }
    if (m.path("loss").isNumber()) {
      b.append(String.format(Locale.ROOT, "  loss %.4f", m.path("loss").asDouble()));
    } else if (m.path("finalLoss").isNumber()) {
      b.append(String.format(Locale.ROOT, "  final loss %.4f", m.path("finalLoss").asDouble()));
    }
    if (stage.path("attempt").asInt() > 1) {
      b.append("  attempt ").append(stage.path("attempt").asInt());
    }
    JsonNode error = stage.path("error");
    if (error.isObject()) {
      b.append("  ").append(error.path("errorClass").asText()).append(": ").append(error.path("message").asText());
      if (error.path("where").isTextual()) {
        b.append(" (").append(error.path("where").asText()).append(')');
      }
    }
    return b.toString().stripTrailing();
  }
}
