package io.minimind.trainer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed access to an algorithm's own parameters (β, ε, group size, LoRA targets, reward weights...)
 * in a job's {@code parameters}. The orchestrator has already filled in the contract's defaults, so
 * a missing value falls back to the same default; a value of the wrong type or range is a {@link
 * SpecException} naming the parameter.
 */
final class AlgorithmParameters {
  private final Map<String, Object> p;

  AlgorithmParameters(Map<String, Object> p) {
    this.p = p;
  }

  double number(String name, double fallback, double min, boolean minExclusive) {
    double v = TrainParameters.number(p, name, fallback);
    if (minExclusive ? v <= min : v < min) {
      throw new SpecException("parameters." + name, "parameter " + name + " must be "
          + (minExclusive ? "> " : ">= ") + min + ", got " + v);
    }
    return v;
  }

  int integer(String name, int fallback, int min) {
    return TrainParameters.intParam(p, name, fallback, min);
  }

  boolean bool(String name, boolean fallback) {
    return TrainParameters.bool(p, name, fallback);
  }

  String text(String name, String fallback) {
    return TrainParameters.string(p, name, fallback);
  }

  /** A list of strings (LoRA targets, target tokens); may be empty (the orchestrator's default). */
  List<String> strings(String name, List<String> fallback) {
    Object v = p.get(name);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof List<?> list)) {
      throw TrainParameters.wrongType(name, "a list of strings", v);
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String s)) {
        throw TrainParameters.wrongType(name, "a list of strings", v);
      }
      out.add(s);
    }
    return List.copyOf(out);
  }

  /** A map of names to finite numbers (reward weights). */
  Map<String, Double> numberMap(String name) {
    Object v = p.get(name);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw TrainParameters.wrongType(name, "a map of names to numbers", v);
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!(e.getValue() instanceof Number n) || !Double.isFinite(n.doubleValue())) {
        throw new SpecException("parameters." + name + "." + e.getKey(), "parameter " + name + "."
            + e.getKey() + " must be a finite number, got " + e.getValue());
      }
      out.put(String.valueOf(e.getKey()), n.doubleValue());
    }
    return out;
  }
}
