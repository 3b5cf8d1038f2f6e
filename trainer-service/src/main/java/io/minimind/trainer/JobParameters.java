package io.minimind.trainer;

import io.minimind.contracts.messages.StageKind;
import io.minimind.contracts.spec.SpecError;
import io.minimind.contracts.spec.StageParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A job's parameters checked against the contract's table for its kind, with the same ranges the
 * orchestrator checks at submission (a job can also come from another producer, or an older
 * orchestrator), and the table's defaults filled in. The keys the orchestrator's planner adds
 * outside the table ({@code preset}, {@code overrides}, {@code tokenizerUri}) pass through; other
 * unknown keys are left out and listed by {@link #ignored}.
 */
final class JobParameters {
  /** Keys the planner adds to a training job besides the table's. */
  static final Set<String> PLANNER_KEYS = Set.of("preset", "overrides", "tokenizerUri");

  private JobParameters() {}

  /**
   * @throws SpecException naming the first bad parameter ({@code parameters.<name>})
   */
  static Map<String, Object> checked(StageKind kind, Map<String, Object> given) {
    List<String> names = StageParameters.names(kind);
    Map<String, Object> inTable = new LinkedHashMap<>();
    Map<String, Object> extras = new LinkedHashMap<>();
    given.forEach((k, v) -> {
      if (names.contains(k)) {
        inTable.put(k, v);
      } else if (PLANNER_KEYS.contains(k)) {
        extras.put(k, v);
      }
    });
    List<SpecError> errors = new ArrayList<>();
    Map<String, Object> out = new LinkedHashMap<>(StageParameters.validate(kind, inTable, "", errors));
    if (!errors.isEmpty()) {
      SpecError first = errors.get(0);
      String where = "parameters" + first.pointer().replace('/', '.');
      throw new SpecException(where, where + " " + first.message()
          + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more problems)" : ""));
    }
    out.putAll(extras);
    return out;
  }

  /** Keys of {@code given} that are neither in the kind's table nor added by the planner. */
  static List<String> ignored(StageKind kind, Map<String, Object> given) {
    List<String> names = StageParameters.names(kind);
    return given.keySet().stream().filter(k -> !names.contains(k) && !PLANNER_KEYS.contains(k))
        .sorted().toList();
  }
}
